package io.lanyard.credential.domain;

import java.time.Instant;

/** What happened to one user's credentials; the stream of a user's credentials is keyed by them. */
public sealed interface CredentialEvent
    permits CredentialEvent.AccessCodeChanged,
        CredentialEvent.AccessCodeRevealed,
        CredentialEvent.CardRegistered,
        CredentialEvent.CardRemoved,
        CredentialEvent.CredentialsRevoked,
        CredentialEvent.AccessCodeEmailRequested,
        CredentialEvent.AccessCodeExpiryChanged,
        CredentialEvent.AccessCodeExpired,
        CredentialEvent.AccessCodeRotationDue,
        CredentialEvent.CardNumbersExported {

  String userId();

  String tenantId();

  /**
   * @param changedBy who: a user id, or one of {@link Actors}
   * @param window when the new code works ({@link CodeWindow#NONE}: from now, without end)
   * @param cause what made it change when no one did by hand ({@code null}: someone did)
   */
  record AccessCodeChanged(
      String userId,
      String tenantId,
      String codeHash,
      String codeCiphertext,
      CodeReason reason,
      boolean notifyUser,
      String changedBy,
      CodeWindow window,
      CodeCause cause)
      implements CredentialEvent {

    public AccessCodeChanged {
      window = window == null ? CodeWindow.NONE : window;
    }

    /** A code without a window, set by someone. */
    public AccessCodeChanged(
        String userId,
        String tenantId,
        String codeHash,
        String codeCiphertext,
        CodeReason reason,
        boolean notifyUser,
        String changedBy) {
      this(userId, tenantId, codeHash, codeCiphertext, reason, notifyUser, changedBy, null, null);
    }
  }

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

  /**
   * The current code's window changed, the code did not ({@code window.expiresAt} null: it no
   * longer expires).
   */
  record AccessCodeExpiryChanged(
      String userId, String tenantId, CodeWindow window, String changedBy)
      implements CredentialEvent {

    public AccessCodeExpiryChanged {
      window = window == null ? CodeWindow.NONE : window;
    }
  }

  /**
   * The scheduler saw the current code's deadline pass. At most one per code and deadline.
   *
   * @param expiredAt the deadline (the code's {@code expiresAt}), not when it was seen
   */
  record AccessCodeExpired(String userId, String tenantId, String codeHash, Instant expiredAt)
      implements CredentialEvent {}

  /** The current code will be rotated at {@code rotatesAt}: its user is warned. Once per code. */
  record AccessCodeRotationDue(String userId, String tenantId, Instant rotatesAt)
      implements CredentialEvent {}

  /**
   * An export of the tenant's credentials with card numbers in clear included this user's cards:
   * who exported them is in the user's history.
   */
  record CardNumbersExported(String userId, String tenantId, String exportedBy)
      implements CredentialEvent {}
}
