package io.lanyard.device.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeviceLockoutTest {

  static final LockoutPolicy POLICY = LockoutPolicy.DEFAULT;

  /** The consecutive rule alone: a rolling budget too large to matter. */
  static final LockoutPolicy CONSECUTIVE_ONLY =
      new LockoutPolicy(
          POLICY.window(),
          POLICY.allowedFailures(),
          POLICY.budgetWindow(),
          1_000,
          POLICY.firstLock(),
          POLICY.longestLock());

  static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

  static DeviceLockout failTimes(
      DeviceLockout state, int times, Instant start, Duration gap, LockoutPolicy policy) {
    for (int i = 0; i < times; i++) {
      state = state.failed(start.plus(gap.multipliedBy(i)), policy);
    }
    return state;
  }

  static DeviceLockout failTimes(DeviceLockout state, int times, Instant start, Duration gap) {
    return failTimes(state, times, start, gap, POLICY);
  }

  /** The attack: five wrong codes, then one's own valid code, again and again, 10 s apart. */
  static DeviceLockout fiveWrongThenRight(DeviceLockout state, int rounds, Instant start) {
    Instant at = start;
    for (int round = 0; round < rounds; round++) {
      state = failTimes(state, 5, at, Duration.ofSeconds(1));
      at = at.plusSeconds(5);
      assertEquals(Optional.empty(), state.retryAfter(at), "round " + round + " is not locked");
      state = state.succeeded(at, false, POLICY);
      at = at.plusSeconds(5);
    }
    return state;
  }

  @Test
  void fiveFailuresInAMinuteAreAllowedAndTheSixthLocksForThirtySeconds() {
    DeviceLockout five = failTimes(DeviceLockout.CLEAR, 5, T0, Duration.ofSeconds(5));
    assertEquals(Optional.empty(), five.retryAfter(T0.plusSeconds(25)));
    DeviceLockout locked = five.failed(T0.plusSeconds(30), POLICY);
    assertEquals(Optional.of(Duration.ofSeconds(30)), locked.retryAfter(T0.plusSeconds(30)));
    assertEquals(Optional.of(Duration.ofSeconds(10)), locked.retryAfter(T0.plusSeconds(50)));
    assertEquals(Optional.empty(), locked.retryAfter(T0.plusSeconds(60)));
    assertEquals(
        Optional.of(LockReason.CONSECUTIVE_FAILURES), locked.lockedBecause(T0.plusSeconds(30)));
    assertEquals(Optional.empty(), locked.lockedBecause(T0.plusSeconds(60)));
  }

  @Test
  void failuresOlderThanTheWindowDoNotCount() {
    DeviceLockout state = failTimes(DeviceLockout.CLEAR, 5, T0, Duration.ofSeconds(1));
    DeviceLockout later = state.failed(T0.plusSeconds(70), POLICY);
    assertEquals(Optional.empty(), later.retryAfter(T0.plusSeconds(70)));
    assertEquals(1, later.failuresInWindow(T0.plusSeconds(70), POLICY));
    assertEquals(6, later.failuresInBudgetWindow(T0.plusSeconds(70), POLICY));
  }

  @Test
  void eachLockInARowDoublesUpToFifteenMinutes() {
    DeviceLockout state = DeviceLockout.CLEAR;
    Instant now = T0;
    Duration[] expected = {
      Duration.ofSeconds(30),
      Duration.ofSeconds(60),
      Duration.ofSeconds(120),
      Duration.ofSeconds(240),
      Duration.ofSeconds(480),
      Duration.ofMinutes(15),
      Duration.ofMinutes(15)
    };
    for (Duration lock : expected) {
      // Six failures, 10 ms apart: the sixth (at +50 ms) starts the lock.
      state = failTimes(state, 6, now, Duration.ofMillis(10), CONSECUTIVE_ONLY);
      assertEquals(lock, state.retryAfter(now.plusMillis(50)).orElseThrow());
      now = state.lockedUntil();
    }
  }

  @Test
  void aSuccessForgetsFailuresAndLocksAndOnlyThenNeedsAWrite() {
    // given three failures and, earlier, a lock that has ended
    DeviceLockout locked = failTimes(DeviceLockout.CLEAR, 6, T0, Duration.ofSeconds(1));
    Instant after = locked.lockedUntil().plusSeconds(1);
    DeviceLockout state = failTimes(locked, 3, after, Duration.ofSeconds(1));
    assertTrue(state.hasRecord());
    assertTrue(state.successChanges(after.plusSeconds(5), POLICY));

    // when the right code comes
    DeviceLockout succeeded = state.succeeded(after.plusSeconds(5), false, POLICY);

    // then the consecutive count and the locks in a row are forgotten; the budget is not
    assertEquals(0, succeeded.failuresInWindow(after.plusSeconds(5), POLICY));
    assertEquals(0, succeeded.locks());
    assertEquals(null, succeeded.lockedUntil());
    assertEquals(9, succeeded.failuresInBudgetWindow(after.plusSeconds(5), POLICY));
    // and the next success has nothing to forget: it writes nothing
    assertFalse(succeeded.successChanges(after.plusSeconds(6), POLICY));
    assertFalse(DeviceLockout.CLEAR.hasRecord());
    assertFalse(DeviceLockout.CLEAR.successChanges(T0, POLICY));
  }

  @Test
  void theTwentyFirstFailureWithinAnHourLocksWhateverSucceededInBetween() {
    // given four rounds of five wrong codes and one right one: 20 failures, never locked
    DeviceLockout state = fiveWrongThenRight(DeviceLockout.CLEAR, 4, T0);
    Instant at = T0.plusSeconds(40);
    assertEquals(20, state.failuresInBudgetWindow(at, POLICY));
    assertEquals(0, state.failuresInWindow(at, POLICY));

    // when the 21st failure comes
    DeviceLockout locked = state.failed(at, POLICY);

    // then the device is locked for 30 s, for the hourly budget
    assertEquals(Optional.of(Duration.ofSeconds(30)), locked.retryAfter(at));
    assertEquals(Optional.of(LockReason.HOURLY_FAILURE_BUDGET), locked.lockedBecause(at));
    assertEquals(21, locked.failuresInBudgetWindow(at, POLICY));
  }

  @Test
  void overTheBudgetEveryFailureLocksLongerAndSuccessesDoNotResetTheEscalation() {
    // given a device locked by its budget
    DeviceLockout state =
        fiveWrongThenRight(DeviceLockout.CLEAR, 4, T0).failed(T0.plusSeconds(40), POLICY);
    Instant at = state.lockedUntil();
    Duration[] expected = {
      Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofSeconds(240)
    };
    for (Duration lock : expected) {
      // when the lock ends, the right code comes, and then one wrong code
      state = state.succeeded(at, false, POLICY);
      assertEquals(Optional.empty(), state.retryAfter(at));
      state = state.failed(at.plusSeconds(1), POLICY);

      // then that single failure locks again, twice as long
      assertEquals(Optional.of(lock), state.retryAfter(at.plusSeconds(1)));
      assertEquals(
          Optional.of(LockReason.HOURLY_FAILURE_BUDGET), state.lockedBecause(at.plusSeconds(1)));
      at = state.lockedUntil();
    }
  }

  @Test
  void theBudgetRollsFailuresOlderThanAnHourLeaveIt() {
    // given a device that spent its budget and was locked
    DeviceLockout state =
        fiveWrongThenRight(DeviceLockout.CLEAR, 4, T0).failed(T0.plusSeconds(40), POLICY);
    Instant anHourLater = T0.plus(Duration.ofHours(1)).plusSeconds(41);

    // when it fails again more than an hour after the first failures
    assertEquals(0, state.failuresInBudgetWindow(anHourLater, POLICY));
    DeviceLockout later = state.failed(anHourLater, POLICY);

    // then that failure is the first of a new budget and does not lock
    assertEquals(Optional.empty(), later.retryAfter(anHourLater));
    assertEquals(1, later.failuresInBudgetWindow(anHourLater, POLICY));
    // and a success now forgets the locks in a row too
    assertEquals(0, later.succeeded(anHourLater.plusSeconds(1), false, POLICY).locks());
  }

  @Test
  void aSuccessAfterAllFailuresLeftTheBudgetClearsTheRecord() {
    DeviceLockout state = failTimes(DeviceLockout.CLEAR, 2, T0, Duration.ofSeconds(1));
    DeviceLockout clean = state.succeeded(T0.plus(Duration.ofHours(2)), false, POLICY);
    assertEquals(DeviceLockout.CLEAR, clean);
    assertFalse(clean.hasRecord());
  }

  @Test
  void aSuccessInsideABurstOfFailuresForgetsNothing() {
    // given three failures on record
    DeviceLockout state = failTimes(DeviceLockout.CLEAR, 3, T0, Duration.ofMillis(1));

    // when the right code is decided while more failures of the device are under way
    DeviceLockout underWay = state.succeeded(T0.plusMillis(10), true, POLICY);
    // or after a failure that began after it
    DeviceLockout overtaken = state.succeeded(T0.plusMillis(1), false, POLICY);

    // then the burst keeps its count: two more failures lock the device
    assertSame(state, underWay);
    assertSame(state, overtaken);
    DeviceLockout locked = failTimes(underWay, 3, T0.plusMillis(20), Duration.ofMillis(1));
    assertTrue(locked.retryAfter(T0.plusMillis(22)).isPresent());
  }
}
