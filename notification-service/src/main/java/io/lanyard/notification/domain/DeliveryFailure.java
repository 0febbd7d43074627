package io.lanyard.notification.domain;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why an email could not be sent, in words that name no one: the kind of failure and the mail
 * server's status codes, nothing of its free text. A server's answer quotes the recipient as it
 * likes ({@code 550 5.1.1 <ann@acme.example>: Recipient address rejected}, a display name, a bare
 * local part), and the reason is logged, kept in the delivery log and published in {@code
 * NotificationFailed}, none of which an erasure can reach afterwards (ADR 7).
 */
public final class DeliveryFailure {

  /** An SMTP reply code and, if given, its enhanced status code (RFC 3463). */
  private static final Pattern STATUS =
      Pattern.compile("\\b([245]\\d\\d)(?:[ -]([245]\\.\\d{1,3}\\.\\d{1,3}))?\\b");

  private DeliveryFailure() {}

  public static String describe(Throwable failure) {
    String kind = failure.getClass().getSimpleName();
    Matcher status = STATUS.matcher(failure.getMessage() == null ? "" : failure.getMessage());
    if (!status.find()) {
      return kind;
    }
    return kind
        + ": SMTP "
        + status.group(1)
        + (status.group(2) == null ? "" : " " + status.group(2));
  }
}
