package io.lanyard.device.application;

import java.time.Duration;

/**
 * Why the gateway does not do what a device asked. A refusal is an outcome of any device request,
 * not an error: the {@code api} turns each into the status and problem body the device API defines.
 */
public sealed interface Refusal extends LoginOutcome, ReminderOutcome {

  /** The login model has not caught up yet, or the lockouts are not mirrored yet. */
  record NotReady() implements Refusal {}

  record MissingInput(String field) implements Refusal {}

  record InputTooLong(String field, int maxLength) implements Refusal {}

  record NotAnEmail() implements Refusal {}

  /** No active user of the device's tenant has the code. */
  record InvalidCode() implements Refusal {}

  /**
   * The code was someone's and has expired (ADR 6): the printer can tell the user why, and only a
   * new code (or the user's deletion) ends this answer.
   */
  record CodeExpired() implements Refusal {}

  /**
   * The card is someone's who may not log in now (suspended, of a suspended tenant, or a guest
   * outside their window).
   */
  record UserInactive() implements Refusal {}

  record CardNotRegistered() implements Refusal {}

  /** The device is locked for {@code retryAfter} after too many failures. */
  record TooManyAttempts(Duration retryAfter) implements Refusal {}

  /** The device has asked for too many reminders; the next may come after {@code retryAfter}. */
  record TooManyReminders(Duration retryAfter) implements Refusal {}

  /** credential-service refused to register the card: its answer is passed on as it came. */
  record CardRegistrationRefused(int status, String error, String message) implements Refusal {}

  record CredentialServiceUnavailable() implements Refusal {}
}
