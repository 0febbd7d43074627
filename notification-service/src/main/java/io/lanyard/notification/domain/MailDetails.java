package io.lanyard.notification.domain;

import java.time.Instant;

/**
 * What an email says besides the user and their code, fixed when the email is queued (the event's
 * facts, not those at sending time): when the code will be rotated, and the policy's maximum age of
 * a code that was rotated. Neither is a secret.
 *
 * @param rotatesAt the rotation notice's date; null for other emails
 * @param maxCodeAgeDays the policy's age limit a rotated code met; null if unknown or not rotated
 */
public record MailDetails(Instant rotatesAt, Integer maxCodeAgeDays) {

  public static final MailDetails NONE = new MailDetails(null, null);

  public static MailDetails rotatesAt(Instant when) {
    return new MailDetails(when, null);
  }

  public static MailDetails rotatedAfter(Integer maxCodeAgeDays) {
    return new MailDetails(null, maxCodeAgeDays);
  }
}
