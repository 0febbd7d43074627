package io.lanyard.device.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How many reminders one device may ask for: at most {@code perWindow} within {@code window}
 * (DESIGN.md: 10 a minute). Unlike {@link ReminderLimit} (per address, silent) this one is refused
 * openly: it depends only on the device's own requests, so the refusal tells nothing about any
 * address. It is checked before anything is recorded, because each new address would otherwise be a
 * new event stream kept forever.
 */
public record ReminderRate(Duration window, int perWindow) {

  public static final ReminderRate DEFAULT = new ReminderRate(Duration.ofMinutes(1), 10);

  /** The outcome: the device's requests to keep (this one included), or how long to wait. */
  public sealed interface Decision {}

  public record Allowed(List<Instant> requests) implements Decision {
    public Allowed {
      requests = List.copyOf(requests);
    }
  }

  public record Refused(Duration retryAfter) implements Decision {}

  /** One more request at {@code now}, given the device's earlier ones (oldest first). */
  public Decision request(List<Instant> earlier, Instant now) {
    List<Instant> recent = RecentTimes.within(earlier, now, window);
    recent.sort(null);
    if (recent.size() >= perWindow) {
      // A slot frees when the oldest request that still counts leaves the window.
      Instant freed = recent.get(recent.size() - perWindow).plus(window);
      return new Refused(Duration.between(now, freed));
    }
    recent.add(now);
    return new Allowed(recent);
  }
}
