package io.lanyard.credentialrules;

import java.util.Locale;

/** What makes an access code acceptable, whatever its source. */
public final class AccessCodes {

  private static final String[] RUNS = {"0123456789", "ABCDEFGHIJKLMNOPQRSTUVWXYZ"};

  private AccessCodes() {}

  /** Codes are compared and stored upper-case, without surrounding blanks. */
  public static String normalise(String raw) {
    return raw == null ? "" : raw.strip().toUpperCase(Locale.ROOT);
  }

  /**
   * One character repeated ({@code 777777}), or a straight run up or down ({@code 123456}, {@code
   * FEDCBA}): codes anyone would guess first.
   */
  public static boolean isTrivial(String code) {
    if (code.chars().distinct().count() == 1) {
      return true;
    }
    String reversed = new StringBuilder(code).reverse().toString();
    for (String run : RUNS) {
      if (run.contains(code) || run.contains(reversed)) {
        return true;
      }
    }
    return false;
  }
}
