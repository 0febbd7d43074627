package io.lanyard.credential.domain;

import io.lanyard.credentialrules.AccessCodes;
import io.lanyard.credentialrules.CardConversion;
import io.lanyard.kernel.DomainException;

/**
 * A tenant's rules for codes and cards. The defaults are those of DESIGN.md: six letters and
 * digits, at most five cards, no card conversion.
 */
public record CredentialPolicy(
    int codeLength, CodeAlphabet codeAlphabet, int maxCards, CardConversion cardConversion) {

  public static final int MIN_CODE_LENGTH = 4;
  public static final int MAX_CODE_LENGTH = 10;
  public static final int MAX_CARDS_LIMIT = 20;

  public static final CredentialPolicy DEFAULT =
      new CredentialPolicy(6, CodeAlphabet.ALPHANUMERIC, 5, CardConversion.NONE);

  public CredentialPolicy {
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
