package io.lanyard.directory.domain.scim;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses SCIM filters by recursive descent over RFC 7644's grammar, with the usual precedence
 * ({@code not} over {@code and} over {@code or}, parentheses first). Operators, keywords and
 * attribute names are case-insensitive. Also takes the form Entra ID sends, a value path followed
 * by a sub-attribute: {@code emails[type eq "work"].value eq "a@b"} means some email is both.
 *
 * <pre>
 * filter    = or
 * or        = and *("or" and)
 * and       = unary *("and" unary)
 * unary     = "not" "(" filter ")" / "(" filter ")" / attrExp
 * attrExp   = path "[" filter "]" ["." name (op value / "pr")] / path "pr" / path op value
 * value     = string / number / "true" / "false" / "null"
 * </pre>
 */
public final class ScimFilterParser {

  private enum Kind {
    WORD,
    STRING,
    NUMBER,
    OPEN,
    CLOSE,
    OPEN_BRACKET,
    CLOSE_BRACKET,
    SUB,
    END
  }

  private record Token(Kind kind, String text, int position) {
    boolean isWord(String keyword) {
      return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
    }
  }

  private static final int MAX_LENGTH = 4096;
  private static final int MAX_DEPTH = 32;

  private final List<Token> tokens;
  private int next;
  private int depth;

  private ScimFilterParser(List<Token> tokens) {
    this.tokens = tokens;
  }

  public static ScimFilter parse(String filter) {
    if (filter == null || filter.isBlank()) {
      throw new ScimFilterException("the filter is empty", 0);
    }
    if (filter.length() > MAX_LENGTH) {
      throw new ScimFilterException("the filter is longer than " + MAX_LENGTH + " characters", 0);
    }
    ScimFilterParser parser = new ScimFilterParser(tokenize(filter));
    ScimFilter parsed = parser.or();
    Token rest = parser.peek();
    if (rest.kind() != Kind.END) {
      throw new ScimFilterException("unexpected '" + rest.text() + "'", rest.position());
    }
    return parsed;
  }

  private ScimFilter or() {
    ScimFilter left = and();
    while (peek().isWord("or")) {
      next++;
      left = new ScimFilter.Or(left, and());
    }
    return left;
  }

  private ScimFilter and() {
    ScimFilter left = unary();
    while (peek().isWord("and")) {
      next++;
      left = new ScimFilter.And(left, unary());
    }
    return left;
  }

  private ScimFilter unary() {
    if (++depth > MAX_DEPTH) {
      throw new ScimFilterException("the filter nests deeper than " + MAX_DEPTH, peek().position());
    }
    try {
      Token token = peek();
      if (token.isWord("not") && lookahead(1).kind() == Kind.OPEN) {
        next++;
        return new ScimFilter.Not(parenthesised());
      }
      if (token.kind() == Kind.OPEN) {
        return parenthesised();
      }
      return attributeExpression();
    } finally {
      depth--;
    }
  }

  private ScimFilter parenthesised() {
    expect(Kind.OPEN, "(");
    ScimFilter inner = or();
    expect(Kind.CLOSE, ")");
    return inner;
  }

  private ScimFilter attributeExpression() {
    Token word = take();
    if (word.kind() != Kind.WORD || isKeyword(word.text())) {
      throw new ScimFilterException(
          "expected an attribute, found '" + word.text() + "'", word.position());
    }
    AttributePath path = AttributePath.parse(word.text(), word.position());
    if (peek().kind() == Kind.OPEN_BRACKET) {
      next++;
      ScimFilter inner = or();
      expect(Kind.CLOSE_BRACKET, "]");
      if (peek().kind() == Kind.SUB) {
        Token sub = take();
        AttributePath subPath = AttributePath.parse(sub.text(), sub.position());
        return new ScimFilter.ValuePath(path, new ScimFilter.And(inner, comparison(subPath)));
      }
      return new ScimFilter.ValuePath(path, inner);
    }
    return comparison(path);
  }

  private ScimFilter comparison(AttributePath path) {
    Token operator = take();
    if (operator.isWord("pr")) {
      return new ScimFilter.Present(path);
    }
    ScimFilter.Operator op = operator(operator);
    Token token = take();
    Object value = value(token);
    comparable(op, value, token);
    return new ScimFilter.Compare(path, op, value);
  }

  /**
   * What an operator can compare, checked here rather than when a user is evaluated: a filter is
   * refused whether or not the tenant has users it would be tried on.
   */
  private static void comparable(ScimFilter.Operator op, Object value, Token token) {
    boolean equality = op == ScimFilter.Operator.EQ || op == ScimFilter.Operator.NE;
    if (value == null && !equality) {
      throw new ScimFilterException("only eq and ne compare with null", token.position());
    }
    if (value instanceof Boolean && !equality) {
      throw new ScimFilterException("booleans compare with eq and ne only", token.position());
    }
    if (value instanceof BigDecimal
        && (op == ScimFilter.Operator.CO
            || op == ScimFilter.Operator.SW
            || op == ScimFilter.Operator.EW)) {
      throw new ScimFilterException(
          op.name().toLowerCase(Locale.ROOT) + " compares strings, not numbers", token.position());
    }
  }

