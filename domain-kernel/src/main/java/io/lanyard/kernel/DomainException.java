package io.lanyard.kernel;

import java.util.Locale;

/**
 * A command a domain refuses. {@code code} is the stable error code the API reports ({@code
 * invalid_email}, {@code username_taken}, …); the kind decides the HTTP status (400, 404, 409, 403)
 * in one place, service-runtime. Messages never contain secrets.
 */
public class DomainException extends RuntimeException {

  public enum Kind {
    INVALID,
    NOT_FOUND,
    CONFLICT,
    /** The caller is known but may not do this (e.g. an unverified email). */
    FORBIDDEN
  }

  private final Kind kind;
  private final String code;

  public DomainException(Kind kind, String code, String message) {
    super(message);
    this.kind = kind;
    this.code = code;
  }

  public static DomainException invalid(String code, String message) {
    return new DomainException(Kind.INVALID, code, message);
  }

  /** A bad field: code {@code invalid_<field in snake case>}, the message names the field. */
  public static DomainException invalidField(String field, String message) {
    return invalid("invalid_" + snake(field), field + ": " + message);
  }

  public static DomainException notFound(String what) {
    return new DomainException(Kind.NOT_FOUND, "not_found", what + " not found");
  }

  public static DomainException conflict(String code, String message) {
    return new DomainException(Kind.CONFLICT, code, message);
  }

  public static DomainException forbidden(String code, String message) {
    return new DomainException(Kind.FORBIDDEN, code, message);
  }

  public Kind kind() {
    return kind;
  }

  public String code() {
    return code;
  }

  private static String snake(String field) {
    return field.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }
}
