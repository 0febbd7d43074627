package io.lanyard.web.web;

import io.quarkus.qute.TemplateExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** What templates need to put text into a URL: {@code {q.urlEncoded}}. */
@TemplateExtension
public final class TextExtensions {

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

  private TextExtensions() {}

  /**
   * An instant as the services send it ({@code 2026-12-03T07:50:19.160379Z}), as a person reads it:
   * {@code 2026-12-03 07:50 UTC}; text that is no instant is shown as it is.
   */
  static String when(String instant) {
    if (instant == null || instant.isBlank()) {
      return "";
    }
    try {
      return WHEN.format(OffsetDateTime.parse(instant).atZoneSameInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException notAnInstant) {
      return instant;
    }
  }

  public static String urlEncoded(String text) {
    return text == null ? "" : URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
