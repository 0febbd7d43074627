package io.lanyard.web.web;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * A browser's {@code datetime-local} inputs and the services' instants. The console shows UTC
 * everywhere (a tenant's admins may sit in several time zones, the printers in another), so what an
 * admin types is read as UTC and the labels say so.
 */
public final class UtcTimes {

  private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

  private UtcTimes() {}

  /**
   * {@code 2026-12-03T10:00} (seconds allowed) as {@code 2026-12-03T10:00:00Z}; empty as null.
   *
   * @throws IllegalArgumentException for text that is no date and time
   */
  public static String instant(String typed) {
    if (typed == null || typed.isBlank()) {
      return null;
    }
    try {
      return LocalDateTime.parse(typed.strip())
          .truncatedTo(ChronoUnit.SECONDS)
          .toInstant(ZoneOffset.UTC)
          .toString();
    } catch (DateTimeParseException notADateTime) {
      throw new IllegalArgumentException("not a date and time", notADateTime);
    }
  }

  /** An instant as a {@code datetime-local} input's value, in UTC; empty for none. */
  public static String input(String instant) {
    if (instant == null || instant.isBlank()) {
      return "";
    }
    try {
      return INPUT.format(OffsetDateTime.parse(instant).atZoneSameInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException notAnInstant) {
      return "";
    }
  }

  /** Now plus some hours, as an input's value: what a new guest's window starts out as. */
  public static String inputFromNow(long hours) {
    return input(Instant.now().plus(hours, ChronoUnit.HOURS).toString());
  }

  /** The instant has passed (an ended window, shown as such). */
  public static boolean past(String instant) {
    if (instant == null || instant.isBlank()) {
      return false;
    }
    try {
      return OffsetDateTime.parse(instant).toInstant().isBefore(Instant.now());
    } catch (DateTimeParseException notAnInstant) {
      return false;
    }
  }
}
