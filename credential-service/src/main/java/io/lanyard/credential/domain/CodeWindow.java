package io.lanyard.credential.domain;

import io.lanyard.kernel.DomainException;
import java.time.Instant;

/**
 * When a code works: from {@code validFrom} ({@code null}: at once) until {@code expiresAt} ({@code
 * null}: it does not expire). A guest's code has the guest's window; any code may be given an
 * expiry. device-gateway refuses a code outside it from its own clock; this service records the
 * expiry as a fact once its scheduler sees it pass.
 */
public record CodeWindow(Instant validFrom, Instant expiresAt) {

  /** A code without a window: it works from when it is set until it is replaced. */
  public static final CodeWindow NONE = new CodeWindow(null, null);

  /** The latest expiry taken: RFC 3339 has four-digit years (and the database ends there too). */
  public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  /** Whether the deadline has passed: a code is expired from its {@code expiresAt} on. */
  public boolean hasEnded(Instant now) {
    return expiresAt != null && !now.isBefore(expiresAt);
  }

  /** The same start with another end ({@code null}: no end). */
  public CodeWindow endingAt(Instant newExpiresAt) {
    return new CodeWindow(validFrom, newExpiresAt);
  }

  /**
   * An expiry an admin gives a code: later than now (an expiry in the past would end the code
   * before anyone could read it) and than the code's start. The refusal names the field.
   */
  public static Instant checkedExpiry(Instant expiresAt, Instant validFrom, Instant now) {
    if (expiresAt == null) {
      return null;
    }
    if (!expiresAt.isAfter(now)) {
      throw DomainException.invalid("invalid_field", "expiresAt: must be in the future");
    }
    if (expiresAt.isAfter(LATEST)) {
      throw DomainException.invalid("invalid_field", "expiresAt: must be before the year 10000");
    }
    if (validFrom != null && !expiresAt.isAfter(validFrom)) {
      throw DomainException.invalid(
          "invalid_field", "expiresAt: must be after the code's validFrom");
    }
    return expiresAt;
  }
}
