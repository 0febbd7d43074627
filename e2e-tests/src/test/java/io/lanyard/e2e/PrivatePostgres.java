package io.lanyard.e2e;

import io.lanyard.systemtest.harness.Ports;
import io.lanyard.systemtest.harness.PostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL cluster of a test's own, made with the machine's PostgreSQL 15 binaries in {@code
 * target/} (trust auth, user {@code postgres}) on a free port, so that the test can stop and
 * restart the server under a running system without touching the one every other test uses. As
 * root, the programs run as the {@code postgres} user, which owns the data directory (initdb and
 * pg_ctl refuse root), as {@code deploy/local/postgres.sh} does.
 */
final class PrivatePostgres implements AutoCloseable {

  private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
  private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

  private final Path data;
  private final Path log;
  private final int port;

  private PrivatePostgres(Path directory, int port) {
    this.data = directory.resolve("data");
    this.log = directory.resolve("postgres.log");
    this.port = port;
  }

  /** A fresh cluster in {@code directory} (whatever was there is removed), started. */
  static PrivatePostgres start(Path directory) {
    PrivatePostgres postgres = new PrivatePostgres(directory.toAbsolutePath(), Ports.free());
    postgres.init();
    postgres.pgCtl("start", "-l", postgres.log.toString(), "-o", postgres.options());
    return postgres;
  }

  PostgresServer server() {
    return new PostgresServer("127.0.0.1", port);
  }

  Path log() {
    return log;
  }

  /** {@code pg_ctl restart -m fast}: sessions cut, the server back at once. */
  void restartFast() {
    pgCtl("restart", "-m", "fast", "-l", log.toString(), "-o", options());
  }

  /** {@code pg_ctl stop -m fast}: sessions cut, the server away until {@link #startAgain}. */
  void stopFast() {
    pgCtl("stop", "-m", "fast");
  }

  void startAgain() {
    pgCtl("start", "-l", log.toString(), "-o", options());
  }

  @Override
  public void close() {
    if (Files.exists(data.resolve("postmaster.pid"))) {
      pgCtl("stop", "-m", "immediate");
    }
  }

  private String options() {
    return "-h 127.0.0.1 -p " + port + " -k /tmp -c max_connections=200";
  }

  private void init() {
    try {
      if (Files.exists(data.resolve("postmaster.pid"))) {
        pgCtl("stop", "-m", "immediate");
      }
      run(List.of("rm", "-rf", data.getParent().toString()), false);
      Files.createDirectories(data);
      if (ROOT) {
        run(List.of("chown", "-R", "postgres:", data.getParent().toString()), false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    run(
        List.of(
            BIN.resolve("initdb").toString(),
            "-D",
            data.toString(),
            "-U",
            "postgres",
            "--auth=trust",
            "--encoding=UTF8"),
        true);
  }

  private void pgCtl(String action, String... arguments) {
    List<String> command =
        new ArrayList<>(List.of(BIN.resolve("pg_ctl").toString(), action, "-D", data.toString()));
    command.addAll(List.of(arguments));
    command.addAll(List.of("-w", "-t", "60"));
    run(command, true);
  }

  private void run(List<String> command, boolean asPostgres) {
    List<String> full = new ArrayList<>();
    if (asPostgres && ROOT) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    try {
      Process process =
          new ProcessBuilder(full)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", full) + " failed; log: " + log);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
