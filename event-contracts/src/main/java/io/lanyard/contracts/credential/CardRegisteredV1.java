package io.lanyard.contracts.credential;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.lanyard.contracts.CredentialEvents;
import io.lanyard.contracts.EventType;
import io.lanyard.contracts.WireValues;
import java.util.UUID;

/**
 * The data of {@code io.lanyard.credential.CardRegistered.v1}: a card now belongs to the user.
 *
 * <p>The public form of the event, as its JSON Schema describes it; the build keeps the two in
 * step.
 */
public record CardRegisteredV1(
    UUID userId,
    String tenantId,
    UUID cardId,
    String cardHash,
    String cardCiphertext,
    String maskedNumber,
    String label,
    Source source,
    String registeredBy) {

  public static final EventType TYPE = CredentialEvents.CARD_REGISTERED;

  /** source's coded values; {@link WireValues} reads and writes them. */
  public enum Source {
    @JsonProperty("admin")
    ADMIN,
    @JsonProperty("device")
    DEVICE,
    @JsonProperty("directory")
    DIRECTORY
  }
}
