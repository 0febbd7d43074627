package io.lanyard.notification.domain;

import java.util.Locale;
import java.util.Set;

/** Which translation of the emails a user gets: their language where we have it, else English. */
public final class TemplateLocales {

  public static final String DEFAULT = "en";

  private TemplateLocales() {}

  /** {@code de-CH} → {@code de} when {@code de} is available; null or unknown → {@code en}. */
  public static String pick(String userLocale, Set<String> available) {
    if (userLocale == null || userLocale.isBlank()) {
      return DEFAULT;
    }
    String language = Locale.forLanguageTag(userLocale.strip().replace('_', '-')).getLanguage();
    return available.contains(language) ? language : DEFAULT;
  }
}
