package io.lanyard.credential.infra;

import io.lanyard.contracts.CredentialEvents;
import io.lanyard.credential.domain.CredentialEvent;
import io.lanyard.credential.domain.PolicyEvent;
import io.lanyard.eventstore.JsonEventCodec;

/** Which credential domain record is which public event type. */
public final class CredentialEventCodecs {

  public static final JsonEventCodec<CredentialEvent> CREDENTIALS =
      new JsonEventCodec<CredentialEvent>()
          .map(CredentialEvents.ACCESS_CODE_CHANGED, CredentialEvent.AccessCodeChanged.class)
          .map(CredentialEvents.ACCESS_CODE_REVEALED, CredentialEvent.AccessCodeRevealed.class)
          .map(CredentialEvents.CARD_REGISTERED, CredentialEvent.CardRegistered.class)
          .map(CredentialEvents.CARD_REMOVED, CredentialEvent.CardRemoved.class)
          .map(CredentialEvents.CREDENTIALS_REVOKED, CredentialEvent.CredentialsRevoked.class)
          .map(
              CredentialEvents.ACCESS_CODE_EMAIL_REQUESTED,
              CredentialEvent.AccessCodeEmailRequested.class);

  public static final JsonEventCodec<PolicyEvent> POLICIES =
      new JsonEventCodec<PolicyEvent>()
          .map(CredentialEvents.CREDENTIAL_POLICY_CHANGED, PolicyEvent.class);

  private CredentialEventCodecs() {}
}
