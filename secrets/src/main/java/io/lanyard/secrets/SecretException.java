package io.lanyard.secrets;

/** A secret could not be protected or read back. Its message never contains the secret. */
public class SecretException extends RuntimeException {

  public SecretException(String message) {
    super(message);
  }

  public SecretException(String message, Throwable cause) {
    super(message, cause);
  }
}
