package io.lanyard.credential.domain;

import io.lanyard.credentialrules.AccessCodes;
import io.lanyard.credentialrules.CardConversion;
import io.lanyard.kernel.DomainException;
import java.util.List;
import java.util.Optional;

/**
 * A tenant's rules for codes and cards. The defaults are those of DESIGN.md: six letters and
 * digits, at most five cards, no card conversion; and no rotation (ADR 6).
 *
 * @param maxCodeAgeDays how old a code may grow before it is replaced ({@code null}: never)
 * @param rotationNoticeDays how long before the replacement its user is warned (0: not at all)
 */
public record CredentialPolicy(
    int codeLength,
    CodeAlphabet codeAlphabet,
    int maxCards,
    CardConversion cardConversion,
    Integer maxCodeAgeDays,
    int rotationNoticeDays) {

  public static final int MIN_CODE_LENGTH = 4;
  public static final int MAX_CODE_LENGTH = 10;
  public static final int MAX_CARDS_LIMIT = 20;
  public static final int MOST_CODE_AGE_DAYS = 3650;
  public static final int MOST_ROTATION_NOTICE_DAYS = 365;
  public static final int DEFAULT_ROTATION_NOTICE_DAYS = 7;

  /**
   * The sources of codes a rotation replaces, as the policy's answer names them: the directory's
   * codes are the directory's (ADR 6).
   */
  public static final List<CodeSource> ROTATES = List.of(CodeSource.GENERATED, CodeSource.ADMIN);

  public static final CredentialPolicy DEFAULT =
      new CredentialPolicy(6, CodeAlphabet.ALPHANUMERIC, 5, CardConversion.NONE);

  /** A policy without rotation. */
  public CredentialPolicy(
      int codeLength, CodeAlphabet codeAlphabet, int maxCards, CardConversion cardConversion) {
    this(codeLength, codeAlphabet, maxCards, cardConversion, null, DEFAULT_ROTATION_NOTICE_DAYS);
  }

  public CredentialPolicy {
    if (maxCodeAgeDays != null && (maxCodeAgeDays < 1 || maxCodeAgeDays > MOST_CODE_AGE_DAYS)) {
      throw DomainException.invalidField(
          "maxCodeAgeDays", "must be null (no rotation) or from 1 to " + MOST_CODE_AGE_DAYS);
    }
    if (rotationNoticeDays < 0 || rotationNoticeDays > MOST_ROTATION_NOTICE_DAYS) {
      throw DomainException.invalidField(
          "rotationNoticeDays", "must be from 0 to " + MOST_ROTATION_NOTICE_DAYS);
    }
    if (codeLength < MIN_CODE_LENGTH || codeLength > MAX_CODE_LENGTH) {
      throw DomainException.invalid(
          "invalid_code_length",
          "codeLength must be from " + MIN_CODE_LENGTH + " to " + MAX_CODE_LENGTH);
    }
    if (codeAlphabet == null) {
      throw DomainException.invalid(
          "invalid_code_alphabet", "codeAlphabet must be alphanumeric or digits");
    }
    if (maxCards < 1 || maxCards > MAX_CARDS_LIMIT) {
      throw DomainException.invalid(
          "invalid_max_cards", "maxCards must be from 1 to " + MAX_CARDS_LIMIT);
    }
    if (cardConversion == null) {
      cardConversion = CardConversion.NONE;
    }
  }

  /** The rotation rule, when codes are rotated at all. */
  public Optional<CodeRotation> rotation() {
    return maxCodeAgeDays == null
        ? Optional.empty()
        : Optional.of(new CodeRotation(maxCodeAgeDays, rotationNoticeDays));
  }

  /**
   * Checks a code (already {@link AccessCodes#normalise normalised}) against this policy; the
   * refusal says what is allowed, never the code.
   */
  public String checkCode(String code) {
    String allowed =
        "an access code is "
            + codeLength
            + " "
            + codeAlphabet.describe()
            + ", not one character repeated or a straight run like 123456";
    if (code.length() != codeLength
        || !code.chars().allMatch(c -> codeAlphabet.accepts((char) c))) {
      throw DomainException.invalid("invalid_code", allowed);
    }
    if (AccessCodes.isTrivial(code)) {
      throw DomainException.invalid("trivial_code", allowed);
    }
    return code;
  }
}
