package io.lanyard.contracts.credential;

import io.lanyard.contracts.CredentialEvents;
import io.lanyard.contracts.EventType;
import java.time.Instant;
import java.util.UUID;

/**
 * The data of {@code io.lanyard.credential.AccessCodeEmailRequested.v1}: a signed-in user asked for
 * their current access code to be emailed to their own address (a reminder). No code and no
 * address: notification-service knows both. Rate-limited per user by the stream's own events.
 *
 * <p>The public form of the event, as its JSON Schema describes it; the build keeps the two in
 * step.
 */
public record AccessCodeEmailRequestedV1(UUID userId, String tenantId, Instant requestedAt) {

  public static final EventType TYPE = CredentialEvents.ACCESS_CODE_EMAIL_REQUESTED;
}
