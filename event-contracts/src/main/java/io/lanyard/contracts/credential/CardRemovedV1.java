package io.lanyard.contracts.credential;

import io.lanyard.contracts.CredentialEvents;
import io.lanyard.contracts.EventType;
import java.util.UUID;

/**
 * The data of {@code io.lanyard.credential.CardRemoved.v1}: a card no longer belongs to the user.
 *
 * <p>The public form of the event, as its JSON Schema describes it; the build keeps the two in
 * step.
 */
public record CardRemovedV1(UUID userId, String tenantId, UUID cardId, String removedBy) {

  public static final EventType TYPE = CredentialEvents.CARD_REMOVED;
}
