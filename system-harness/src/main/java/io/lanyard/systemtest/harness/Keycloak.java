package io.lanyard.systemtest.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Keycloak with the local realm ({@code deploy/local/keycloak/lanyard-realm.json}): its own
 * login page, its own tokens. It runs from a copy of the distribution {@code ./lanyard up} fetches
 * into {@code deploy/local/.cache}, so that its database, its imported realm and its build stay the
 * tests' own, on a free port, beside a Keycloak {@code ./lanyard up} may be running on 8180. Slow
 * (20–60 s, ~500 MB): start it once per test class.
 */
public final class Keycloak implements TokenIssuer, AutoCloseable {

  public static final String VERSION = "26.7.3";

  /** Every user's password in the local realm. */
  public static final String PASSWORD = "lanyard";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(240);
  private static final String REALM_FILE = "lanyard-realm.json";
  private static final String REALM_CONSOLE = "http://127.0.0.1:8085";
  private static final String REALM_CONSOLE_LOCALHOST = "http://localhost:8085";
  private static final String COPIED = ".copied-for-tests";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Process process;
  private final int port;
  private final Path log;
  private final Thread onExit;

  private Keycloak(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
    // A test JVM that dies must not leave half a gigabyte running on a port nobody knows.
    this.onExit = new Thread(this::stop, "keycloak-stop");
    Runtime.getRuntime().addShutdownHook(onExit);
  }

  /**
   * Starts Keycloak with the realm imported afresh, its {@code web-console} client's addresses
   * moved from port 8085 to {@code consolePort}, and waits until the realm answers.
   *
   * @param logs where {@code keycloak.log} goes
   */
  public static Keycloak start(int consolePort, Path logs) {
    Path root = LocalPlatform.root();
    Path home = copyOf(distribution(root), Path.of("target", "keycloak-" + VERSION));
    try {
      deleteRecursively(home.resolve("data"));
      Files.createDirectories(home.resolve("data/import"));
      Files.writeString(
          home.resolve("data/import").resolve(REALM_FILE),
          realmFor(consolePort, root.resolve("deploy/local/keycloak").resolve(REALM_FILE)));
      Files.createDirectories(logs);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int port = Ports.free();
    Path log = logs.resolve("keycloak.log");
    ProcessBuilder command =
        new ProcessBuilder(
                home.resolve("bin/kc.sh").toString(),
                "start-dev",
                "--http-host=127.0.0.1",
                "--http-port=" + port,
                "--http-management-port=" + Ports.free(),
                "--import-realm")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    command.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
    Keycloak keycloak;
    try {
      keycloak = new Keycloak(command.start(), port, log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      keycloak.awaitReady();
    } catch (RuntimeException e) {
      keycloak.close();
      throw e;
    }
    return keycloak;
  }

  /** The realm's issuer: what the services and the console trust. */
  @Override
  public String url() {
    return "http://127.0.0.1:" + port + "/realms/lanyard";
  }

  @Override
  public String operatorToken() {
    return token("operator");
  }

  /** The realm's admin of {@code tenant}: {@code acme-admin} or {@code globex-admin}. */
  @Override
  public String adminToken(String tenant) {
    if (!List.of("acme", "globex").contains(tenant)) {
      throw new IllegalArgumentException(
          "the local realm has admins for tenants acme and globex only, not " + tenant);
    }
    return token(tenant + "-admin");
  }

  /** A user's access token (password grant of {@code lanyard-cli}, as {@code ./lanyard token}). */
  public String token(String username) {
    Api.Answer answer =
        Api.send(
            "POST",
            url() + "/protocol/openid-connect/token",
            null,
            "application/x-www-form-urlencoded",
            "grant_type=password&client_id=lanyard-cli&scope=openid&username="
                + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password="
                + PASSWORD);
    return answer.expect(200).json().get("access_token").asText();
  }

  public Path log() {
    return log;
  }

  /** The distribution {@code ./lanyard up} uses, fetched as it does when it is not there yet. */
  private static Path distribution(Path root) {
    Path home = root.resolve("deploy/local/.cache/keycloak-" + VERSION);
    LocalPlatform.fetched("keycloak", "Keycloak " + VERSION, home.resolve("bin/kc.sh"));
    return home;
  }

  /** A copy of the distribution of the tests' own, made once; its data directory is left out. */
  private static Path copyOf(Path distribution, Path copy) {
    if (Files.exists(copy.resolve(COPIED))) {
      return copy.toAbsolutePath();
    }
    try {
      deleteRecursively(copy);
      Path data = distribution.resolve("data");
      Files.walkFileTree(
          distribution,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes)
                throws IOException {
              if (dir.equals(data)) {
                return FileVisitResult.SKIP_SUBTREE;
              }
              Files.createDirectories(copy.resolve(distribution.relativize(dir).toString()));
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
                throws IOException {
              Files.copy(
                  file,
                  copy.resolve(distribution.relativize(file).toString()),
                  StandardCopyOption.COPY_ATTRIBUTES);
              return FileVisitResult.CONTINUE;
            }
          });
      // Maven's unpack of the zip (a fetch of the harness's own) drops the scripts' modes.
      try (Stream<Path> scripts = Files.list(copy.resolve("bin"))) {
        scripts
            .filter(script -> script.toString().endsWith(".sh"))
            .forEach(script -> script.toFile().setExecutable(true));
      }
      Files.createFile(copy.resolve(COPIED));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return copy.toAbsolutePath();
  }

  /**
   * The local realm with the console's redirect and sign-out addresses on its actual port: Keycloak
   * refuses to send a browser anywhere else.
   */
  private static String realmFor(int consolePort, Path realm) throws IOException {
    String text = Files.readString(realm);
    if (!text.contains(REALM_CONSOLE + "/*") || !text.contains(REALM_CONSOLE_LOCALHOST + "/*")) {
      throw new IllegalStateException(
          realm + " no longer names the console at " + REALM_CONSOLE + ": teach Keycloak.java");
    }
    return text.replace(REALM_CONSOLE, "http://127.0.0.1:" + consolePort)
        .replace(REALM_CONSOLE_LOCALHOST, "http://localhost:" + consolePort);
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "Keycloak exited with " + process.exitValue() + "; its log: " + log);
      }
      if (answers()) {
        return;
      }
      Pause.of(Duration.ofMillis(500));
    }
    throw new IllegalStateException(
        "Keycloak was not ready within " + START_TIMEOUT + "; its log: " + log);
  }

  private boolean answers() {
    try {
      return HTTP.send(
                  HttpRequest.newBuilder(URI.create(url() + "/.well-known/openid-configuration"))
                      .timeout(Duration.ofSeconds(2))
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException notYet) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * SIGTERM to kc.sh and to the JVM it started (the script forwards it, but only while it still
   * waits for that JVM), then SIGKILL for whatever is left after 30 s.
   */
  private void stop() {
    List<ProcessHandle> all =
        Stream.concat(process.descendants(), Stream.of(process.toHandle())).toList();
    all.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    for (ProcessHandle handle : all) {
      try {
        handle.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (Exception stillRunning) {
        handle.destroyForcibly();
      }
    }
  }

  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(onExit);
    } catch (IllegalStateException shuttingDown) {
      // The hook runs (or ran) anyway.
    }
  }

  private static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(path)) {
      for (Path each : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(each);
      }
    }
  }
}
