package io.lanyard.eventstore;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Kafka broker {@code ./lanyard test} started for the run, stopped and started again with its
 * data kept, the way {@code system-harness}' {@code TestBroker} does it (that module depends on the
 * services, which depend on this one, so it cannot be a dependency here). {@code ./lanyard kafka}
 * refuses any other broker.
 */
final class TestBroker {

  private TestBroker() {}

  static void stop() {
    lanyard("stop");
  }

  /** Starts it again and waits until it answers. */
  static void start() {
    lanyard("start");
  }

  private static void lanyard(String action) {
    Path root = Path.of(System.getProperty("lanyard.root", "..")).toAbsolutePath().normalize();
    // Into a file, not this JVM's stdout: surefire reads that as its channel.
    File log = Path.of("target", "lanyard-kafka.log").toAbsolutePath().toFile();
    try {
      Process process =
          new ProcessBuilder(List.of(root.resolve("lanyard").toString(), "kafka", action))
              .directory(root.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
              .start();
      if (!process.waitFor(180, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException("./lanyard kafka " + action + " failed; see " + log);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
