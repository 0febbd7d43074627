package io.lanyard.device.domain;

import io.lanyard.kernel.Text;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How often one address may be sent its code: not twice within {@code minInterval}, at most {@code
 * perDay} times in 24 hours. A request over the limit is dropped silently: the device's answer is
 * the same either way, so nobody learns whether an address is known or was just asked for.
 */
public record ReminderLimit(Duration minInterval, int perDay) {

  public static final ReminderLimit DEFAULT = new ReminderLimit(Duration.ofMinutes(2), 5);

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,189}");

  /** The address as events carry it (trimmed, lower-case), if it can be one at all. */
  public static Optional<String> normalise(String email) {
    String clean = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    // A NUL or a lone surrogate matches the pattern but cannot be kept in an event.
    return EMAIL.matcher(clean).matches() && Text.lineProblem(clean, Integer.MAX_VALUE) == null
        ? Optional.of(clean)
        : Optional.empty();
  }

  /**
   * The request to record, or nothing when the address has had enough reminders. {@code address}:
   * as the event carries it (sealed).
   */
  public Optional<ReminderRequest> decide(
      List<ReminderRequest> earlier,
      String tenantId,
      String address,
      String deviceId,
      Instant now) {
    int lastDay = 0;
    for (ReminderRequest request : earlier) {
      Instant at = Instant.parse(request.requestedAt());
      if (at.isAfter(now.minus(minInterval))) {
        return Optional.empty();
      }
      if (at.isAfter(now.minus(Duration.ofDays(1)))) {
        lastDay++;
      }
    }
    if (lastDay >= perDay) {
      return Optional.empty();
    }
    return Optional.of(new ReminderRequest(tenantId, address, deviceId, now.toString()));
  }
}
