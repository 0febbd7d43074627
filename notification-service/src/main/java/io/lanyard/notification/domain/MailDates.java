package io.lanyard.notification.domain;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Instants as an email shows them: in words, in the email's language, in UTC (the service does not
 * know the reader's time zone, so it says which one it uses).
 */
public final class MailDates {

  private static final DateTimeFormatter ENGLISH =
      DateTimeFormatter.ofPattern("d MMMM uuuu, HH:mm 'UTC'", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter GERMAN =
      DateTimeFormatter.ofPattern("d. MMMM uuuu, HH:mm 'UTC'", Locale.GERMAN)
          .withZone(ZoneOffset.UTC);

  private MailDates() {}

  /** {@code 3 December 2026, 10:00 UTC}; in German {@code 3. Dezember 2026, 10:00 UTC}. */
  public static String readable(Instant when, String language) {
    return ("de".equals(language) ? GERMAN : ENGLISH).format(when);
  }
}
