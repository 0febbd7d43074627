package io.lanyard.systemtest.harness;

import io.lanyard.testplatform.TestPlatform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Lanyard as a person meets it in the browser: the packaged web console, signing people in on a
 * real {@link Keycloak}'s login page, in front of the five packaged services, which trust the same
 * Keycloak ({@link LanyardSystem} on databases and topics of run {@code console}; every log in
 * {@code <system logs>/console/}). Keycloak is what makes it slow to start (15–60 s): start it once
 * per test class.
 */
public final class ConsoleSystem implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

  /** Names the services' databases and topics, and the logs' directory. */
  private static final String RUN = "console";

  private final Keycloak keycloak;
  private final LanyardSystem services;
  private final ServiceProcess console;

  private ConsoleSystem(Keycloak keycloak, LanyardSystem services, ServiceProcess console) {
    this.keycloak = keycloak;
    this.services = services;
    this.console = console;
  }

  /** Keycloak first: the services and the console read its discovery document as they start. */
  public static ConsoleSystem start() {
    // Before Keycloak's seconds are spent: without a broker nothing else can start.
    TestPlatform.requireKafka();
    Path root = Path.of(System.getProperty("lanyard.root", ".."));
    Path app = root.resolve("web-console/target/quarkus-app/quarkus-run.jar");
    if (!Files.isRegularFile(app)) {
      throw new IllegalStateException(
          app + " is missing: package web-console first (./mvnw install -DskipTests)");
    }
    Path logs = LanyardSystem.LOGS.resolve(RUN);
    int consolePort = Ports.free();
    int managementPort = Ports.free();
    Keycloak keycloak = Keycloak.start(consolePort, logs);
    LanyardSystem services = null;
    ServiceProcess console = null;
    try {
      services = LanyardSystem.start(RUN, LanyardSystem.SMALL_JVM, keycloak);
      console =
          new ServiceProcess(
              "web-console",
              app,
              logs.resolve("web-console.log"),
              consolePort,
              managementPort,
              consoleConfig(keycloak, services, consolePort, managementPort),
              LanyardSystem.SMALL_JVM);
      console.start();
      console.awaitReady(START_TIMEOUT);
      return new ConsoleSystem(keycloak, services, console);
    } catch (RuntimeException e) {
      if (console != null) {
        console.close();
      }
      if (services != null) {
        services.close();
      }
      keycloak.close();
      throw e;
    }
  }

  private static Map<String, String> consoleConfig(
      Keycloak keycloak, LanyardSystem services, int port, int managementPort) {
    Map<String, String> config = new HashMap<>();
    // /q (health) on a port of its own, as the console is deployed: never its fixed 9085.
    config.put("quarkus.management.enabled", "true");
    config.put("quarkus.management.port", String.valueOf(managementPort));
    // The test profile holds the console's local client secret and session keys, as the services'.
    config.put("quarkus.profile", "test");
    config.put("quarkus.oidc.auth-server-url", keycloak.url());
    config.put("lanyard.web.public-url", "http://127.0.0.1:" + port);
    // Traced into the services' Zipkin, logging JSON lines, as in production: a person's click is
    // where a change's trace starts.
    config.putAll(services.zipkin().appConfig());
    config.put("quarkus.log.console.json.enabled", "true");
    for (Service service : Service.values()) {
      config.put(
          "quarkus.rest-client." + service.module() + ".url", services.service(service).url(""));
    }
    return config;
  }

  /** Where the browser goes: {@code console("/admin/users")}. */
  public String console(String path) {
    return console.url(path);
  }

  public ServiceProcess consoleProcess() {
    return console;
  }

  public Keycloak keycloak() {
    return keycloak;
  }

  /** The five services, their mailbox and their devices. */
  public LanyardSystem services() {
    return services;
  }

  @Override
  public void close() {
    console.close();
    services.close();
    keycloak.close();
  }
}
