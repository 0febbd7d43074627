package io.lanyard.credential.domain;

import java.time.Instant;

/** What happened to one user's credentials; the stream of a user's credentials is keyed by them. */
public sealed interface CredentialEvent
    permits CredentialEvent.AccessCodeChanged,
        CredentialEvent.AccessCodeRevealed,
        CredentialEvent.CardRegistered,
        CredentialEvent.CardRemoved,
        CredentialEvent.CredentialsRevoked,
        CredentialEvent.AccessCodeEmailRequested {

  String userId();

  String tenantId();

  /**
   * @param changedBy who: a user id, or one of {@link Actors}
   */
  record AccessCodeChanged(
      String userId,
      String tenantId,
      String codeHash,
      String codeCiphertext,
      CodeReason reason,
      boolean notifyUser,
      String changedBy)
      implements CredentialEvent {}

  record AccessCodeRevealed(String userId, String tenantId, String revealedBy)
      implements CredentialEvent {}

  record CardRegistered(
      String userId,
      String tenantId,
      String cardId,
      String cardHash,
      String cardCiphertext,
      String maskedNumber,
      String label,
      CardSource source,
      String registeredBy)
      implements CredentialEvent {}

  record CardRemoved(String userId, String tenantId, String cardId, String removedBy)
      implements CredentialEvent {}

  /** The user is gone: their code and cards are free for others. */
  record CredentialsRevoked(String userId, String tenantId, RevokeReason reason)
      implements CredentialEvent {}

  /**
   * The user asked for their current code by email (notification-service sends it). No code, no
   * address: only when, which is what the rate limit counts.
   */
  record AccessCodeEmailRequested(String userId, String tenantId, Instant requestedAt)
      implements CredentialEvent {}
}
