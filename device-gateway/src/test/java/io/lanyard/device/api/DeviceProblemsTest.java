package io.lanyard.device.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lanyard.device.application.Refusal;
import io.lanyard.runtime.api.ApiException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each refusal of a use case as the device API answers it (DESIGN.md fixes these): status, error
 * code, message and headers.
 */
class DeviceProblemsTest {

  @Test
  void aRequestTheGatewayCannotServeYet() {
    assertProblem(
        DeviceProblems.of(new Refusal.NotReady()),
        503,
        "not_ready",
        "the gateway is still loading; try again shortly",
        Map.of("Retry-After", "1"));
  }

  @Test
  void inputsMissingTooLongOrNoEmail() {
    assertProblem(
        DeviceProblems.of(new Refusal.MissingInput("code")),
        400,
        "invalid_request",
        "give \"code\"",
        Map.of());
    assertProblem(
        DeviceProblems.of(new Refusal.InputTooLong("cardNumber", 128)),
        400,
        "invalid_request",
        "\"cardNumber\" is longer than 128 characters",
        Map.of());
    assertProblem(
        DeviceProblems.of(new Refusal.NotAnEmail()),
        400,
        "invalid_email",
        "that is not an email address",
        Map.of());
  }

  @Test
  void loginsThatFindNoOneWhoMayLogIn() {
    assertProblem(
        DeviceProblems.invalidDeviceToken(),
        401,
        "invalid_device_token",
        "the device token is missing, unknown or revoked",
        Map.of("WWW-Authenticate", "Bearer"));
    assertProblem(
        DeviceProblems.of(new Refusal.InvalidCode()),
        401,
        "invalid_code",
        "no active user of this tenant has this code",
        Map.of());
    assertProblem(
        DeviceProblems.of(new Refusal.CodeExpired()),
        401,
        "code_expired",
        "this access code has expired",
        Map.of());
    assertProblem(
        DeviceProblems.of(new Refusal.UserInactive()),
        401,
        "user_inactive",
        "the card's owner may not log in now",
        Map.of());
    assertProblem(
        DeviceProblems.of(new Refusal.CardNotRegistered()),
        404,
        "card_not_registered",
        "no user of this tenant has this card",
        Map.of());
  }

  @Test
  void limitsSayWhenToRetryInWholeSecondsRoundedUpAndNeverZero() {
    assertProblem(
        DeviceProblems.of(new Refusal.TooManyAttempts(Duration.ofMillis(1_001))),
        429,
        "too_many_attempts",
        "too many failed attempts at this device; try again later",
        Map.of("Retry-After", "2"));
    assertProblem(
        DeviceProblems.of(new Refusal.TooManyReminders(Duration.ZERO)),
        429,
        "too_many_reminders",
        "too many reminders asked at this device; try again later",
        Map.of("Retry-After", "1"));
  }

  @Test
  void credentialServicesAnswerToACardRegistrationIsPassedOn() {
    assertProblem(
        DeviceProblems.of(new Refusal.CardRegistrationRefused(409, "card_taken", "taken")),
        409,
        "card_taken",
        "taken",
        Map.of());
    assertProblem(
        DeviceProblems.of(new Refusal.CredentialServiceUnavailable()),
        503,
        "credential_service_unavailable",
        "cards cannot be registered right now; try again shortly",
        Map.of());
  }

  private static void assertProblem(
      ApiException problem, int status, String code, String message, Map<String, String> headers) {
    assertEquals(status, problem.status());
    assertEquals(code, problem.code());
    assertEquals(message, problem.getMessage());
    assertEquals(headers, problem.headers());
  }
}
