package io.lanyard.systemtest.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One packaged app ({@code target/quarkus-app}: a service, or the web console) in a JVM of its own,
 * configured by system properties; it can be stopped politely, killed with SIGKILL and started
 * again on the same port.
 */
public final class ServiceProcess implements AutoCloseable {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String module;
  private final Path app;
  private final Path log;
  private final int port;
  private final int healthPort;
  private final Map<String, String> config;
  private final List<String> jvmFlags;
  private Process process;

  /**
   * @param module the Maven module that packages the app, for the messages
   */
  ServiceProcess(
      String module,
      Path app,
      Path log,
      int port,
      Map<String, String> config,
      List<String> jvmFlags) {
    this(module, app, log, port, port, config, jvmFlags);
  }

  /**
   * @param healthPort where {@code /q/health/ready} answers: the app's port, or its management port
   *     when it serves {@code /q} apart
   */
  ServiceProcess(
      String module,
      Path app,
      Path log,
      int port,
      int healthPort,
      Map<String, String> config,
      List<String> jvmFlags) {
    this.module = module;
    this.healthPort = healthPort;
    this.jvmFlags = List.copyOf(jvmFlags);
    this.app = app;
    this.log = log;
    this.port = port;
    this.config = Map.copyOf(config);
  }

  /**
   * Another JVM of the same app and configuration (database, topics, peers) on {@code port},
   * logging to {@code log}: a second replica, as Kubernetes runs them. Not started.
   */
  ServiceProcess replica(int replicaPort, Path replicaLog) {
    if (healthPort != port) {
      throw new IllegalStateException(module + " serves /q apart: no replicas of it here");
    }
    return new ServiceProcess(module, app, replicaLog, replicaPort, config, jvmFlags);
  }

  /** The same app on the same port and log, with some settings changed (not started). */
  ServiceProcess withConfig(Map<String, String> changed) {
    Map<String, String> merged = new java.util.HashMap<>(config);
    merged.putAll(changed);
    return new ServiceProcess(module, app, log, port, healthPort, merged, jvmFlags);
  }

  /** The Maven module that packages the app ({@code identity-service}, {@code web-console}). */
  public String module() {
    return module;
  }

  public String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  public Path log() {
    return log;
  }

  /** The JVM's process id (how PostgreSQL's {@code application_name} of its locks names it). */
  public long pid() {
    if (process == null || !process.isAlive()) {
      throw new IllegalStateException(module + " is not running");
    }
    return process.pid();
  }

  public boolean alive() {
    return process != null && process.isAlive();
  }

  public void start() {
    if (!Files.isRegularFile(app)) {
      throw new IllegalStateException(
          app + " is missing: package " + module + " first (./mvnw install -DskipTests)");
    }
    List<String> command = new ArrayList<>(List.of("java"));
    command.addAll(jvmFlags);
    command.add("-Dquarkus.http.port=" + port);
    config.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.addAll(List.of("-jar", app.toString()));
    try {
      Files.createDirectories(log.getParent());
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until {@code /q/health/ready} answers 200; fails naming the log if the JVM exits. */
  public void awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            module + " exited with " + process.exitValue() + "; its log: " + log);
      }
      if (ready()) {
        return;
      }
      Pause.of(Duration.ofMillis(200));
    }
    throw new IllegalStateException(
        module + " was not ready within " + timeout + "; its log: " + log);
  }

  public boolean ready() {
    try {
      HttpResponse<Void> answer =
          HTTP.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + healthPort + "/q/health/ready"))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return answer.statusCode() == 200;
    } catch (IOException notListening) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** SIGKILL: no shutdown hooks, nothing flushed; what a crash looks like. */
  public void kill() {
    process.destroyForcibly();
    waitForExit();
  }

  /** SIGTERM, then the JVM's orderly shutdown. */
  public void stop() {
    if (process != null && process.isAlive()) {
      process.destroy();
      waitForExit();
    }
  }

  /** Starts the app again with the same configuration and waits until it is ready. */
  public void restart(Duration timeout) {
    stop();
    start();
    awaitReady(timeout);
  }

  private void waitForExit() {
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop();
  }
}
