package io.lanyard.contracts.credential;

import io.lanyard.contracts.CredentialEvents;
import io.lanyard.contracts.EventType;
import java.util.UUID;

/**
 * The data of {@code io.lanyard.credential.CardNumbersExported.v1}: an export of the tenant's
 * credentials with card numbers in clear included this user's cards; the user's history shows it.
 *
 * <p>The public form of the event, as its JSON Schema describes it; the build keeps the two in
 * step.
 */
public record CardNumbersExportedV1(UUID userId, String tenantId, String exportedBy) {

  public static final EventType TYPE = CredentialEvents.CARD_NUMBERS_EXPORTED;
}
