package io.lanyard.contracts.identity;

import io.lanyard.contracts.EventType;
import io.lanyard.contracts.IdentityEvents;
import java.util.UUID;

/**
 * The data of {@code io.lanyard.identity.UserDeleted.v1}: a user was deleted; their credentials are
 * revoked.
 *
 * <p>The public form of the event, as its JSON Schema describes it; the build keeps the two in
 * step.
 */
public record UserDeletedV1(UUID userId, String tenantId) {

  public static final EventType TYPE = IdentityEvents.USER_DELETED;
}
