package io.lanyard.credentialrules;

import io.lanyard.kernel.DomainException;
import java.math.BigInteger;
import java.util.Locale;

/**
 * One step of a tenant's card conversion chain: what turns a reader's raw output into the number
 * the card was registered with.
 */
public sealed interface ConversionStep {

  String apply(String value);

  /** The step's name on the wire ({@code {"step":"hex_to_decimal"}}). */
  String name();

  record Trim() implements ConversionStep {
    public String apply(String value) {
      return value.strip();
    }

    public String name() {
      return "trim";
    }
  }

  record StripPrefix(String value) implements ConversionStep {
    public StripPrefix {
      requireText(value, "strip_prefix needs a value");
    }

    public String apply(String input) {
      return input.startsWith(value) ? input.substring(value.length()) : input;
    }

    public String name() {
      return "strip_prefix";
    }
  }

  record StripSuffix(String value) implements ConversionStep {
    public StripSuffix {
      requireText(value, "strip_suffix needs a value");
    }

    public String apply(String input) {
      return input.endsWith(value) ? input.substring(0, input.length() - value.length()) : input;
    }

    public String name() {
      return "strip_suffix";
    }
  }

  record HexToDecimal() implements ConversionStep {
    public String apply(String value) {
      return parse(value, 16).toString(10);
    }

    public String name() {
      return "hex_to_decimal";
    }
  }

  record DecimalToHex() implements ConversionStep {
    public String apply(String value) {
      return parse(value, 10).toString(16).toUpperCase(Locale.ROOT);
    }

    public String name() {
      return "decimal_to_hex";
    }
  }

  /** Reads the value as hex bytes and reverses their order (little- versus big-endian UIDs). */
  record ReverseBytes() implements ConversionStep {
    public String apply(String value) {
      String hex = value.length() % 2 == 0 ? value : "0" + value;
      parse(hex, 16);
      StringBuilder reversed = new StringBuilder(hex.length());
      for (int i = hex.length() - 2; i >= 0; i -= 2) {
        reversed.append(hex, i, i + 2);
      }
      return reversed.toString();
    }

    public String name() {
      return "reverse_bytes";
    }
  }

  record KeepLast(int count) implements ConversionStep {
    public KeepLast {
      if (count < 1 || count > 64) {
        throw DomainException.invalid(
            "invalid_card_conversion", "keep_last needs a count from 1 to 64");
      }
    }

    public String apply(String value) {
      return value.length() <= count ? value : value.substring(value.length() - count);
    }

    public String name() {
      return "keep_last";
    }
  }

  record PadLeadingZeros(int length) implements ConversionStep {
    public PadLeadingZeros {
      if (length < 1 || length > 64) {
        throw DomainException.invalid(
            "invalid_card_conversion", "pad_leading_zeros needs a length from 1 to 64");
      }
    }

    public String apply(String value) {
      return value.length() >= length ? value : "0".repeat(length - value.length()) + value;
    }

    public String name() {
      return "pad_leading_zeros";
    }
  }

  record StripLeadingZeros() implements ConversionStep {
    public String apply(String value) {
      String stripped = value.replaceFirst("^0+", "");
      return stripped.isEmpty() && !value.isEmpty() ? "0" : stripped;
    }

    public String name() {
      return "strip_leading_zeros";
    }
  }

  private static BigInteger parse(String value, int radix) {
    try {
      return new BigInteger(value, radix);
    } catch (NumberFormatException e) {
      throw DomainException.invalid(
          "card_conversion_failed",
          "the reader's value is not " + (radix == 16 ? "hexadecimal" : "decimal") + " here");
    }
  }

  private static void requireText(String value, String message) {
    if (value == null || value.isEmpty()) {
      throw DomainException.invalid("invalid_card_conversion", message);
    }
  }
}
