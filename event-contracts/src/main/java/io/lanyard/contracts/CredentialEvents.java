package io.lanyard.contracts;

/**
 * The events credential-service publishes on {@link Topics#CREDENTIAL}, keyed by user id (a
 * tenant's policy: by {@code policy:<tenant>}). Codes and card numbers travel only as keyed hashes
 * and ciphertexts.
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
          ACCESS_CODE_EMAIL_REQUESTED
        }) {
      registry.register(type, Topics.CREDENTIAL);
    }
    return registry;
  }
}
