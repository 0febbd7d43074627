package io.lanyard.credential.infra;

import io.lanyard.contracts.WireValues;
import io.lanyard.contracts.credential.AccessCodeChangedV1;
import io.lanyard.contracts.credential.CardRegisteredV1;
import io.lanyard.contracts.credential.CredentialPolicyChangedV1;
import io.lanyard.contracts.credential.CredentialsRevokedV1;
import io.lanyard.credential.domain.CardSource;
import io.lanyard.credential.domain.CodeAlphabet;
import io.lanyard.credential.domain.CodeReason;
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

  /** As {@code AccessCodeChanged} spells it. */
  public static String wire(CodeReason reason) {
    return WireValues.of(toContract(reason));
  }

  public static CodeReason codeReason(String wire) {
    return toDomain(WireValues.parse(AccessCodeChangedV1.Reason.class, wire));
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
