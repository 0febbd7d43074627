package io.lanyard.contracts.credential;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.lanyard.contracts.CredentialEvents;
import io.lanyard.contracts.EventType;
import io.lanyard.contracts.WireValues;
import java.util.UUID;

/**
 * The data of {@code io.lanyard.credential.CredentialsRevoked.v1}: the user was deleted: their code
 * and cards are free for others.
 *
 * <p>The public form of the event, as its JSON Schema describes it; the build keeps the two in
 * step.
 */
public record CredentialsRevokedV1(UUID userId, String tenantId, Reason reason) {

  public static final EventType TYPE = CredentialEvents.CREDENTIALS_REVOKED;

  /** reason's coded values; {@link WireValues} reads and writes them. */
  public enum Reason {
    @JsonProperty("user_deleted")
    USER_DELETED
  }
}
