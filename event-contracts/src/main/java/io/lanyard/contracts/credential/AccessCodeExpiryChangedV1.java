package io.lanyard.contracts.credential;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.lanyard.contracts.CredentialEvents;
import io.lanyard.contracts.EventType;
import java.time.Instant;
import java.util.UUID;

/**
 * The data of {@code io.lanyard.credential.AccessCodeExpiryChanged.v1}: the window of a user's
 * current access code changed; the code did not. {@code expiresAt} null: it no longer expires.
 *
 * <p>The public form of the event, as its JSON Schema describes it; the build keeps the two in
 * step.
 */
public record AccessCodeExpiryChangedV1(
    UUID userId,
    String tenantId,
    @JsonInclude(JsonInclude.Include.NON_NULL) Instant validFrom,
    @JsonInclude(JsonInclude.Include.NON_NULL) Instant expiresAt,
    String changedBy) {

  public static final EventType TYPE = CredentialEvents.ACCESS_CODE_EXPIRY_CHANGED;
}
