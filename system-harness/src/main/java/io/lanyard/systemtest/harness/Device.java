package io.lanyard.systemtest.harness;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An MFD: what it sends to device-gateway, with its device token. Behind several gateway replicas,
 * each call goes to the next one, as a round-robin load balancer sends them.
 */
public final class Device {

  private final List<ServiceProcess> gateways;
  private final String token;
  private final AtomicInteger calls = new AtomicInteger();

  Device(List<ServiceProcess> gateways, String token) {
    this.gateways = List.copyOf(gateways);
    this.token = token;
  }

  /** The same device, every call to one replica (for what each replica answers on its own). */
  public Device at(ServiceProcess gateway) {
    return new Device(List.of(gateway), token);
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
    ServiceProcess gateway = gateways.get(Math.floorMod(calls.getAndIncrement(), gateways.size()));
    return Api.send("POST", gateway.url("/device/v1/" + path), token, "application/json", json);
  }
}
