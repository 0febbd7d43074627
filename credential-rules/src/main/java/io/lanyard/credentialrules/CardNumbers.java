package io.lanyard.credentialrules;

import io.lanyard.kernel.DomainException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Card numbers as admins and directories give them: trimmed, hex letters upper-case. */
public final class CardNumbers {

  private static final Pattern CANONICAL = Pattern.compile("[0-9A-F]{1,64}");

  private CardNumbers() {}

  public static String canonical(String raw) {
    String number = raw == null ? "" : raw.strip().toUpperCase(Locale.ROOT);
    if (!CANONICAL.matcher(number).matches()) {
      throw DomainException.invalid(
          "invalid_card_number", "a card number is 1 to 64 digits or hex letters A-F");
    }
    return number;
  }

  /** For display: all but the last four characters hidden. */
  public static String mask(String canonical) {
    int shown = Math.min(4, canonical.length());
    return "•".repeat(Math.max(4, canonical.length() - shown))
        + canonical.substring(canonical.length() - shown);
  }
}
