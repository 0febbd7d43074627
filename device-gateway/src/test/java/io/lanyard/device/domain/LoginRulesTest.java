package io.lanyard.device.domain;

import static io.lanyard.device.domain.LoginRules.CodeVerdict.CODE_EXPIRED;
import static io.lanyard.device.domain.LoginRules.CodeVerdict.INVALID_CODE;
import static io.lanyard.device.domain.LoginRules.CodeVerdict.LOGS_IN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A code's and a guest's window, decided at an instant (ADR 6, "Time without a request"). */
class LoginRulesTest {

  static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
  static final long MILLIS = NOW.toEpochMilli();

  static CodeValidity code(Instant validFrom, Instant expiresAt) {
    return CodeValidity.of(validFrom, expiresAt);
  }

  @Test
  void aCodeWithoutAWindowLogsAnActiveUserInAndNoOneSuspended() {
    assertSame(CodeValidity.ALWAYS, code(null, null));
    assertEquals(LOGS_IN, LoginRules.code(true, CodeValidity.ALWAYS, null, MILLIS));
    assertEquals(INVALID_CODE, LoginRules.code(false, CodeValidity.ALWAYS, null, MILLIS));
  }

  @Test
  void aCodeExpiresAtItsDeadlineToTheMillisecond() {
    CodeValidity expiring = code(null, NOW);
    assertEquals(LOGS_IN, LoginRules.code(true, expiring, null, MILLIS - 1));
    assertEquals(CODE_EXPIRED, LoginRules.code(true, expiring, null, MILLIS));
    assertEquals(CODE_EXPIRED, LoginRules.code(true, expiring, null, MILLIS + 86_400_000L));
  }

  @Test
  void anExpiredCodeSaysSoEvenWhenItsUserIsSuspended() {
    assertEquals(
        CODE_EXPIRED, LoginRules.code(false, code(null, NOW.minusSeconds(1)), null, MILLIS));
    assertEquals(
        INVALID_CODE, LoginRules.code(false, code(null, NOW.plusSeconds(1)), null, MILLIS));
  }

  @Test
  void aCodeBeforeItsWindowIsNoOnesYet() {
    CodeValidity later = code(NOW.plusSeconds(60), NOW.plusSeconds(3600));
    assertEquals(INVALID_CODE, LoginRules.code(true, later, null, MILLIS));
    assertEquals(LOGS_IN, LoginRules.code(true, later, null, MILLIS + 60_000));
    assertEquals(CODE_EXPIRED, LoginRules.code(true, later, null, MILLIS + 3_600_000));
  }

  @Test
  void aCodeMarkedExpiredIsExpiredWhateverTheClockSays() {
    CodeValidity marked = code(null, NOW.plusSeconds(3600)).expired();
    assertTrue(marked.markedExpired());
    assertEquals(CODE_EXPIRED, LoginRules.code(true, marked, null, MILLIS));
    assertEquals(CODE_EXPIRED, LoginRules.code(true, CodeValidity.ALWAYS.expired(), null, MILLIS));
    assertFalse(CodeValidity.ALWAYS.markedExpired(), "the shared constant is never marked");
  }

  @Test
  void aGuestsCodeLivesNoLongerThanTheGuestsWindow() {
    GuestWindow week = GuestWindow.of(NOW.minusSeconds(3600), NOW.plusSeconds(7 * 86_400));
    assertEquals(LOGS_IN, LoginRules.code(true, CodeValidity.ALWAYS, week, MILLIS));
    GuestWindow ended = GuestWindow.of(NOW.minusSeconds(7200), NOW);
    assertEquals(CODE_EXPIRED, LoginRules.code(true, CodeValidity.ALWAYS, ended, MILLIS));
    assertEquals(CODE_EXPIRED, LoginRules.code(false, CodeValidity.ALWAYS, ended, MILLIS));
    GuestWindow tomorrow = GuestWindow.of(NOW.plusSeconds(86_400), NOW.plusSeconds(2 * 86_400));
    assertEquals(INVALID_CODE, LoginRules.code(true, CodeValidity.ALWAYS, tomorrow, MILLIS));
  }

  @Test
  void aGuestsCardWorksOnlyInsideTheWindowAndAnInactiveOwnersNever() {
    GuestWindow window = GuestWindow.of(NOW, NOW.plusSeconds(3600));
    assertFalse(LoginRules.cardLogsIn(true, window, MILLIS - 1));
    assertTrue(LoginRules.cardLogsIn(true, window, MILLIS));
    assertTrue(LoginRules.cardLogsIn(true, window, MILLIS + 3_599_999));
    assertFalse(LoginRules.cardLogsIn(true, window, MILLIS + 3_600_000));
    assertFalse(LoginRules.cardLogsIn(false, window, MILLIS + 1));
    assertTrue(LoginRules.cardLogsIn(true, null, MILLIS), "a person's card");
    assertFalse(LoginRules.cardLogsIn(false, null, MILLIS));
  }

  @Test
  void anOpenEndNeverPasses() {
    GuestWindow fromNow = GuestWindow.of(NOW, null);
    assertTrue(fromNow.contains(Long.MAX_VALUE - 1));
    assertFalse(fromNow.contains(MILLIS - 1));
    CodeValidity untilNow = code(null, NOW);
    assertFalse(untilNow.notYetValidAt(Long.MIN_VALUE + 1));
  }
}
