package io.lanyard.contracts.identity;

import io.lanyard.contracts.EventType;
import io.lanyard.contracts.IdentityEvents;
import java.util.UUID;

/**
 * The data of {@code io.lanyard.identity.UserUpdated.v1}: a user's profile changed; carries the
 * whole profile after the change.
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
    String locale) {

  public static final EventType TYPE = IdentityEvents.USER_UPDATED;
}
