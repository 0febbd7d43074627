package io.lanyard.systemtest.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Kafka broker {@code ./lanyard test} started for the run, stopped and started again with its
 * data kept: an outage of the broker, for crash tests. Refuses any other broker ({@code ./lanyard
 * kafka} checks that it keeps its data in the test broker's directory).
 */
public final class TestBroker {

  private TestBroker() {}

  public static void stop() {
    lanyard("stop");
  }

  /** Starts it again and waits until it answers. */
  public static void start() {
    lanyard("start");
  }

  private static void lanyard(String action) {
    Path root = Path.of(System.getProperty("lanyard.root", "..")).toAbsolutePath();
    List<String> command = new ArrayList<>(List.of(root.resolve("lanyard").toString(), "kafka"));
    command.add(action);
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(root.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.INHERIT)
              .start();
      if (!process.waitFor(180, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException("./lanyard kafka " + action + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
