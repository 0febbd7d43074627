package io.lanyard.contracts.identity;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.lanyard.contracts.EventType;
import io.lanyard.contracts.IdentityEvents;
import java.time.Instant;
import java.util.UUID;

/**
 * The data of {@code io.lanyard.identity.UserCreated.v2}: a user was created by an admin or
 * provisioned from a directory. What identifies the person (username, display name, email, the
 * directory's id) is {@code personal}, sealed under the user's data key ({@link UserPersonal}, ADR
 * 7); the rest is {@link UserCreatedV1}'s.
 *
 * <p>The public form of the event, as its JSON Schema describes it; the build keeps the two in
 * step.
 */
public record UserCreatedV2(
    UUID userId,
    String tenantId,
    String personal,
    String orgUnit,
    String locale,
    UserCreatedV1.Origin origin,
    @JsonInclude(JsonInclude.Include.NON_NULL) UserCreatedV1.Kind kind,
    @JsonInclude(JsonInclude.Include.NON_NULL) Instant validFrom,
    @JsonInclude(JsonInclude.Include.NON_NULL) Instant validUntil,
    @JsonInclude(JsonInclude.Include.NON_NULL) Boolean firstCodeFollows) {

  public static final EventType TYPE = IdentityEvents.USER_CREATED_V2;

  /** The event as v1 said it, with the person's data opened ({@code null}s once erased). */
  public UserCreatedV1 opened(UserPersonal person) {
    return new UserCreatedV1(
        userId,
        tenantId,
        person.username(),
        person.displayName(),
        person.email(),
        orgUnit,
        locale,
        origin,
        person.externalId(),
        kind,
        validFrom,
        validUntil,
        firstCodeFollows);
  }
}
