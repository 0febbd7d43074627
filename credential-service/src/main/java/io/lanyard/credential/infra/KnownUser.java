package io.lanyard.credential.infra;

import io.lanyard.credential.domain.CodeWindow;
import java.time.Instant;
import java.util.UUID;

/**
 * A user as credential-service knows them from identity's events. Fields identity did not send (a
 * user announced by directory-sync before their {@code UserCreated} arrived, or known from before
 * these columns existed) are {@code null}.
 *
 * @param status {@code active}, {@code suspended} or {@code deleted}
 * @param origin {@code manual}, {@code google} or {@code scim}
 * @param kind {@code person} or {@code guest}
 * @param validFrom a guest's window's start; {@code null} for a person
 * @param validUntil a guest's window's end; {@code null} for a person
 */
public record KnownUser(
    UUID id,
    String tenantId,
    String username,
    String displayName,
    String email,
    String orgUnit,
    String status,
    String origin,
    String kind,
    Instant validFrom,
    Instant validUntil) {

  public static final String GUEST = "guest";

  public boolean isGuest() {
    return GUEST.equals(kind);
  }

  /** The window a guest's code works in; {@link CodeWindow#NONE} for a person. */
  public CodeWindow guestWindow() {
    return isGuest() ? new CodeWindow(validFrom, validUntil) : CodeWindow.NONE;
  }
}
