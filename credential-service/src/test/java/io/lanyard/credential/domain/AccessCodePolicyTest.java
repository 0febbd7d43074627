package io.lanyard.credential.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanyard.credentialrules.AccessCodes;
import io.lanyard.credentialrules.CardConversion;
import io.lanyard.credentialrules.CardNumbers;
import io.lanyard.kernel.DomainException;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessCodePolicyTest {

  static final CredentialPolicy DEFAULT = CredentialPolicy.DEFAULT;
  static final CredentialPolicy DIGITS_4 =
      new CredentialPolicy(4, CodeAlphabet.DIGITS, 5, CardConversion.NONE);

  @Test
  void codesAreCaseInsensitiveAndKeptUpperCase() {
    assertEquals("7KQ2MX", DEFAULT.checkCode(AccessCodes.normalise(" 7kq2mx ")));
  }

  @Test
  void aCodeOfTheWrongLengthOrAlphabetIsRefusedSayingWhatIsAllowed() {
    DomainException tooShort =
        assertThrows(DomainException.class, () -> DEFAULT.checkCode("7KQ2M"));
    assertEquals("invalid_code", tooShort.code());
    assertTrue(tooShort.getMessage().contains("6 letters and digits"));
    assertFalse(tooShort.getMessage().contains("7KQ2M"), "refusals never repeat the code");
    assertThrows(DomainException.class, () -> DIGITS_4.checkCode("12A4"));
    assertThrows(DomainException.class, () -> DEFAULT.checkCode("7KQ-MX"));
  }

  @Test
  void trivialCodesAreRefusedEverywhere() {
    for (String trivial : List.of("777777", "123456", "654321", "ABCDEF", "FEDCBA", "012345")) {
      assertTrue(AccessCodes.isTrivial(trivial), trivial);
      assertEquals(
          "trivial_code",
          assertThrows(DomainException.class, () -> DEFAULT.checkCode(trivial)).code());
    }
    assertFalse(AccessCodes.isTrivial("7KQ2MX"));
    assertFalse(AccessCodes.isTrivial("123457"));
  }

  @Test
  void policiesOutsideTheirLimitsAreRefused() {
    assertThrows(
        DomainException.class, () -> new CredentialPolicy(3, CodeAlphabet.DIGITS, 5, null));
    assertThrows(
        DomainException.class, () -> new CredentialPolicy(11, CodeAlphabet.DIGITS, 5, null));
    assertEquals(
        "invalid_max_cards",
        assertThrows(
                DomainException.class, () -> new CredentialPolicy(6, CodeAlphabet.DIGITS, 0, null))
            .code());
  }

  @Test
  void rotationOutsideItsLimitsIsRefusedNamingTheField() {
    for (int age : List.of(0, -1, CredentialPolicy.MOST_CODE_AGE_DAYS + 1)) {
      assertEquals(
          "invalid_max_code_age_days",
          assertThrows(
                  DomainException.class,
                  () -> new CredentialPolicy(6, CodeAlphabet.DIGITS, 5, null, age, 7))
              .code());
    }
    for (int notice : List.of(-1, CredentialPolicy.MOST_ROTATION_NOTICE_DAYS + 1)) {
      assertEquals(
          "invalid_rotation_notice_days",
          assertThrows(
                  DomainException.class,
                  () -> new CredentialPolicy(6, CodeAlphabet.DIGITS, 5, null, 90, notice))
              .code());
    }
    // The limits themselves are allowed; no age is no rotation, whatever the notice.
    new CredentialPolicy(6, CodeAlphabet.DIGITS, 5, null, 1, 0);
    new CredentialPolicy(6, CodeAlphabet.DIGITS, 5, null, 3650, 365);
    assertFalse(
        new CredentialPolicy(6, CodeAlphabet.DIGITS, 5, null, null, 0).rotation().isPresent());
  }

  @Test
  void generatedCodesFollowThePolicyAndAreNeverTrivialLookAlikeOrTaken() {
    CodeGenerator generator = new CodeGenerator(new SecureRandom());
    Set<String> taken = new HashSet<>();
    for (int i = 0; i < 2000; i++) {
      String code = generator.generate(DEFAULT, taken::contains);
      assertEquals(code, DEFAULT.checkCode(code));
      assertTrue(code.chars().noneMatch(c -> "0O1I".indexOf(c) >= 0), code);
      assertTrue(taken.add(code), "generated a taken code: " + code);
    }
  }

  @Test
  void generationSkipsTakenAndTrivialCodesEvenWhenFewAreLeft() {
    CodeGenerator generator = new CodeGenerator(new SecureRandom());
    // Of the 10,000 four-digit codes, leave only 4711 free (and a trivial one, 1234, never chosen).
    String code = generator.generate(DIGITS_4, candidate -> !candidate.equals("4711"));
    assertEquals("4711", code);
    assertEquals(
        "code_space_exhausted",
        assertThrows(DomainException.class, () -> generator.generate(DIGITS_4, candidate -> true))
            .code());
  }

  @Test
  void cardNumbersAreCanonicalAndMaskedForDisplay() {
    assertEquals("04A1B2C3", CardNumbers.canonical(" 04a1b2c3 "));
    assertEquals("••••B2C3", CardNumbers.mask("04A1B2C3"));
    assertEquals("••••123", CardNumbers.mask("123"));
  }
}
