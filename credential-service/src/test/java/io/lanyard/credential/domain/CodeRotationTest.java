package io.lanyard.credential.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanyard.credential.domain.CodeRotation.Due;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When a code is warned of and replaced under a rotation policy. */
class CodeRotationTest {

  static final Instant SET = Instant.parse("2026-01-01T00:00:00Z");
  static final CodeRotation TEN_DAYS_WARNED_THREE = new CodeRotation(10, 3);

  static Instant day(double days) {
    return SET.plus(Duration.ofMinutes(Math.round(days * 24 * 60)));
  }

  @Test
  void aCodeIsWarnedOfInItsNoticeWindowAndReplacedAtItsAge() {
    CodeRotation rule = TEN_DAYS_WARNED_THREE;
    assertEquals(day(10), rule.rotatesAt(SET));
    assertEquals(Due.NOTHING, rule.due(CodeSource.GENERATED, SET, false, day(6.9)));
    assertEquals(Due.NOTICE, rule.due(CodeSource.GENERATED, SET, false, day(7)));
    assertEquals(Due.NOTHING, rule.due(CodeSource.GENERATED, SET, true, day(9.9)));
    assertEquals(Due.ROTATE, rule.due(CodeSource.ADMIN, SET, true, day(10)));
  }

  @Test
  void anOverdueCodeIsReplacedWithoutANoticeThatWouldComeWithTheNewCode() {
    assertEquals(Due.ROTATE, TEN_DAYS_WARNED_THREE.due(CodeSource.GENERATED, SET, false, day(40)));
  }

  @Test
  void theDirectorysCodesAreNeverRotatedNorWarnedOf() {
    assertEquals(Due.NOTHING, TEN_DAYS_WARNED_THREE.due(CodeSource.DIRECTORY, SET, false, day(8)));
    assertEquals(Due.NOTHING, TEN_DAYS_WARNED_THREE.due(CodeSource.DIRECTORY, SET, true, day(99)));
    assertEquals(Optional.empty(), TEN_DAYS_WARNED_THREE.rotatesAt(CodeSource.DIRECTORY, SET));
    assertEquals(Optional.of(day(10)), TEN_DAYS_WARNED_THREE.rotatesAt(CodeSource.ADMIN, SET));
    assertFalse(CodeRotation.rotates(null));
  }

  @Test
  void noNoticeWhenNoticeDaysAreZeroAndANoticeLongerThanTheAgeStartsWithTheCode() {
    CodeRotation unwarned = new CodeRotation(10, 0);
    assertEquals(Due.NOTHING, unwarned.due(CodeSource.GENERATED, SET, false, day(9.99)));
    assertEquals(Due.ROTATE, unwarned.due(CodeSource.GENERATED, SET, false, day(10)));

    CodeRotation longNotice = new CodeRotation(2, 7);
    assertEquals(SET, longNotice.noticeFrom(SET));
    assertEquals(Due.NOTICE, longNotice.due(CodeSource.GENERATED, SET, false, SET));
  }

  @Test
  void theSelectionsCutOffsAgreeWithTheDecision() {
    CodeRotation rule = TEN_DAYS_WARNED_THREE;
    Instant now = day(8);
    // A code set exactly at a cut-off is due; one set a moment later is not.
    assertEquals(day(-2), rule.replaceIfSetBy(now));
    assertEquals(Due.ROTATE, rule.due(CodeSource.GENERATED, rule.replaceIfSetBy(now), false, now));
    assertEquals(day(1), rule.warnIfSetBy(now));
    assertEquals(Due.NOTICE, rule.due(CodeSource.GENERATED, rule.warnIfSetBy(now), false, now));
    assertEquals(
        Due.NOTHING,
        rule.due(CodeSource.GENERATED, rule.warnIfSetBy(now).plusMillis(1), false, now));
  }

  @Test
  void aPolicyRotatesOnlyWithAnAgeAndChecksItsRanges() {
    assertTrue(CredentialPolicy.DEFAULT.rotation().isEmpty());
    assertEquals(7, CredentialPolicy.DEFAULT.rotationNoticeDays());
    CredentialPolicy rotating =
        new CredentialPolicy(
            6, CodeAlphabet.ALPHANUMERIC, 5, null, CredentialPolicy.MOST_CODE_AGE_DAYS, 0);
    assertEquals(Optional.of(new CodeRotation(3650, 0)), rotating.rotation());
  }
}
