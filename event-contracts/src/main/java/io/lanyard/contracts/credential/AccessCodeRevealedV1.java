package io.lanyard.contracts.credential;

import io.lanyard.contracts.CredentialEvents;
import io.lanyard.contracts.EventType;
import java.util.UUID;

/**
 * The data of {@code io.lanyard.credential.AccessCodeRevealed.v1}: an admin revealed a user's
 * access code (audit).
 *
 * <p>The public form of the event, as its JSON Schema describes it; the build keeps the two in
 * step.
 */
public record AccessCodeRevealedV1(UUID userId, String tenantId, String revealedBy) {

  public static final EventType TYPE = CredentialEvents.ACCESS_CODE_REVEALED;
}
