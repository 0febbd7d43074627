package io.lanyard.credential.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How often a user may have their code emailed: not twice within {@code minInterval}, at most
 * {@code perDay} times in 24 hours (the numbers of the device's reminders per address). Unlike at a
 * device, the user is told how long to wait: it is their own code, nobody learns anything new.
 */
public record CodeEmailLimit(Duration minInterval, int perDay) {

  public static final CodeEmailLimit DEFAULT = new CodeEmailLimit(Duration.ofMinutes(2), 5);

  private static final Duration DAY = Duration.ofDays(1);

  /** How long to wait before another request is accepted; nothing when one may be made now. */
  public Optional<Duration> waitBefore(List<Instant> earlier, Instant now) {
    List<Instant> lastDay =
        earlier.stream().filter(at -> at.isAfter(now.minus(DAY))).sorted().toList();
    if (lastDay.isEmpty()) {
      return Optional.empty();
    }
    Duration wait = Duration.between(now, lastDay.get(lastDay.size() - 1).plus(minInterval));
    if (lastDay.size() >= perDay) {
      // Another is free once the request that makes the day full is a day old.
      Instant freeing = lastDay.get(lastDay.size() - perDay);
      Duration dayFull = Duration.between(now, freeing.plus(DAY));
      wait = dayFull.compareTo(wait) > 0 ? dayFull : wait;
    }
    return wait.isNegative() || wait.isZero() ? Optional.empty() : Optional.of(wait);
  }
}
