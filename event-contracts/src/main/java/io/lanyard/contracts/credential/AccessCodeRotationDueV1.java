package io.lanyard.contracts.credential;

import io.lanyard.contracts.CredentialEvents;
import io.lanyard.contracts.EventType;
import java.time.Instant;
import java.util.UUID;

/**
 * The data of {@code io.lanyard.credential.AccessCodeRotationDue.v1}: the tenant's policy will
 * rotate a user's access code at {@code rotatesAt}; notification-service emails the user the
 * warning. At most one per code.
 *
 * <p>The public form of the event, as its JSON Schema describes it; the build keeps the two in
 * step.
 */
public record AccessCodeRotationDueV1(UUID userId, String tenantId, Instant rotatesAt) {

  public static final EventType TYPE = CredentialEvents.ACCESS_CODE_ROTATION_DUE;
}
