package io.lanyard.identity.domain;

/**
 * One line of a user import as read and checked: a user to create ({@code profile}, with the code
 * and card the line gives, either may be null), or a line refused ({@code refused}: an error code
 * such as {@code invalid_email} or {@code duplicate_username}, never a value from the line).
 *
 * <p>{@code accessCode} and {@code cardNumber} are secrets in clear: {@link #toString()} leaves
 * them out, so a line that reaches a log carries neither.
 */
public record ImportLine(
    int line, UserProfile profile, String accessCode, String cardNumber, String refused) {

  public static ImportLine accepted(
      int line, UserProfile profile, String accessCode, String cardNumber) {
    return new ImportLine(line, profile, accessCode, cardNumber, null);
  }

  public static ImportLine refused(int line, String reason) {
    return new ImportLine(line, null, null, null, reason);
  }

  public boolean isRefused() {
    return refused != null;
  }

  /** credential-service gets this line's first code (and card) from the import itself. */
  public boolean firstCodeFollows() {
    return accessCode != null || cardNumber != null;
  }

  @Override
  public String toString() {
    return refused != null
        ? "ImportLine[line=" + line + ", refused=" + refused + "]"
        : "ImportLine[line="
            + line
            + ", username="
            + profile.username()
            + ", accessCode="
            + (accessCode == null ? "none" : "***")
            + ", cardNumber="
            + (cardNumber == null ? "none" : "***")
            + "]";
  }
}
