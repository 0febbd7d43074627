package io.lanyard.credential.domain;

import io.lanyard.credentialrules.CardConversion;
import io.lanyard.credentialrules.StepSpec;
import java.util.List;

/**
 * A tenant's credential policy as its events record it (stream {@code policy:<tenant>}).
 *
 * @param maxCodeAgeDays {@code null}: codes are not rotated (as in every change before rotation)
 * @param rotationNoticeDays {@code null}: the default, as in every change before rotation
 */
public record PolicyEvent(
    String tenantId,
    int codeLength,
    CodeAlphabet codeAlphabet,
    int maxCards,
    List<StepSpec> cardConversion,
    String changedBy,
    Integer maxCodeAgeDays,
    Integer rotationNoticeDays) {

  /** A change without rotation, as policies were before it. */
  public PolicyEvent(
      String tenantId,
      int codeLength,
      CodeAlphabet codeAlphabet,
      int maxCards,
      List<StepSpec> cardConversion,
      String changedBy) {
    this(tenantId, codeLength, codeAlphabet, maxCards, cardConversion, changedBy, null, null);
  }

  public CredentialPolicy policy() {
    return new CredentialPolicy(
        codeLength,
        codeAlphabet,
        maxCards,
        CardConversion.fromSpecs(cardConversion),
        maxCodeAgeDays,
        rotationNoticeDays == null
            ? CredentialPolicy.DEFAULT_ROTATION_NOTICE_DAYS
            : rotationNoticeDays);
  }

  /** The policy now: the last change, or the default. */
  public static CredentialPolicy current(List<PolicyEvent> events) {
    return events.isEmpty() ? CredentialPolicy.DEFAULT : events.get(events.size() - 1).policy();
  }

  /** A new policy is recorded; the policy in force again changes nothing. */
  public static List<PolicyEvent> change(
      String tenantId, CredentialPolicy current, CredentialPolicy wanted, String by) {
    if (current.equals(wanted)) {
      return List.of();
    }
    return List.of(
        new PolicyEvent(
            tenantId,
            wanted.codeLength(),
            wanted.codeAlphabet(),
            wanted.maxCards(),
            wanted.cardConversion().specs(),
            by,
            wanted.maxCodeAgeDays(),
            wanted.rotationNoticeDays()));
  }
}
