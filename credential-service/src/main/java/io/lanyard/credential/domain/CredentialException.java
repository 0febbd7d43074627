package io.lanyard.credential.domain;

/** A credential command the domain refuses; {@code code} is what the API reports. */
public class CredentialException extends RuntimeException {

  public enum Kind {
    INVALID,
    NOT_FOUND,
    CONFLICT
  }

  private final Kind kind;
  private final String code;

  public CredentialException(Kind kind, String code, String message) {
    super(message);
    this.kind = kind;
    this.code = code;
  }

  public static CredentialException invalid(String code, String message) {
    return new CredentialException(Kind.INVALID, code, message);
  }

  public static CredentialException conflict(String code, String message) {
    return new CredentialException(Kind.CONFLICT, code, message);
  }

  public Kind kind() {
    return kind;
  }

  public String code() {
    return code;
  }
}
