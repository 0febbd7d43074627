package io.lanyard.device.domain;

import io.lanyard.kernel.DomainException;
import io.lanyard.kernel.Text;

/**
 * What text from outside may contain before the gateway keeps it or puts it in an event: the
 * kernel's {@link Text} rule for one line (no control characters — NUL cannot even be stored by
 * PostgreSQL —, no lone surrogates, no tabs or line breaks), and, since names are shown in lists
 * and on consoles, neither line or paragraph separators nor the invisible controls that reorder
 * text on screen (a device named to look like another).
 */
public final class PlainText {

  private PlainText() {}

  /** Why {@code text} cannot be kept, or null. */
  public static String problem(String text) {
    String problem = Text.lineProblem(text, Integer.MAX_VALUE);
    if (problem != null) {
      return problem;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int type = Character.getType(c);
      if (type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
        return "must be one line";
      }
      // Bidirectional embeddings, overrides and isolates (U+202A..U+202E, U+2066..U+2069).
      if ((c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')) {
        return "contains an invisible control character";
      }
    }
    return null;
  }

  public static boolean isClean(String text) {
    return problem(text) == null;
  }

  /**
   * A field a person named something with: trimmed, 1 to {@code max} characters (code points),
   * clean. Refusals name the field ({@code invalid_<field>}).
   */
  public static String required(String field, String value, int max) {
    String clean = value == null ? "" : value.strip();
    if (clean.isEmpty()) {
      throw DomainException.invalidField(field, "give 1 to " + max + " characters");
    }
    return checked(field, clean, max);
  }

  /** As {@link #required}, but blank or missing is no value (null). */
  public static String optional(String field, String value, int max) {
    if (value == null || value.isBlank()) {
      return null;
    }
    return checked(field, value.strip(), max);
  }

  private static String checked(String field, String clean, int max) {
    String problem = problem(clean);
    if (problem != null) {
      throw DomainException.invalidField(field, problem);
    }
    if (clean.codePointCount(0, clean.length()) > max) {
      throw DomainException.invalidField(field, "is longer than " + max + " characters");
    }
    return clean;
  }
}