  private static ScimFilter.Operator operator(Token token) {
    if (token.kind() == Kind.WORD) {
      try {
        return ScimFilter.Operator.valueOf(token.text().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException notAnOperator) {
        // reported below
      }
    }
    throw new ScimFilterException(
        "expected an operator (eq ne co sw ew gt ge lt le pr), found '" + token.text() + "'",
        token.position());
  }

  private static Object value(Token token) {
    return switch (token.kind()) {
      case STRING -> token.text();
      case NUMBER -> number(token);
      case WORD -> {
        String word = token.text().toLowerCase(Locale.ROOT);
        if (word.equals("true") || word.equals("false")) {
          yield Boolean.valueOf(word);
        }
        if (word.equals("null")) {
          yield null;
        }
        throw new ScimFilterException(
            "a value is a string, number, true, false or null, not '" + token.text() + "'",
            token.position());
      }
      default ->
          throw new ScimFilterException(
              "expected a value, found '" + token.text() + "'", token.position());
    };
  }

  /**
   * A number as JSON writes it. Its exponent must fit BigDecimal's scale (an int): {@code
   * 1e99999999999} is refused as a filter error, not left to fail later.
   */
  private static BigDecimal number(Token token) {
    try {
      return new BigDecimal(token.text());
    } catch (NumberFormatException | ArithmeticException outOfRange) {
      throw new ScimFilterException("the number is out of range", token.position());
    }
  }

  private static boolean isKeyword(String word) {
    String lower = word.toLowerCase(Locale.ROOT);
    return lower.equals("and") || lower.equals("or") || lower.equals("not");
  }

  private void expect(Kind kind, String text) {
    Token token = take();
    if (token.kind() != kind) {
      throw new ScimFilterException(
          "expected '" + text + "', found '" + token.text() + "'", token.position());
    }
  }

  private Token peek() {
    return tokens.get(next);
  }

  private Token lookahead(int ahead) {
    return tokens.get(Math.min(next + ahead, tokens.size() - 1));
  }

  private Token take() {
    Token token = tokens.get(next);
    if (token.kind() != Kind.END) {
      next++;
    }
    return token;
  }

  // ---- tokens

  private static List<Token> tokenize(String text) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == ' ' || c == '\t') {
        i++;
      } else if (c == '(') {
        tokens.add(new Token(Kind.OPEN, "(", i++));
      } else if (c == ')') {
        tokens.add(new Token(Kind.CLOSE, ")", i++));
      } else if (c == '[') {
        tokens.add(new Token(Kind.OPEN_BRACKET, "[", i++));
      } else if (c == ']') {
        tokens.add(new Token(Kind.CLOSE_BRACKET, "]", i++));
        if (i < text.length() && text.charAt(i) == '.') {
          int start = ++i;
          while (i < text.length() && isWordChar(text.charAt(i))) {
            i++;
          }
          tokens.add(new Token(Kind.SUB, text.substring(start, i), start));
        }
      } else if (c == '"') {
        i = string(text, i, tokens);
      } else if (c == '-' || Character.isDigit(c)) {
        int start = i++;
        while (i < text.length() && "0123456789.eE+-".indexOf(text.charAt(i)) >= 0) {
          i++;
        }
        String number = text.substring(start, i);
        if (!number.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
          throw new ScimFilterException("not a number: " + number, start);
        }
        tokens.add(new Token(Kind.NUMBER, number, start));
      } else if (isWordChar(c)) {
        int start = i;
        while (i < text.length() && isWordChar(text.charAt(i))) {
          i++;
        }
        tokens.add(new Token(Kind.WORD, text.substring(start, i), start));
      } else {
        throw new ScimFilterException("unexpected character '" + c + "'", i);
      }
    }
    tokens.add(new Token(Kind.END, "end of filter", text.length()));
    return tokens;
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == ':' || c == '.' || c == '_' || c == '-' || c == '$';
  }

  /** A JSON string: escapes as JSON writes them. Answers the index after its closing quote. */
  private static int string(String text, int open, List<Token> tokens) {
    StringBuilder value = new StringBuilder();
    int i = open + 1;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '"') {
        if (value.chars().anyMatch(Character::isISOControl)) {
          // No attribute holds one (and the database refuses NUL): a mistake, not a search.
          throw new ScimFilterException("a string holds a control character", open);
        }
        tokens.add(new Token(Kind.STRING, value.toString(), open));
        return i + 1;
      }
      if (c == '\\') {
        if (i + 1 >= text.length()) {
          break;
        }
        char escaped = text.charAt(i + 1);
        switch (escaped) {
          case '"', '\\', '/' -> value.append(escaped);
          case 'b' -> value.append('\b');
          case 'f' -> value.append('\f');
          case 'n' -> value.append('\n');
          case 'r' -> value.append('\r');
          case 't' -> value.append('\t');
          case 'u' -> {
            if (i + 6 > text.length() || !text.substring(i + 2, i + 6).matches("[0-9A-Fa-f]{4}")) {
              throw new ScimFilterException("a \\u escape needs four hex digits", i);
            }
            value.append((char) Integer.parseInt(text.substring(i + 2, i + 6), 16));
            i += 4;
          }
          default -> throw new ScimFilterException("unknown escape \\" + escaped, i);
        }
        i += 2;
      } else {
        value.append(c);
        i++;
      }
    }
    throw new ScimFilterException("a string is not closed", open);
  }
}
