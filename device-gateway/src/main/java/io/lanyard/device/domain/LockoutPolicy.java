package io.lanyard.device.domain;

import java.time.Duration;

/**
 * DESIGN.md's device lockout, two budgets with one escalation:
 *
 * <ul>
 *   <li>consecutive: within {@code window} a device may fail {@code allowedFailures} times; a
 *       success starts the count again;
 *   <li>rolling: within {@code budgetWindow} a device may fail {@code budgetFailures} times,
 *       successes or not, so that mixing one's own valid code between guesses buys nothing.
 * </ul>
 *
 * The attempt over either budget is refused for {@code firstLock}, and each further lock before the
 * count is forgiven doubles, up to {@code longestLock}.
 */
public record LockoutPolicy(
    Duration window,
    int allowedFailures,
    Duration budgetWindow,
    int budgetFailures,
    Duration firstLock,
    Duration longestLock) {

  public static final LockoutPolicy DEFAULT =
      new LockoutPolicy(
          Duration.ofSeconds(60),
          5,
          Duration.ofHours(1),
          20,
          Duration.ofSeconds(30),
          Duration.ofMinutes(15));

  /** How long the {@code n}-th lock (from 1) in a row lasts. */
  public Duration lockNumber(int n) {
    Duration lock = firstLock;
    for (int i = 1; i < n && lock.compareTo(longestLock) < 0; i++) {
      lock = lock.multipliedBy(2);
    }
    return lock.compareTo(longestLock) > 0 ? longestLock : lock;
  }
}
