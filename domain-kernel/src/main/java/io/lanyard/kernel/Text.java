package io.lanyard.kernel;

/**
 * The character rule every text Lanyard keeps follows: it is stored exactly as sent, or refused.
 * Refused are control characters (but tab, line feed and carriage return), lone surrogates (which a
 * database would turn into {@code ?}) and the non-characters U+FFFE and U+FFFF; and anything longer
 * than its field allows.
 */
public final class Text {

  /** The most any text field may hold when its own rule says nothing tighter. */
  public static final int MOST_CHARACTERS = 8192;

  private Text() {}

  /** Why the text cannot be kept as sent, in words for the person who sent it; or null. */
  public static String problem(String text, int mostCharacters) {
    if (text.length() > mostCharacters) {
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

  /** One line of text (a name, a label): also no line breaks or tabs. */
  public static String lineProblem(String text, int mostCharacters) {
    String problem = problem(text, mostCharacters);
    if (problem == null && text.chars().anyMatch(c -> c == '\t' || c == '\n' || c == '\r')) {
      return "must be one line";
    }
    return problem;
  }

  /** The text as sent, or a 400 naming the field. */
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
}
