package io.lanyard.contracts.identity;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.lanyard.contracts.EventType;
import io.lanyard.contracts.IdentityEvents;
import java.time.Instant;
import java.util.UUID;

/**
 * The data of {@code io.lanyard.identity.UserUpdated.v2}: a user's profile changed; carries the
 * whole profile after the change, what identifies the person sealed in {@code personal} ({@link
 * UserPersonal}, ADR 7; its {@code externalId} is always null here: a user's directory id never
 * changes).
 *
 * <p>The public form of the event, as its JSON Schema describes it; the build keeps the two in
 * step.
 */
public record UserUpdatedV2(
    UUID userId,
    String tenantId,
    String personal,
    String orgUnit,
    String locale,
    @JsonInclude(JsonInclude.Include.NON_NULL) Instant validFrom,
    @JsonInclude(JsonInclude.Include.NON_NULL) Instant validUntil) {

  public static final EventType TYPE = IdentityEvents.USER_UPDATED_V2;

  /** The event as v1 said it, with the person's data opened ({@code null}s once erased). */
  public UserUpdatedV1 opened(UserPersonal person) {
    return new UserUpdatedV1(
        userId,
        tenantId,
        person.username(),
        person.displayName(),
        person.email(),
        orgUnit,
        locale,
        validFrom,
        validUntil);
  }
}
