package io.lanyard.credential.infra;

import static io.lanyard.credential.infra.CredentialCodedValues.toContract;
import static io.lanyard.credential.infra.CredentialCodedValues.toDomain;

import io.lanyard.contracts.WireValues;
import io.lanyard.contracts.credential.AccessCodeChangedV1;
import io.lanyard.contracts.credential.AccessCodeEmailRequestedV1;
import io.lanyard.contracts.credential.AccessCodeRevealedV1;
import io.lanyard.contracts.credential.CardRegisteredV1;
import io.lanyard.contracts.credential.CardRemovedV1;
import io.lanyard.contracts.credential.CredentialPolicyChangedV1;
import io.lanyard.contracts.credential.CredentialPolicyChangedV1.ConversionStep;
import io.lanyard.contracts.credential.CredentialsRevokedV1;
import io.lanyard.credential.domain.CredentialEvent;
import io.lanyard.credential.domain.CredentialEvent.AccessCodeChanged;
import io.lanyard.credential.domain.CredentialEvent.AccessCodeEmailRequested;
import io.lanyard.credential.domain.CredentialEvent.AccessCodeRevealed;
import io.lanyard.credential.domain.CredentialEvent.CardRegistered;
import io.lanyard.credential.domain.CredentialEvent.CardRemoved;
import io.lanyard.credential.domain.CredentialEvent.CredentialsRevoked;
import io.lanyard.credential.domain.PolicyEvent;
import io.lanyard.credentialrules.StepSpec;
import io.lanyard.eventstore.JsonEventCodec;
import java.util.UUID;

/**
 * Which credential domain record is which public event, field by field: the domain can change shape
 * while the published JSON stays what the schemas promise. The domain keeps ids as text; the events
 * carry them as uuids.
 */
public final class CredentialEventCodecs {

  public static final JsonEventCodec<CredentialEvent> CREDENTIALS =
      new JsonEventCodec<CredentialEvent>()
          .map(
              AccessCodeChangedV1.TYPE,
              AccessCodeChanged.class,
              AccessCodeChangedV1.class,
              domain ->
                  new AccessCodeChangedV1(
                      UUID.fromString(domain.userId()),
                      domain.tenantId(),
                      domain.codeHash(),
                      domain.codeCiphertext(),
                      toContract(domain.reason()),
                      domain.notifyUser(),
                      domain.changedBy()),
              contract ->
                  new AccessCodeChanged(
                      contract.userId().toString(),
                      contract.tenantId(),
                      contract.codeHash(),
                      contract.codeCiphertext(),
                      toDomain(contract.reason()),
                      contract.notifyUser(),
                      contract.changedBy()))
          .map(
              AccessCodeRevealedV1.TYPE,
              AccessCodeRevealed.class,
              AccessCodeRevealedV1.class,
              domain ->
                  new AccessCodeRevealedV1(
                      UUID.fromString(domain.userId()), domain.tenantId(), domain.revealedBy()),
              contract ->
                  new AccessCodeRevealed(
                      contract.userId().toString(), contract.tenantId(), contract.revealedBy()))
          .map(
              CardRegisteredV1.TYPE,
              CardRegistered.class,
              CardRegisteredV1.class,
              domain ->
                  new CardRegisteredV1(
                      UUID.fromString(domain.userId()),
                      domain.tenantId(),
                      UUID.fromString(domain.cardId()),
                      domain.cardHash(),
                      domain.cardCiphertext(),
                      domain.maskedNumber(),
                      domain.label(),
                      toContract(domain.source()),
                      domain.registeredBy()),
              contract ->
                  new CardRegistered(
                      contract.userId().toString(),
                      contract.tenantId(),
                      contract.cardId().toString(),
                      contract.cardHash(),
                      contract.cardCiphertext(),
                      contract.maskedNumber(),
                      contract.label(),
                      toDomain(contract.source()),
                      contract.registeredBy()))
          .map(
              CardRemovedV1.TYPE,
              CardRemoved.class,
              CardRemovedV1.class,
              domain ->
                  new CardRemovedV1(
                      UUID.fromString(domain.userId()),
                      domain.tenantId(),
                      UUID.fromString(domain.cardId()),
                      domain.removedBy()),
              contract ->
                  new CardRemoved(
                      contract.userId().toString(),
                      contract.tenantId(),
                      contract.cardId().toString(),
                      contract.removedBy()))
          .map(
              CredentialsRevokedV1.TYPE,
              CredentialsRevoked.class,
              CredentialsRevokedV1.class,
              domain ->
                  new CredentialsRevokedV1(
                      UUID.fromString(domain.userId()),
                      domain.tenantId(),
                      toContract(domain.reason())),
              contract ->
                  new CredentialsRevoked(
                      contract.userId().toString(),
                      contract.tenantId(),
                      toDomain(contract.reason())))
          .map(
              AccessCodeEmailRequestedV1.TYPE,
              AccessCodeEmailRequested.class,
              AccessCodeEmailRequestedV1.class,
              domain ->
                  new AccessCodeEmailRequestedV1(
                      UUID.fromString(domain.userId()), domain.tenantId(), domain.requestedAt()),
              contract ->
                  new AccessCodeEmailRequested(
                      contract.userId().toString(), contract.tenantId(), contract.requestedAt()));

  public static final JsonEventCodec<PolicyEvent> POLICIES =
      new JsonEventCodec<PolicyEvent>()
          .map(
              CredentialPolicyChangedV1.TYPE,
              PolicyEvent.class,
              CredentialPolicyChangedV1.class,
              CredentialEventCodecs::policyRecord,
              CredentialEventCodecs::policyEvent);

  private CredentialEventCodecs() {}

  /** The public form of a policy change; the policies read model keeps it in this form too. */
  static CredentialPolicyChangedV1 policyRecord(PolicyEvent domain) {
    return new CredentialPolicyChangedV1(
        domain.tenantId(),
        domain.codeLength(),
        toContract(domain.codeAlphabet()),
        domain.maxCards(),
        domain.cardConversion().stream().map(CredentialEventCodecs::conversionStep).toList(),
        domain.changedBy());
  }

  static PolicyEvent policyEvent(CredentialPolicyChangedV1 contract) {
    return new PolicyEvent(
        contract.tenantId(),
        contract.codeLength(),
        toDomain(contract.codeAlphabet()),
        contract.maxCards(),
        contract.cardConversion().stream().map(CredentialEventCodecs::stepSpec).toList(),
        contract.changedBy());
  }

  // The credential rules name their steps as the events do: the wire value is the step's name.

  private static ConversionStep conversionStep(StepSpec spec) {
    return new ConversionStep(
        WireValues.parse(CredentialPolicyChangedV1.Step.class, spec.step()),
        spec.value(),
        spec.count(),
        spec.length());
  }

  private static StepSpec stepSpec(ConversionStep step) {
    return new StepSpec(WireValues.of(step.step()), step.value(), step.count(), step.length());
  }
}
