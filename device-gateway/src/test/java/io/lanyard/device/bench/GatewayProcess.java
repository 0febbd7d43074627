package io.lanyard.device.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The packaged gateway in a JVM of its own, pointed at the benchmark's topics and database. */
final class GatewayProcess implements AutoCloseable {

  private static final Pattern USED = Pattern.compile("used (\\d+)K");

  private final Process process;
  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();

  private GatewayProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static GatewayProcess start(Path app, Path log, String heap, int port, Map<String, String> config)
      throws IOException {
    List<String> command = new ArrayList<>(List.of("java", "-Xmx" + heap, "-Xms" + heap));
    // bench.gateway-jvm: more JVM flags for the gateway, a profiler's say.
    String flags = System.getProperty("bench.gateway-jvm", "").strip();
    if (!flags.isEmpty()) {
      command.addAll(List.of(flags.split(" +")));
    }
    config.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add("-Dquarkus.http.port=" + port);
    command.addAll(List.of("-jar", app.toString()));
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new GatewayProcess(process, port);
  }

  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  /** Waits until {@code /q/health/ready} is UP; answers its body. */
  String awaitReady(Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the gateway exited with " + process.exitValue());
      }
      try {
        HttpResponse<String> ready =
            http.send(
                HttpRequest.newBuilder(URI.create(url("/q/health/ready"))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (ready.statusCode() == 200) {
          return ready.body();
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the gateway was not ready within " + timeout);
  }

  /** Heap in use after a full collection, in MiB. */
  double heapAfterGcMib() throws IOException, InterruptedException {
    jcmd("GC.run");
    jcmd("GC.run");
    Matcher used = USED.matcher(jcmd("GC.heap_info"));
    if (!used.find()) {
      throw new IllegalStateException("no heap figure from jcmd");
    }
    return Long.parseLong(used.group(1)) / 1024.0;
  }

  private String jcmd(String what) throws IOException, InterruptedException {
    Process jcmd = new ProcessBuilder("jcmd", Long.toString(process.pid()), what).start();
    String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    jcmd.waitFor(60, TimeUnit.SECONDS);
    return out;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
