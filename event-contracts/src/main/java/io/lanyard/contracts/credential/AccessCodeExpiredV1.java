package io.lanyard.contracts.credential;

import io.lanyard.contracts.CredentialEvents;
import io.lanyard.contracts.EventType;
import java.time.Instant;
import java.util.UUID;

/**
 * The data of {@code io.lanyard.credential.AccessCodeExpired.v1}: a user's access code reached its
 * expiresAt, {@code expiredAt}, and no longer works. The scheduler records it at most once per code
 * ({@code codeHash} and {@code expiredAt}); the gateway refuses the code from that instant by its
 * own clock, without waiting for this event.
 *
 * <p>The public form of the event, as its JSON Schema describes it; the build keeps the two in
 * step.
 */
public record AccessCodeExpiredV1(
    UUID userId, String tenantId, String codeHash, Instant expiredAt) {

  public static final EventType TYPE = CredentialEvents.ACCESS_CODE_EXPIRED;
}
