package io.lanyard.kernel;

/**
 * The character rule every text Lanyard keeps follows: it is stored exactly as sent, or refused.
 * Refused are control characters (but tab, line feed and carriage return), lone surrogates (which
 * PostgreSQL would turn into {@code ?}; NUL it cannot store at all) and the non-characters U+FFFE
 * and U+FFFF; and anything longer than its field allows, counted in characters (code points). A
 * line (a name, a label) also holds no line or paragraph breaks, tabs, or the invisible controls
 * that reorder text on screen (a device or user named to look like another).
 */
public final class Text {

  /** The most any text field may hold when its own rule says nothing tighter. */
  public static final int MOST_CHARACTERS = 8192;

  private Text() {}

  /** Why the text cannot be kept as sent, in words for the person who sent it; or null. */
  public static String problem(String text, int mostCharacters) {
    if (text.length() > mostCharacters && text.codePointCount(0, text.length()) > mostCharacters) {
      return "is longer than " + mostCharacters + " characters";
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
          continue;
        }
        return "contains a broken character (a lone surrogate)";
      }
      if (Character.isLowSurrogate(c)) {
        return "contains a broken character (a lone surrogate)";
      }
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7f && c <= 0x9f)) {
        return "contains a control character";
      }
      if (c == '\uFFFE' || c == '\uFFFF') {
        return "contains a non-character";
      }
    }
    return null;
  }

  /** As {@link #problem}, for one line of text. */
  public static String lineProblem(String text, int mostCharacters) {
    String problem = problem(text, mostCharacters);
    if (problem != null) {
      return problem;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int type = Character.getType(c);
      if (c == '\t'
          || c == '\n'
          || c == '\r'
          || type == Character.LINE_SEPARATOR
          || type == Character.PARAGRAPH_SEPARATOR) {
        return "must be one line";
      }
      // Bidirectional embeddings, overrides and isolates (U+202A..U+202E, U+2066..U+2069).
      if ((c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')) {
        return "contains an invisible control character";
      }
    }
    return null;
  }

  /** One line as sent (null stays null), or a 400 naming the field. */
  public static String checked(String field, String text, int mostCharacters) {
    if (text == null) {
      return null;
    }
    String problem = lineProblem(text, mostCharacters);
    if (problem != null) {
      throw DomainException.invalidField(field, problem);
    }
    return text;
  }

  /** A line a person must give: trimmed, 1 to {@code mostCharacters}, or a 400 naming the field. */
  public static String required(String field, String text, int mostCharacters) {
    String clean = text == null ? "" : text.strip();
    if (clean.isEmpty()) {
      throw DomainException.invalidField(field, "give 1 to " + mostCharacters + " characters");
    }
    return checked(field, clean, mostCharacters);
  }

  /** As {@link #required}, but blank or missing is no value (null). */
  public static String optional(String field, String text, int mostCharacters) {
    return text == null || text.isBlank() ? null : checked(field, text.strip(), mostCharacters);
  }
}
