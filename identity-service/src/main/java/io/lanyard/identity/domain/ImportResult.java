package io.lanyard.identity.domain;

/**
 * What became of one line of an import: {@code created} (with the user's id), or {@code refused}
 * with a reason code (and the user's id when the user exists but their code or card was refused). A
 * reason never holds a value from the line.
 */
public record ImportResult(int line, String userId, Outcome outcome, String reason) {

  public enum Outcome {
    CREATED,
    REFUSED
  }

  public static ImportResult created(int line, String userId) {
    return new ImportResult(line, userId, Outcome.CREATED, null);
  }

  public static ImportResult refused(int line, String reason) {
    return new ImportResult(line, null, Outcome.REFUSED, reason);
  }

  /**
   * The user was created, but credential-service refused the line's code or card ({@code error}):
   * it gave the user a generated code instead.
   */
  public static ImportResult credentialRefused(int line, String userId, String error) {
    return new ImportResult(line, userId, Outcome.REFUSED, error + "; a code was generated");
  }

  /**
   * The user was created, but the import ended ({@code reason}) before their code and card reached
   * credential-service: the user has neither.
   */
  public static ImportResult credentialsNotHandedOver(int line, String userId, String reason) {
    return new ImportResult(line, userId, Outcome.REFUSED, reason + "; no code or card was set");
  }

  public boolean isCreated() {
    return outcome == Outcome.CREATED;
  }
}
