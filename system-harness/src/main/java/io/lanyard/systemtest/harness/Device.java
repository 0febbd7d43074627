package io.lanyard.systemtest.harness;

import java.time.Duration;

/** An MFD: what it sends to device-gateway, with its device token. */
public final class Device {

  private final ServiceProcess gateway;
  private final String token;

  Device(ServiceProcess gateway, String token) {
    this.gateway = gateway;
    this.token = token;
  }

  public Api.Answer loginByCode(String code) {
    return call("login/code", "{\"code\":\"" + code + "\"}");
  }

  public Api.Answer loginByCard(String cardNumber) {
    return call("login/card", "{\"cardNumber\":\"" + cardNumber + "\"}");
  }

  /** Registers a card at the device: the user proves who they are with their code. */
  public Api.Answer registerCard(String code, String cardNumber) {
    return call("cards", "{\"code\":\"" + code + "\",\"cardNumber\":\"" + cardNumber + "\"}");
  }

  /** "Email me my code" at the device. */
  public Api.Answer requestReminder(String email) {
    return call("access-code-reminders", "{\"email\":\"" + email + "\"}");
  }

  /**
   * Waits until a login by code answers {@code status} (the gateway's model follows the topics
   * within milliseconds, but it does follow them); answers the last answer.
   */
  public Api.Answer awaitCodeLogin(String code, int status) {
    return Tenant.retryWhile(
        () -> loginByCode(code), answer -> answer.status() != status, Duration.ofSeconds(15));
  }

  public Api.Answer awaitCardLogin(String cardNumber, int status) {
    return Tenant.retryWhile(
        () -> loginByCard(cardNumber), answer -> answer.status() != status, Duration.ofSeconds(15));
  }

  private Api.Answer call(String path, String json) {
    return Api.send("POST", gateway.url("/device/v1/" + path), token, "application/json", json);
  }
}
