package io.lanyard.contracts.identity;

import io.lanyard.contracts.EventType;
import io.lanyard.contracts.IdentityEvents;
import java.util.UUID;

/**
 * The data of {@code io.lanyard.identity.UserErased.v1}: a deleted user's data key was destroyed
 * (ADR 7). Every service removes the person's data from its projections, delivery logs and caches;
 * what their events sealed under that key can no longer be opened. It carries no personal data.
 *
 * <p>The public form of the event, as its JSON Schema describes it; the build keeps the two in
 * step.
 */
public record UserErasedV1(UUID userId, String tenantId, String erasedBy) {

  public static final EventType TYPE = IdentityEvents.USER_ERASED;
}
