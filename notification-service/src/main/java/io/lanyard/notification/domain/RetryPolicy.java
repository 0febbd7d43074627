package io.lanyard.notification.domain;

import java.time.Duration;
import java.util.Optional;

/**
 * When to try an email again after the SMTP server refused it or could not be reached: {@code
 * first} after the first failure, doubling up to {@code longest}; after {@code attempts} attempts
 * the email has failed for good.
 */
public record RetryPolicy(int attempts, Duration first, Duration longest) {

  /** About two hours of trying, then NotificationFailed. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(12, Duration.ofSeconds(2), Duration.ofMinutes(30));

  /** The wait before the next attempt after {@code failed} failed attempts; empty: give up. */
  public Optional<Duration> nextAfter(int failed) {
    if (failed >= attempts) {
      return Optional.empty();
    }
    Duration wait = first;
    for (int i = 1; i < failed && wait.compareTo(longest) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return Optional.of(wait.compareTo(longest) > 0 ? longest : wait);
  }
}
