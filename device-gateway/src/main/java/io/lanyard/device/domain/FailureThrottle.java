package io.lanyard.device.domain;

import java.time.Duration;

/**
 * Slows a tenant's failing attempts when many fail across its devices at once (someone trying codes
 * on every printer): beyond {@code free} failures within {@code window}, each failure answers later
 * by {@code step} more, up to {@code longest}. Devices are not locked by it, and successes are
 * never slowed.
 */
public record FailureThrottle(Duration window, int free, Duration step, Duration longest) {

  public static final FailureThrottle DEFAULT =
      new FailureThrottle(
          Duration.ofSeconds(10), 20, Duration.ofMillis(100), Duration.ofSeconds(3));

  /** How long to hold the answer to a failure, given the tenant's failures in the window. */
  public Duration delay(long failuresInWindow) {
    long over = failuresInWindow - free;
    if (over <= 0) {
      return Duration.ZERO;
    }
    Duration delay = step.multipliedBy(over);
    return delay.compareTo(longest) > 0 ? longest : delay;
  }
}
