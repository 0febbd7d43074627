package io.lanyard.credential.infra;

import static io.lanyard.credential.infra.CredentialCodedValues.toContract;
import static io.lanyard.credential.infra.CredentialCodedValues.toDomain;

import io.lanyard.contracts.WireValues;
import io.lanyard.contracts.credential.AccessCodeChangedV1;
import io.lanyard.contracts.credential.AccessCodeEmailRequestedV1;
import io.lanyard.contracts.credential.AccessCodeExpiredV1;
import io.lanyard.contracts.credential.AccessCodeExpiryChangedV1;
import io.lanyard.contracts.credential.AccessCodeRevealedV1;
import io.lanyard.contracts.credential.AccessCodeRotationDueV1;
import io.lanyard.contracts.credential.CardNumbersExportedV1;
import io.lanyard.contracts.credential.CardRegisteredV1;
import io.lanyard.contracts.credential.CardRemovedV1;
import io.lanyard.contracts.credential.CredentialJobEndedV1;
import io.lanyard.contracts.credential.CredentialJobProgressedV1;
import io.lanyard.contracts.credential.CredentialJobQueuedV1;
import io.lanyard.contracts.credential.CredentialPolicyChangedV1;
import io.lanyard.contracts.credential.CredentialPolicyChangedV1.ConversionStep;
import io.lanyard.contracts.credential.CredentialsRevokedV1;
import io.lanyard.credential.domain.CodeWindow;
import io.lanyard.credential.domain.CredentialEvent;
import io.lanyard.credential.domain.CredentialEvent.AccessCodeChanged;
import io.lanyard.credential.domain.CredentialEvent.AccessCodeEmailRequested;
import io.lanyard.credential.domain.CredentialEvent.AccessCodeExpired;
import io.lanyard.credential.domain.CredentialEvent.AccessCodeExpiryChanged;
import io.lanyard.credential.domain.CredentialEvent.AccessCodeRevealed;
import io.lanyard.credential.domain.CredentialEvent.AccessCodeRotationDue;
import io.lanyard.credential.domain.CredentialEvent.CardNumbersExported;
import io.lanyard.credential.domain.CredentialEvent.CardRegistered;
import io.lanyard.credential.domain.CredentialEvent.CardRemoved;
import io.lanyard.credential.domain.CredentialEvent.CredentialsRevoked;
import io.lanyard.credential.domain.JobEvent;
import io.lanyard.credential.domain.JobEvent.JobEnded;
import io.lanyard.credential.domain.JobEvent.JobProgressed;
import io.lanyard.credential.domain.JobEvent.JobQueued;
import io.lanyard.credential.domain.JobResult;
import io.lanyard.credential.domain.JobSelection;
import io.lanyard.credential.domain.PolicyEvent;
import io.lanyard.credentialrules.StepSpec;
import io.lanyard.eventstore.JsonEventCodec;
import java.util.List;
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
                      domain.changedBy(),
                      domain.window().validFrom(),
                      domain.window().expiresAt(),
                      domain.cause() == null ? null : toContract(domain.cause())),
              contract ->
                  new AccessCodeChanged(
                      contract.userId().toString(),
                      contract.tenantId(),
                      contract.codeHash(),
                      contract.codeCiphertext(),
                      toDomain(contract.reason()),
                      contract.notifyUser(),
                      contract.changedBy(),
                      new CodeWindow(contract.validFrom(), contract.expiresAt()),
                      contract.cause() == null ? null : toDomain(contract.cause())))
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
                      contract.userId().toString(), contract.tenantId(), contract.requestedAt()))
          .map(
              AccessCodeExpiryChangedV1.TYPE,
              AccessCodeExpiryChanged.class,
              AccessCodeExpiryChangedV1.class,
              domain ->
                  new AccessCodeExpiryChangedV1(
                      UUID.fromString(domain.userId()),
                      domain.tenantId(),
                      domain.window().validFrom(),
                      domain.window().expiresAt(),
                      domain.changedBy()),
              contract ->
                  new AccessCodeExpiryChanged(
                      contract.userId().toString(),
                      contract.tenantId(),
                      new CodeWindow(contract.validFrom(), contract.expiresAt()),
                      contract.changedBy()))
          .map(
              AccessCodeExpiredV1.TYPE,
              AccessCodeExpired.class,
              AccessCodeExpiredV1.class,
              domain ->
                  new AccessCodeExpiredV1(
                      UUID.fromString(domain.userId()),
                      domain.tenantId(),
                      domain.codeHash(),
                      domain.expiredAt()),
              contract ->
                  new AccessCodeExpired(
                      contract.userId().toString(),
                      contract.tenantId(),
                      contract.codeHash(),
                      contract.expiredAt()))
          .map(
              AccessCodeRotationDueV1.TYPE,
              AccessCodeRotationDue.class,
              AccessCodeRotationDueV1.class,
              domain ->
                  new AccessCodeRotationDueV1(
                      UUID.fromString(domain.userId()), domain.tenantId(), domain.rotatesAt()),
              contract ->
                  new AccessCodeRotationDue(
                      contract.userId().toString(), contract.tenantId(), contract.rotatesAt()))
          .map(
              CardNumbersExportedV1.TYPE,
              CardNumbersExported.class,
              CardNumbersExportedV1.class,
              domain ->
                  new CardNumbersExportedV1(
                      UUID.fromString(domain.userId()), domain.tenantId(), domain.exportedBy()),
              contract ->
                  new CardNumbersExported(
                      contract.userId().toString(), contract.tenantId(), contract.exportedBy()));

  /**
   * The most user ids a {@code CredentialJobQueued} carries: more would outgrow a Kafka record (1
   * MB by default; 100,000 ids are about 4 MB). A longer list is left out of the event ({@code
   * total} still counts it); the job's own table {@code credential_job_users} holds the users.
   */
  public static final int MOST_USER_IDS_IN_AN_EVENT = 10_000;

  public static final JsonEventCodec<JobEvent> JOBS =
      new JsonEventCodec<JobEvent>()
          .map(
              CredentialJobQueuedV1.TYPE,
              JobQueued.class,
              CredentialJobQueuedV1.class,
              domain ->
                  new CredentialJobQueuedV1(
                      domain.jobId(),
                      domain.tenantId(),
                      CredentialJobQueuedV1.Kind.REGENERATE_CODES,
                      domain.notifyUsers(),
                      selection(domain.selection()),
                      domain.total(),
                      domain.requestedBy()),
              contract ->
                  new JobQueued(
                      contract.jobId(),
                      contract.tenantId(),
                      contract.notifyUsers(),
                      selection(contract.selection()),
                      contract.total(),
                      contract.requestedBy()))
          .map(
              CredentialJobProgressedV1.TYPE,
              JobProgressed.class,
              CredentialJobProgressedV1.class,
              domain ->
                  new CredentialJobProgressedV1(
                      domain.jobId(),
                      domain.tenantId(),
                      domain.done(),
                      domain.failed(),
                      domain.cursor() == null ? null : domain.cursor().toString(),
                      domain.results().stream()
                          .map(
                              r ->
                                  new CredentialJobProgressedV1.Result(
                                      r.userId(), toContract(r.outcome()), r.reason()))
                          .toList()),
              contract ->
                  new JobProgressed(
                      contract.jobId(),
                      contract.tenantId(),
                      contract.done(),
                      contract.failed(),
                      contract.cursor() == null ? null : UUID.fromString(contract.cursor()),
                      contract.results().stream()
                          .map(r -> new JobResult(r.userId(), toDomain(r.outcome()), r.reason()))
                          .toList()))
          .map(
              CredentialJobEndedV1.TYPE,
              JobEnded.class,
              CredentialJobEndedV1.class,
              domain ->
                  new CredentialJobEndedV1(
                      domain.jobId(),
                      domain.tenantId(),
                      toContract(domain.status()),
                      domain.done(),
                      domain.failed(),
                      domain.reason()),
              contract ->
                  new JobEnded(
                      contract.jobId(),
                      contract.tenantId(),
                      toDomain(contract.status()),
                      contract.done(),
                      contract.failed(),
                      contract.reason()));

  private static CredentialJobQueuedV1.Selection selection(JobSelection domain) {
    List<UUID> ids =
        domain.byUserIds() && domain.userIds().size() <= MOST_USER_IDS_IN_AN_EVENT
            ? domain.userIds()
            : null;
    return new CredentialJobQueuedV1.Selection(
        ids,
        domain.orgUnit(),
        domain.status() == null
            ? null
            : WireValues.parse(CredentialJobQueuedV1.Status.class, domain.status()),
        domain.origin() == null
            ? null
            : WireValues.parse(CredentialJobQueuedV1.Origin.class, domain.origin()),
        domain.all() ? Boolean.TRUE : null);
  }

  private static JobSelection selection(CredentialJobQueuedV1.Selection contract) {
    return new JobSelection(
        contract.userIds(),
        contract.orgUnit(),
        contract.status() == null ? null : WireValues.of(contract.status()),
        contract.origin() == null ? null : WireValues.of(contract.origin()),
        Boolean.TRUE.equals(contract.all()));
  }

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
        domain.changedBy(),
        domain.maxCodeAgeDays(),
        domain.rotationNoticeDays());
  }

  static PolicyEvent policyEvent(CredentialPolicyChangedV1 contract) {
    return new PolicyEvent(
        contract.tenantId(),
        contract.codeLength(),
        toDomain(contract.codeAlphabet()),
        contract.maxCards(),
        contract.cardConversion().stream().map(CredentialEventCodecs::stepSpec).toList(),
        contract.changedBy(),
        // Absent from every change made before rotation existed: no rotation, the default notice.
        contract.maxCodeAgeDays(),
        contract.rotationNoticeDays());
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
