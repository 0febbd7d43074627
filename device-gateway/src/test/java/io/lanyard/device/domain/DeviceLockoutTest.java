package io.lanyard.device.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeviceLockoutTest {

  static final LockoutPolicy POLICY = LockoutPolicy.DEFAULT;
  static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

  static DeviceLockout failTimes(DeviceLockout state, int times, Instant start, Duration gap) {
    for (int i = 0; i < times; i++) {
      state = state.failed(start.plus(gap.multipliedBy(i)), POLICY);
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
  }

  @Test
  void failuresOlderThanTheWindowDoNotCount() {
    DeviceLockout state = failTimes(DeviceLockout.CLEAR, 5, T0, Duration.ofSeconds(1));
    DeviceLockout later = state.failed(T0.plusSeconds(70), POLICY);
    assertEquals(Optional.empty(), later.retryAfter(T0.plusSeconds(70)));
    assertEquals(1, later.failures().size());
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
      state = failTimes(state, 6, now, Duration.ofMillis(10));
      assertEquals(lock, state.retryAfter(now.plusMillis(50)).orElseThrow());
      now = state.lockedUntil();
    }
  }

  @Test
  void aSuccessForgetsFailuresAndLocksAndOnlyThenNeedsAWrite() {
    DeviceLockout state = failTimes(DeviceLockout.CLEAR, 3, T0, Duration.ofSeconds(1));
    assertTrue(state.hasRecord());
    assertFalse(state.succeeded().hasRecord());
    assertFalse(DeviceLockout.CLEAR.hasRecord());
  }
}
