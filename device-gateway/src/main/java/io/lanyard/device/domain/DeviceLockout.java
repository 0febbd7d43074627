package io.lanyard.device.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One device's failed attempts and lock, as a value: every decision returns the state after it.
 * Replicas share it through the database; this class only decides (see {@link LockoutPolicy}).
 *
 * @param failures the failures since the last success or lock, oldest first (the consecutive count;
 *     only those inside the policy's window count)
 * @param budget every failure inside the rolling budget window, oldest first; successes do not
 *     forget them. Bounded: beyond the budget every failure locks, so few more than {@code
 *     budgetFailures} fit in the window.
 * @param locks how many locks in a row (the next one lasts longer); forgotten by a success once the
 *     device is within its rolling budget again
 * @param lockedUntil when the current or last lock ends, or null
 * @param reason why the current or last lock was set, or null
 */
public record DeviceLockout(
    List<Instant> failures,
    List<Instant> budget,
    int locks,
    Instant lockedUntil,
    LockReason reason) {

  public static final DeviceLockout CLEAR = new DeviceLockout(List.of(), List.of(), 0, null, null);

  public DeviceLockout {
    failures = List.copyOf(failures);
    budget = List.copyOf(budget);
  }

  /** How long the device must wait before its next attempt, if it is locked now. */
  public Optional<Duration> retryAfter(Instant now) {
    if (lockedUntil == null || !now.isBefore(lockedUntil)) {
      return Optional.empty();
    }
    return Optional.of(Duration.between(now, lockedUntil));
  }

  /** Why the device is locked now, if it is. */
  public Optional<LockReason> lockedBecause(Instant now) {
    return retryAfter(now).isPresent() ? Optional.ofNullable(reason) : Optional.empty();
  }

  /** The failures that count towards the consecutive limit now. */
  public int failuresInWindow(Instant now, LockoutPolicy policy) {
    return RecentTimes.within(failures, now, policy.window()).size();
  }

  /** The failures that count towards the rolling budget now. */
  public int failuresInBudgetWindow(Instant now, LockoutPolicy policy) {
    return RecentTimes.within(budget, now, policy.budgetWindow()).size();
  }

  /**
   * A wrong code or an unknown card. Once either budget holds more failures than allowed, the
   * device is locked, for longer each time in a row.
   */
  public DeviceLockout failed(Instant now, LockoutPolicy policy) {
    List<Instant> recent = RecentTimes.within(failures, now, policy.window());
    recent.add(now);
    List<Instant> rolling = RecentTimes.within(budget, now, policy.budgetWindow());
    rolling.add(now);
    LockReason lockFor;
    if (recent.size() > policy.allowedFailures()) {
      lockFor = LockReason.CONSECUTIVE_FAILURES;
    } else if (rolling.size() > policy.budgetFailures()) {
      lockFor = LockReason.HOURLY_FAILURE_BUDGET;
    } else {
      return new DeviceLockout(recent, rolling, locks, lockedUntil, reason);
    }
    int lockNumber = locks + 1;
    // The lock starts the consecutive count again: after it ends, the device has that allowance
    // back. The rolling budget keeps its failures, so while it is spent every failure locks anew.
    return new DeviceLockout(
        List.of(), rolling, lockNumber, now.plus(policy.lockNumber(lockNumber)), lockFor);
  }

  /**
   * A successful login at {@code now} (when its request began): forgets the consecutive failures
   * and, once the device is within its rolling budget, the locks in a row; never the budget.
   *
   * <p>Not while failures of the device are being decided at the same moment, on any replica
   * ({@code failuresUnderWay}), or a failure on record began at or after this success: a valid code
   * sent inside a burst of guesses must not buy the burst a fresh allowance, so it forgets nothing.
   * A person who mistyped and then typed the right code does so one attempt after the other.
   */
  public DeviceLockout succeeded(Instant now, boolean failuresUnderWay, LockoutPolicy policy) {
    if (failuresUnderWay || failures.stream().anyMatch(failure -> !failure.isBefore(now))) {
      return this;
    }
    List<Instant> rolling = RecentTimes.within(budget, now, policy.budgetWindow());
    int keptLocks = rolling.size() > policy.budgetFailures() ? locks : 0;
    return new DeviceLockout(List.of(), rolling, keptLocks, null, null).orClear();
  }

  /**
   * Whether a success now must be written: the success path of a device with nothing to forget
   * (clean, or only failures of the rolling budget that stay anyway) writes nothing.
   */
  public boolean successChanges(Instant now, LockoutPolicy policy) {
    // Every login of a clean device passes here: it must cost nothing.
    if (!hasRecord()) {
      return false;
    }
    DeviceLockout after = succeeded(now, false, policy);
    return !after.failures.equals(failures)
        || after.locks != locks
        || !Objects.equals(after.lockedUntil, lockedUntil)
        || after.hasRecord() != hasRecord();
  }

  /** Whether the device has anything on record (a replica keeps only these in memory). */
  public boolean hasRecord() {
    return !failures.isEmpty() || !budget.isEmpty() || locks > 0 || lockedUntil != null;
  }

  private DeviceLockout orClear() {
    return hasRecord() ? this : CLEAR;
  }
}
