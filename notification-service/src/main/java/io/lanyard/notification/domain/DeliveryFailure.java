package io.lanyard.notification.domain;

import java.util.regex.Pattern;

/**
 * Why an email could not be sent, in words that name no one. A mail server's answer often quotes
 * the recipient's address ({@code 550 5.1.1 <ann@acme.example>: Recipient address rejected}), and
 * the reason is logged, kept in the delivery log and published in {@code NotificationFailed}, none
 * of which an erasure can reach afterwards (ADR 7): every address in it is replaced.
 */
public final class DeliveryFailure {

  private static final Pattern ADDRESS =
      Pattern.compile("<?[^\\s<>\"'(),;:\\[\\]]+@[^\\s<>\"'(),;:\\[\\]]+>?");

  private DeliveryFailure() {}

  public static String describe(Throwable failure) {
    String message = failure.getMessage() == null ? "" : ": " + failure.getMessage();
    return ADDRESS.matcher(failure.getClass().getSimpleName() + message).replaceAll("[address]");
  }
}
