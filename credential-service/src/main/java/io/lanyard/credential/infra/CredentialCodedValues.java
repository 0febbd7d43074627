package io.lanyard.credential.infra;

import io.lanyard.contracts.WireValues;
import io.lanyard.contracts.credential.AccessCodeChangedV1;
import io.lanyard.contracts.credential.CardRegisteredV1;
import io.lanyard.contracts.credential.CredentialJobEndedV1;
import io.lanyard.contracts.credential.CredentialJobProgressedV1;
import io.lanyard.contracts.credential.CredentialPolicyChangedV1;
import io.lanyard.contracts.credential.CredentialsRevokedV1;
import io.lanyard.credential.domain.CardSource;
import io.lanyard.credential.domain.CodeAlphabet;
import io.lanyard.credential.domain.CodeCause;
import io.lanyard.credential.domain.CodeReason;
import io.lanyard.credential.domain.JobOutcome;
import io.lanyard.credential.domain.JobStatus;
import io.lanyard.credential.domain.RevokeReason;

/**
 * The domain's coded values and the public events' enums, one to one. The switches are exhaustive,
 * so a value added on either side fails the build here instead of travelling under a wrong name.
 * The read model and the history keep the values as the events spell them.
 */
public final class CredentialCodedValues {

  private CredentialCodedValues() {}

  static AccessCodeChangedV1.Reason toContract(CodeReason reason) {
    return switch (reason) {
      case INITIAL -> AccessCodeChangedV1.Reason.INITIAL;
      case GENERATED -> AccessCodeChangedV1.Reason.GENERATED;
      case ADMIN -> AccessCodeChangedV1.Reason.ADMIN;
      case DIRECTORY -> AccessCodeChangedV1.Reason.DIRECTORY;
      case REGENERATED_AFTER_SOURCE_REMOVAL ->
          AccessCodeChangedV1.Reason.REGENERATED_AFTER_SOURCE_REMOVAL;
    };
  }

  static CodeReason toDomain(AccessCodeChangedV1.Reason reason) {
    return switch (reason) {
      case INITIAL -> CodeReason.INITIAL;
      case GENERATED -> CodeReason.GENERATED;
      case ADMIN -> CodeReason.ADMIN;
      case DIRECTORY -> CodeReason.DIRECTORY;
      case REGENERATED_AFTER_SOURCE_REMOVAL -> CodeReason.REGENERATED_AFTER_SOURCE_REMOVAL;
    };
  }

  static AccessCodeChangedV1.Cause toContract(CodeCause cause) {
    return switch (cause) {
      case ROTATION -> AccessCodeChangedV1.Cause.ROTATION;
      case REGENERATION_JOB -> AccessCodeChangedV1.Cause.REGENERATION_JOB;
      case IMPORT -> AccessCodeChangedV1.Cause.IMPORT;
    };
  }

  static CodeCause toDomain(AccessCodeChangedV1.Cause cause) {
    return switch (cause) {
      case ROTATION -> CodeCause.ROTATION;
      case REGENERATION_JOB -> CodeCause.REGENERATION_JOB;
      case IMPORT -> CodeCause.IMPORT;
    };
  }

  static CardRegisteredV1.Source toContract(CardSource source) {
    return switch (source) {
      case ADMIN -> CardRegisteredV1.Source.ADMIN;
      case DEVICE -> CardRegisteredV1.Source.DEVICE;
      case DIRECTORY -> CardRegisteredV1.Source.DIRECTORY;
    };
  }

  static CardSource toDomain(CardRegisteredV1.Source source) {
    return switch (source) {
      case ADMIN -> CardSource.ADMIN;
      case DEVICE -> CardSource.DEVICE;
      case DIRECTORY -> CardSource.DIRECTORY;
    };
  }

  static CredentialsRevokedV1.Reason toContract(RevokeReason reason) {
    return switch (reason) {
      case USER_DELETED -> CredentialsRevokedV1.Reason.USER_DELETED;
    };
  }

  static RevokeReason toDomain(CredentialsRevokedV1.Reason reason) {
    return switch (reason) {
      case USER_DELETED -> RevokeReason.USER_DELETED;
    };
  }

  static CredentialPolicyChangedV1.CodeAlphabet toContract(CodeAlphabet alphabet) {
    return switch (alphabet) {
      case ALPHANUMERIC -> CredentialPolicyChangedV1.CodeAlphabet.ALPHANUMERIC;
      case DIGITS -> CredentialPolicyChangedV1.CodeAlphabet.DIGITS;
    };
  }

  static CodeAlphabet toDomain(CredentialPolicyChangedV1.CodeAlphabet alphabet) {
    return switch (alphabet) {
      case ALPHANUMERIC -> CodeAlphabet.ALPHANUMERIC;
      case DIGITS -> CodeAlphabet.DIGITS;
    };
  }

  static CredentialJobProgressedV1.Outcome toContract(JobOutcome outcome) {
    return switch (outcome) {
      case REGENERATED -> CredentialJobProgressedV1.Outcome.REGENERATED;
      case REFUSED -> CredentialJobProgressedV1.Outcome.REFUSED;
      case SKIPPED -> CredentialJobProgressedV1.Outcome.SKIPPED;
    };
  }

  static JobOutcome toDomain(CredentialJobProgressedV1.Outcome outcome) {
    return switch (outcome) {
      case REGENERATED -> JobOutcome.REGENERATED;
      case REFUSED -> JobOutcome.REFUSED;
      case SKIPPED -> JobOutcome.SKIPPED;
    };
  }

  /** A status an ended job has; {@code queued} and {@code running} are no event's. */
  static CredentialJobEndedV1.Status toContract(JobStatus status) {
    return switch (status) {
      case COMPLETED -> CredentialJobEndedV1.Status.COMPLETED;
      case FAILED -> CredentialJobEndedV1.Status.FAILED;
      case CANCELLED -> CredentialJobEndedV1.Status.CANCELLED;
      case QUEUED, RUNNING -> throw new IllegalArgumentException("a job does not end " + status);
    };
  }

  static JobStatus toDomain(CredentialJobEndedV1.Status status) {
    return switch (status) {
      case COMPLETED -> JobStatus.COMPLETED;
      case FAILED -> JobStatus.FAILED;
      case CANCELLED -> JobStatus.CANCELLED;
    };
  }

  /** As the jobs' API and read model spell it: {@code regenerated}, {@code refused}, ... */
  public static String wire(JobOutcome outcome) {
    return WireValues.of(toContract(outcome));
  }

  public static JobOutcome jobOutcome(String wire) {
    return toDomain(WireValues.parse(CredentialJobProgressedV1.Outcome.class, wire));
  }

  /** As the jobs' API and read model spell it: {@code queued}, {@code running}, ... */
  public static String wire(JobStatus status) {
    return status.name().toLowerCase(java.util.Locale.ROOT);
  }

  /** As {@code AccessCodeChanged} spells it. */
  public static String wire(CodeReason reason) {
    return WireValues.of(toContract(reason));
  }

  public static CodeReason codeReason(String wire) {
    return toDomain(WireValues.parse(AccessCodeChangedV1.Reason.class, wire));
  }

  /** As {@code AccessCodeChanged} spells it. */
  public static String wire(CodeCause cause) {
    return WireValues.of(toContract(cause));
  }

  /** As {@code CardRegistered} spells it. */
  public static String wire(CardSource source) {
    return WireValues.of(toContract(source));
  }

  /** As {@code CredentialsRevoked} spells it. */
  public static String wire(RevokeReason reason) {
    return WireValues.of(toContract(reason));
  }
}
