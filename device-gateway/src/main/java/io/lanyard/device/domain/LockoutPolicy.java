package io.lanyard.device.domain;

import java.time.Duration;

/**
 * DESIGN.md's device lockout: within {@code window} a device may fail {@code allowedFailures}
 * times; the next attempt is refused for {@code firstLock}, and each further lock before a success
 * doubles, up to {@code longestLock}.
 */
public record LockoutPolicy(
    Duration window, int allowedFailures, Duration firstLock, Duration longestLock) {

  public static final LockoutPolicy DEFAULT =
      new LockoutPolicy(Duration.ofSeconds(60), 5, Duration.ofSeconds(30), Duration.ofMinutes(15));

  /** How long the {@code n}-th lock (from 1) in a row lasts. */
  public Duration lockNumber(int n) {
    Duration lock = firstLock;
    for (int i = 1; i < n && lock.compareTo(longestLock) < 0; i++) {
      lock = lock.multipliedBy(2);
    }
    return lock.compareTo(longestLock) > 0 ? longestLock : lock;
  }
}
