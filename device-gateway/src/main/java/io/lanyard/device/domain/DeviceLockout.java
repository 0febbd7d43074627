package io.lanyard.device.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One device's failed attempts and lock, as a value: every decision returns the state after it.
 * Replicas share it through the database; this class only decides.
 *
 * @param failures the failures inside the current window, oldest first
 * @param locks how many locks in a row since the last success (the next one lasts longer)
 * @param lockedUntil when the current lock ends, or null
 */
public record DeviceLockout(List<Instant> failures, int locks, Instant lockedUntil) {

  public static final DeviceLockout CLEAR = new DeviceLockout(List.of(), 0, null);

  public DeviceLockout {
    failures = List.copyOf(failures);
  }

  /** How long the device must wait before its next attempt, if it is locked now. */
  public Optional<Duration> retryAfter(Instant now) {
    if (lockedUntil == null || !now.isBefore(lockedUntil)) {
      return Optional.empty();
    }
    return Optional.of(Duration.between(now, lockedUntil));
  }

  /**
   * A wrong code or an unknown card. Once the window holds more failures than allowed, the device
   * is locked, for longer each time in a row.
   */
  public DeviceLockout failed(Instant now, LockoutPolicy policy) {
    List<Instant> recent = new ArrayList<>();
    for (Instant failure : failures) {
      if (failure.isAfter(now.minus(policy.window()))) {
        recent.add(failure);
      }
    }
    recent.add(now);
    if (recent.size() <= policy.allowedFailures()) {
      return new DeviceLockout(recent, locks, lockedUntil);
    }
    int lockNumber = locks + 1;
    // The lock starts the count again: after it ends, the device has its allowance back.
    return new DeviceLockout(List.of(), lockNumber, now.plus(policy.lockNumber(lockNumber)));
  }

  /** A successful login forgets the device's failures and locks. */
  public DeviceLockout succeeded() {
    return CLEAR;
  }

  /** Whether a success must write (the success path writes nothing for a clean device). */
  public boolean hasRecord() {
    return !failures.isEmpty() || locks > 0 || lockedUntil != null;
  }
}
