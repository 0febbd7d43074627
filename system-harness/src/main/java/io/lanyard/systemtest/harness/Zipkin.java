package io.lanyard.systemtest.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Zipkin {@code ./lanyard up} runs (its server jar from Maven Central), on a free port, keeping
 * spans in memory: the services send theirs to it, and tests read a trace back through its API as
 * an operator's viewer does.
 */
public final class Zipkin implements AutoCloseable {

  public static final String VERSION = "3.6.1";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final Process process;
  private final int port;
  private final Path log;
  private final Thread onExit;

  private Zipkin(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
    this.onExit = new Thread(process::destroy, "zipkin-stop");
    Runtime.getRuntime().addShutdownHook(onExit);
  }

  /**
   * @param logs where {@code zipkin.log} goes
   */
  public static Zipkin start(Path logs) {
    Path jar =
        LocalPlatform.fetched(
            "zipkin",
            "Zipkin " + VERSION,
            LocalPlatform.root().resolve("deploy/local/.cache/zipkin-server-" + VERSION + ".jar"));
    int port = Ports.free();
    Path log = logs.resolve("zipkin.log");
    Zipkin zipkin;
    try {
      Files.createDirectories(logs);
      zipkin =
          new Zipkin(
              new ProcessBuilder(
                      List.of(
                          "java",
                          "-Xmx256m",
                          "-XX:+UseSerialGC",
                          "-XX:TieredStopAtLevel=1",
                          "-jar",
                          jar.toString(),
                          "--armeria.ports[0].ip=127.0.0.1",
                          "--armeria.ports[0].port=" + port,
                          "--armeria.ports[0].protocols=http"))
                  .redirectErrorStream(true)
                  .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                  .start(),
              port,
              log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      zipkin.awaitReady();
    } catch (RuntimeException e) {
      zipkin.close();
      throw e;
    }
    return zipkin;
  }

  /**
   * An app's settings for tracing into this Zipkin (a service's or the console's), spans sent
   * within 200 ms: tests wait for them.
   */
  public Map<String, String> appConfig() {
    return Map.of(
        "quarkus.otel.sdk.disabled", "false",
        "lanyard.tracing.zipkin-url", url() + "/api/v2/spans",
        "quarkus.otel.bsp.schedule.delay", "200ms");
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /**
   * The traces, newest first, that have a span of {@code service} named {@code spanName} (Zipkin
   * keeps names lower-case), each as its spans; how an operator finds a trace by what happened.
   */
  public JsonNode traces(String service, String spanName) {
    return Api.send(
            "GET",
            url()
                + "/api/v2/traces?limit=10&serviceName="
                + URLEncoder.encode(service, StandardCharsets.UTF_8)
                + "&spanName="
                + URLEncoder.encode(spanName.toLowerCase(Locale.ROOT), StandardCharsets.UTF_8),
            null,
            null,
            null)
        .expect(200)
        .json();
  }

  /** The spans of a trace (Zipkin's v2 JSON), none while Zipkin has none of it. */
  public JsonNode trace(String traceId) {
    Api.Answer answer = Api.send("GET", url() + "/api/v2/trace/" + traceId, null, null, null);
    if (answer.status() == 404) {
      return JsonNodeFactory.instance.arrayNode();
    }
    return answer.expect(200).json();
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "Zipkin exited with " + process.exitValue() + "; its log: " + log);
      }
      try {
        if (Api.send("GET", url() + "/health", null, null, null).status() == 200) {
          return;
        }
      } catch (RuntimeException notYet) {
        // Not listening yet.
      }
      Pause.of(Duration.ofMillis(300));
    }
    throw new IllegalStateException("Zipkin did not start in " + START_TIMEOUT + "; log: " + log);
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      Runtime.getRuntime().removeShutdownHook(onExit);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IllegalStateException shuttingDown) {
      // The hook runs (or ran) anyway.
    }
  }
}
