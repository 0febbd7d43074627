package io.lanyard.identity.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * When a guest may print: from {@code validFrom} up to {@code validUntil}. At {@code validUntil}
 * the window has ended (the gateway refuses from that second; the scheduler then suspends the
 * guest), and {@code guestRetentionDays} later the guest is deleted.
 *
 * <p>Instants are kept to the microsecond, as PostgreSQL keeps them, so the read model and the
 * events always say the same.
 */
public record GuestWindow(Instant validFrom, Instant validUntil) {

  /** A guest is a visitor: a year (a leap year's) at most; longer is a person's account. */
  public static final Duration LONGEST = Duration.ofDays(366);

  public GuestWindow {
    Objects.requireNonNull(validFrom, "validFrom");
    Objects.requireNonNull(validUntil, "validUntil");
  }

  /**
   * The window a new user of this kind has: none for a person, who may not name one; a checked one
   * for a guest, who must.
   */
  public static GuestWindow forKind(
      UserKind kind, String validFrom, String validUntil, Instant now) {
    if (kind == UserKind.PERSON) {
      if (validFrom != null || validUntil != null) {
        throw InvalidField.because(
            "validFrom, validUntil: only a guest has a window (give \"kind\":\"guest\")");
      }
      return null;
    }
    if (validFrom == null || validUntil == null) {
      throw InvalidField.because("validFrom, validUntil: both are required for a guest");
    }
    return checked(instant("validFrom", validFrom), instant("validUntil", validUntil), now);
  }

  /** This window with the ends an edit names changed, checked as a new one. */
  public GuestWindow edited(WindowEdit edit, Instant now) {
    return checked(
        edit.validFrom() == null ? validFrom : instant("validFrom", edit.validFrom()),
        edit.validUntil() == null ? validUntil : instant("validUntil", edit.validUntil()),
        now);
  }

  static GuestWindow checked(Instant validFrom, Instant validUntil, Instant now) {
    if (!validUntil.isAfter(validFrom)) {
      throw InvalidField.because("validUntil: must be after validFrom");
    }
    if (!validUntil.isAfter(now)) {
      throw InvalidField.because("validUntil: must be in the future");
    }
    if (Duration.between(validFrom, validUntil).compareTo(LONGEST) > 0) {
      throw InvalidField.because("validUntil: a guest's window is at most 366 days long");
    }
    return new GuestWindow(validFrom, validUntil);
  }

  /** Whether the window is over at {@code now}: from {@code validUntil} on, to the second. */
  public boolean endedAt(Instant now) {
    return !now.isBefore(validUntil);
  }

  /** Whether a guest with this window is to be deleted at {@code now}. */
  public boolean retentionEndedAt(Instant now, TenantSettings settings) {
    return !now.isBefore(validUntil.plus(Duration.ofDays(settings.guestRetentionDays())));
  }

  /** An RFC 3339 instant with its offset ({@code Z} or {@code +02:00}), years 0001 to 9999. */
  static Instant instant(String field, String text) {
    try {
      OffsetDateTime parsed = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
      if (parsed.getYear() < 1 || parsed.getYear() > 9999) {
        throw instantRefused(field);
      }
      return parsed.toInstant().truncatedTo(ChronoUnit.MICROS);
    } catch (DateTimeParseException e) {
      throw instantRefused(field);
    }
  }

  private static RuntimeException instantRefused(String field) {
    return InvalidField.because(
        field + ": an RFC 3339 instant with its offset, such as 2026-12-03T10:00:00Z");
  }
}
