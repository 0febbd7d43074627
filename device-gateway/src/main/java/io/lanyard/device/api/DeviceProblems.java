package io.lanyard.device.api;

import io.lanyard.device.application.Refusal;
import io.lanyard.runtime.api.ApiException;
import java.time.Duration;

/** The status, error code, message and headers the device API answers each refusal with. */
final class DeviceProblems {

  private DeviceProblems() {}

  static ApiException invalidDeviceToken() {
    return ApiException.unauthorized(
            "invalid_device_token", "the device token is missing, unknown or revoked")
        .withHeader("WWW-Authenticate", "Bearer");
  }

  static ApiException of(Refusal refusal) {
    if (refusal instanceof Refusal.NotReady) {
      return new ApiException(503, "not_ready", "the gateway is still loading; try again shortly")
          .withHeader("Retry-After", "1");
    }
    if (refusal instanceof Refusal.MissingInput missing) {
      return ApiException.badRequest("invalid_request", "give \"" + missing.field() + "\"");
    }
    if (refusal instanceof Refusal.InputTooLong tooLong) {
      return ApiException.badRequest(
          "invalid_request",
          "\"" + tooLong.field() + "\" is longer than " + tooLong.maxLength() + " characters");
    }
    if (refusal instanceof Refusal.NotAnEmail) {
      return ApiException.badRequest("invalid_email", "that is not an email address");
    }
    if (refusal instanceof Refusal.InvalidCode) {
      return ApiException.unauthorized(
          "invalid_code", "no active user of this tenant has this code");
    }
    if (refusal instanceof Refusal.CodeExpired) {
      return ApiException.unauthorized("code_expired", "this access code has expired");
    }
    if (refusal instanceof Refusal.UserInactive) {
      return ApiException.unauthorized("user_inactive", "the card's owner may not log in now");
    }
    if (refusal instanceof Refusal.CardNotRegistered) {
      return new ApiException(404, "card_not_registered", "no user of this tenant has this card");
    }
    if (refusal instanceof Refusal.TooManyAttempts attempts) {
      return new ApiException(
              429, "too_many_attempts", "too many failed attempts at this device; try again later")
          .withHeader("Retry-After", seconds(attempts.retryAfter()));
    }
    if (refusal instanceof Refusal.TooManyReminders reminders) {
      return new ApiException(
              429, "too_many_reminders", "too many reminders asked at this device; try again later")
          .withHeader("Retry-After", seconds(reminders.retryAfter()));
    }
    if (refusal instanceof Refusal.CardRegistrationRefused refused) {
      return new ApiException(refused.status(), refused.error(), refused.message());
    }
    if (refusal instanceof Refusal.CredentialServiceUnavailable) {
      return new ApiException(
          503,
          "credential_service_unavailable",
          "cards cannot be registered right now; try again shortly");
    }
    throw new IllegalStateException("a refusal the device API does not know: " + refusal);
  }

  /** Whole seconds, rounded up and never 0 (which would invite a retry at once). */
  private static String seconds(Duration wait) {
    return Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000));
  }
}
