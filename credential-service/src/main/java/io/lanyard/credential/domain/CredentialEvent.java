package io.lanyard.credential.domain;

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
   * @param reason {@code initial}, {@code generated}, {@code admin}, {@code directory} or {@code
   *     regenerated_after_source_removal}
   * @param changedBy who: a user id, {@code directory}, or {@code system}
   */
  record AccessCodeChanged(
      String userId,
      String tenantId,
      String codeHash,
      String codeCiphertext,
      String reason,
      boolean notifyUser,
      String changedBy)
      implements CredentialEvent {}

  record AccessCodeRevealed(String userId, String tenantId, String revealedBy)
      implements CredentialEvent {}

  /**
   * @param source {@code admin}, {@code device} or {@code directory}
   */
  record CardRegistered(
      String userId,
      String tenantId,
      String cardId,
      String cardHash,
      String cardCiphertext,
      String maskedNumber,
      String label,
      String source,
      String registeredBy)
      implements CredentialEvent {}

  record CardRemoved(String userId, String tenantId, String cardId, String removedBy)
      implements CredentialEvent {}

  /** The user is gone: their code and cards are free for others. */
  record CredentialsRevoked(String userId, String tenantId, String reason)
      implements CredentialEvent {}

  /**
   * The user asked for their current code by email (notification-service sends it). No code, no
   * address: only when, which is what the rate limit counts.
   *
   * @param requestedAt an ISO-8601 instant
   */
  record AccessCodeEmailRequested(String userId, String tenantId, String requestedAt)
      implements CredentialEvent {}
}
