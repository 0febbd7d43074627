package io.lanyard.credential.domain;

import io.lanyard.kernel.DomainException;
import java.time.Duration;

/** A code email asked for too soon ({@link CodeEmailLimit}); says how long to wait. */
public final class TooManyCodeEmails extends DomainException {

  private final Duration retryAfter;

  public TooManyCodeEmails(Duration retryAfter) {
    super(
        Kind.CONFLICT,
        "too_many_reminders",
        "you asked for your code by email too often; try again later");
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
