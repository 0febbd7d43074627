package io.lanyard.contracts;

/**
 * The events credential-service publishes on {@link Topics#CREDENTIAL}, keyed by user id (a
 * tenant's policy: by {@code policy:<tenant>}; a job's: by job id). Codes and card numbers travel
 * only as keyed hashes and ciphertexts.
 */
public final class CredentialEvents {

  public static final EventType ACCESS_CODE_CHANGED =
      EventType.of("credential", "AccessCodeChanged", 1);
  public static final EventType ACCESS_CODE_REVEALED =
      EventType.of("credential", "AccessCodeRevealed", 1);
  public static final EventType CARD_REGISTERED = EventType.of("credential", "CardRegistered", 1);
  public static final EventType CARD_REMOVED = EventType.of("credential", "CardRemoved", 1);
  public static final EventType CREDENTIALS_REVOKED =
      EventType.of("credential", "CredentialsRevoked", 1);
  public static final EventType CREDENTIAL_POLICY_CHANGED =
      EventType.of("credential", "CredentialPolicyChanged", 1);

  /**
   * A signed-in user asked for their current code by email (a reminder). It carries neither code
   * nor address: notification-service knows both; its stream's history is the rate limit.
   */
  public static final EventType ACCESS_CODE_EMAIL_REQUESTED =
      EventType.of("credential", "AccessCodeEmailRequested", 1);

  public static final EventType ACCESS_CODE_EXPIRY_CHANGED =
      EventType.of("credential", "AccessCodeExpiryChanged", 1);
  public static final EventType ACCESS_CODE_EXPIRED =
      EventType.of("credential", "AccessCodeExpired", 1);
  public static final EventType ACCESS_CODE_ROTATION_DUE =
      EventType.of("credential", "AccessCodeRotationDue", 1);

  /** An export with card numbers in clear included the user's cards: the user's history says so. */
  public static final EventType CARD_NUMBERS_EXPORTED =
      EventType.of("credential", "CardNumbersExported", 1);

  public static final EventType CREDENTIAL_JOB_QUEUED =
      EventType.of("credential", "CredentialJobQueued", 1);
  public static final EventType CREDENTIAL_JOB_PROGRESSED =
      EventType.of("credential", "CredentialJobProgressed", 1);
  public static final EventType CREDENTIAL_JOB_ENDED =
      EventType.of("credential", "CredentialJobEnded", 1);

  private CredentialEvents() {}

  public static EventTypeRegistry registerIn(EventTypeRegistry registry) {
    for (EventType type :
        new EventType[] {
          ACCESS_CODE_CHANGED,
          ACCESS_CODE_REVEALED,
          CARD_REGISTERED,
          CARD_REMOVED,
          CREDENTIALS_REVOKED,
          CREDENTIAL_POLICY_CHANGED,
          ACCESS_CODE_EMAIL_REQUESTED,
          ACCESS_CODE_EXPIRY_CHANGED,
          ACCESS_CODE_EXPIRED,
          ACCESS_CODE_ROTATION_DUE,
          CARD_NUMBERS_EXPORTED,
          CREDENTIAL_JOB_QUEUED,
          CREDENTIAL_JOB_PROGRESSED,
          CREDENTIAL_JOB_ENDED
        }) {
      registry.register(type, Topics.CREDENTIAL);
    }
    return registry;
  }
}
