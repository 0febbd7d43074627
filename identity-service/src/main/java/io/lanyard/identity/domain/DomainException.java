package io.lanyard.identity.domain;

/** A command the domain refuses: {@code code} is what the API reports, {@code field} if any. */
public class DomainException extends RuntimeException {

  public enum Kind {
    INVALID,
    NOT_FOUND,
    CONFLICT
  }

  private final Kind kind;
  private final String code;

  public DomainException(Kind kind, String code, String message) {
    super(message);
    this.kind = kind;
    this.code = code;
  }

  public static DomainException invalid(String field, String message) {
    return new DomainException(Kind.INVALID, "invalid_" + toSnake(field), field + ": " + message);
  }

  public static DomainException notFound(String what) {
    return new DomainException(Kind.NOT_FOUND, "not_found", what + " not found");
  }

  public static DomainException conflict(String code, String message) {
    return new DomainException(Kind.CONFLICT, code, message);
  }

  public Kind kind() {
    return kind;
  }

  public String code() {
    return code;
  }

  private static String toSnake(String field) {
    return field.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
  }
}
