package io.lanyard.contracts.identity;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.lanyard.contracts.EventType;
import io.lanyard.contracts.IdentityEvents;
import java.time.Instant;
import java.util.UUID;

/**
 * The data of {@code io.lanyard.identity.UserUpdated.v1}: a user's profile changed; carries the
 * whole profile after the change.
 *
 * <p>Properties added since the first version are left out of the JSON when null, so an event that
 * does not use them is written as it always was.
 *
 * <p>The public form of the event, as its JSON Schema describes it; the build keeps the two in
 * step.
 */
public record UserUpdatedV1(
    UUID userId,
    String tenantId,
    String username,
    String displayName,
    String email,
    String orgUnit,
    String locale,
    @JsonInclude(JsonInclude.Include.NON_NULL) Instant validFrom,
    @JsonInclude(JsonInclude.Include.NON_NULL) Instant validUntil) {

  public static final EventType TYPE = IdentityEvents.USER_UPDATED;
}
