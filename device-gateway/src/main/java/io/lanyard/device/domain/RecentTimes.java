package io.lanyard.device.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The moments of a rolling window: lockouts and reminder rates count what happened lately. */
final class RecentTimes {

  private RecentTimes() {}

  /** The times after {@code now - window}, in their order, in a list of their own. */
  static List<Instant> within(List<Instant> times, Instant now, Duration window) {
    Instant start = now.minus(window);
    List<Instant> recent = new ArrayList<>();
    for (Instant time : times) {
      if (time.isAfter(start)) {
        recent.add(time);
      }
    }
    return recent;
  }
}
