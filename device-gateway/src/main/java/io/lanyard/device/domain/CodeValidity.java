package io.lanyard.device.domain;

import java.time.Instant;

/**
 * When an access code logs its user in, in epoch milliseconds: from {@code validFrom} on, until
 * {@code expiresAt} (excluded: a deadline is the first instant the code no longer works, as
 * credential-service's scheduler acts on {@code deadline <= now}); or never again once
 * credential-service said it expired ({@code markedExpired}), whatever this replica's clock says.
 *
 * <p>Milliseconds in primitives: the gateway holds one of these per code with a window (a million
 * codes without one share {@link #ALWAYS}), and a login compares two longs.
 */
public record CodeValidity(long validFrom, long expiresAt, boolean markedExpired) {

  /** A code without a window: valid from its change until the next. */
  public static final CodeValidity ALWAYS = new CodeValidity(Long.MIN_VALUE, Long.MAX_VALUE, false);

  /**
   * The window an event gives; an absent end is open, and a code with neither is {@link #ALWAYS}.
   */
  public static CodeValidity of(Instant validFrom, Instant expiresAt) {
    if (validFrom == null && expiresAt == null) {
      return ALWAYS;
    }
    return new CodeValidity(
        validFrom == null ? Long.MIN_VALUE : validFrom.toEpochMilli(),
        expiresAt == null ? Long.MAX_VALUE : expiresAt.toEpochMilli(),
        false);
  }

  /** The same window, expired by credential-service's word. */
  public CodeValidity expired() {
    return markedExpired ? this : new CodeValidity(validFrom, expiresAt, true);
  }

  public boolean expiredAt(long now) {
    return markedExpired || now >= expiresAt;
  }

  public boolean notYetValidAt(long now) {
    return now < validFrom;
  }
}
