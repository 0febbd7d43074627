package io.lanyard.device.domain;

import java.time.Instant;

/**
 * When a guest may log in, in epoch milliseconds: from {@code validFrom} on, until {@code
 * validUntil} (excluded, as a code's {@code expiresAt}). An absent end is open.
 */
public record GuestWindow(long validFrom, long validUntil) {

  public static GuestWindow of(Instant validFrom, Instant validUntil) {
    return new GuestWindow(
        validFrom == null ? Long.MIN_VALUE : validFrom.toEpochMilli(),
        validUntil == null ? Long.MAX_VALUE : validUntil.toEpochMilli());
  }

  public boolean notYetOpenAt(long now) {
    return now < validFrom;
  }

  public boolean endedAt(long now) {
    return now >= validUntil;
  }

  public boolean contains(long now) {
    return !notYetOpenAt(now) && !endedAt(now);
  }
}
