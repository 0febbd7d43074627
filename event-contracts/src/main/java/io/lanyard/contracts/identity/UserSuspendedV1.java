package io.lanyard.contracts.identity;

import io.lanyard.contracts.EventType;
import io.lanyard.contracts.IdentityEvents;
import java.util.UUID;

/**
 * The data of {@code io.lanyard.identity.UserSuspended.v1}: a user was suspended: their codes and
 * cards stop working.
 *
 * <p>The public form of the event, as its JSON Schema describes it; the build keeps the two in
 * step.
 */
public record UserSuspendedV1(UUID userId, String tenantId) {

  public static final EventType TYPE = IdentityEvents.USER_SUSPENDED;
}
