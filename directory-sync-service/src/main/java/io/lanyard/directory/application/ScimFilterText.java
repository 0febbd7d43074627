package io.lanyard.directory.application;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * A filter's text made ready for UnboundID's parser, which reads it as RFC 7644 writes it. Before
 * that parser sees it, this refuses what would cost too much or what the parser lets through though
 * it means nothing (an unclosed {@code [}, a number beyond any range), and reads what SCIM clients
 * send beyond the grammar: {@code TRUE} for {@code true}, tabs between words, and Entra ID's value
 * path followed by a sub-attribute, {@code emails[type eq "work"].value eq "a@b"}, which means
 * {@code emails[(type eq "work") and value eq "a@b"]}. Text inside strings is copied as it is.
 */
final class ScimFilterText {

  static final int MAX_LENGTH = 4096;

  /** Levels of parentheses and brackets, the filter itself being the first. */
  static final int MAX_DEPTH = 32;

  private static final String NUMBER = "-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?";

  private final String text;
  private final StringBuilder prepared = new StringBuilder();

  /** Where each open parenthesis or bracket sits in {@link #prepared}. */
  private final Deque<Integer> open = new ArrayDeque<>();

  private int next;

  private ScimFilterText(String text) {
    this.text = text;
  }

  /**
   * @throws ScimException 400 {@code invalidFilter}
   */
  static String prepare(String filter) {
    if (filter == null || filter.isBlank()) {
      throw ScimFilters.invalid("the filter is empty");
    }
    if (filter.length() > MAX_LENGTH) {
      throw ScimFilters.invalid("the filter is longer than " + MAX_LENGTH + " characters");
    }
    return new ScimFilterText(filter).read();
  }

  private String read() {
    while (next < text.length()) {
      char c = text.charAt(next);
      if (c == '"') {
        string();
      } else if (c == '(' || c == '[') {
        if (open.size() + 1 >= MAX_DEPTH) {
          throw ScimFilters.invalid("the filter nests deeper than " + MAX_DEPTH);
        }
        open.push(prepared.length());
        prepared.append(c);
        next++;
      } else if (c == ')' || c == ']') {
        close(c);
      } else if (isWordChar(c)) {
        word();
      } else {
        prepared.append(c == '\t' ? ' ' : c);
        next++;
      }
    }
    if (!open.isEmpty()) {
      throw ScimFilters.invalid("'" + prepared.charAt(open.peek()) + "' is not closed");
    }
    return prepared.toString();
  }

  private void close(char c) {
    char opening = c == ')' ? '(' : '[';
    if (open.isEmpty() || prepared.charAt(open.peek()) != opening) {
      throw ScimFilters.invalid("'" + c + "' at position " + next + " closes nothing");
    }
    int at = open.pop();
    prepared.append(c);
    next++;
    if (c == ']' && next < text.length() && text.charAt(next) == '.') {
      subAttributeOfValuePath(at);
    }
  }

  /**
   * {@code attr[filter].sub op value}, as Entra ID sends it: {@code attr[(filter) and sub op
   * value]}.
   */
  private void subAttributeOfValuePath(int bracket) {
    next++; // the '.'
    prepared.setLength(prepared.length() - 1); // the ']', moved after the comparison
    prepared.insert(bracket + 1, '(').append(") and ");
    if (word().isEmpty()) {
      throw ScimFilters.invalid("a sub-attribute follows ']' at position " + next);
    }
    spaces();
    if (!word().equalsIgnoreCase("pr")) {
      spaces();
      if (next < text.length() && text.charAt(next) == '"') {
        string();
      } else {
        word();
      }
    }
    prepared.append(']');
  }

  private void spaces() {
    while (next < text.length() && (text.charAt(next) == ' ' || text.charAt(next) == '\t')) {
      prepared.append(' ');
      next++;
    }
  }

  /**
   * A name, keyword or bare value, copied; {@code true false null} in lower case as JSON writes
   * them. A number must fit a BigDecimal ({@code 1e99999999999} does not): refused here, where its
   * text is known, rather than read as an infinity.
   */
  private String word() {
    int start = next;
    while (next < text.length() && isWordChar(text.charAt(next))) {
      next++;
    }
    String word = text.substring(start, next);
    String lower = word.toLowerCase(Locale.ROOT);
    if (lower.equals("true") || lower.equals("false") || lower.equals("null")) {
      word = lower;
    } else if (word.matches(NUMBER)) {
      try {
        new BigDecimal(word);
      } catch (NumberFormatException | ArithmeticException outOfRange) {
        throw ScimFilters.invalid("the number at position " + start + " is out of range");
      }
    }
    prepared.append(word);
    return word;
  }

  /** A JSON string, copied up to its closing quote (or to the end: the parser says it is open). */
  private void string() {
    int start = next++;
    while (next < text.length() && text.charAt(next) != '"') {
      next += text.charAt(next) == '\\' ? 2 : 1;
    }
    next = Math.min(next + 1, text.length());
    prepared.append(text, start, next);
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || "_$.:+-".indexOf(c) >= 0;
  }
}
