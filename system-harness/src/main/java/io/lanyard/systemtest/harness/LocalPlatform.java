package io.lanyard.systemtest.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * What {@code ./lanyard up} fetches from Maven Central into {@code deploy/local/.cache} (Keycloak,
 * Zipkin), fetched the same way (deploy/local/platform/pom.xml, one profile each) when a test needs
 * it first.
 */
final class LocalPlatform {

  private LocalPlatform() {}

  static Path root() {
    return Path.of(System.getProperty("lanyard.root", "..")).toAbsolutePath();
  }

  /**
   * {@code path} (under the cache) once it is there, fetching it with {@code profile} if it is not.
   */
  static Path fetched(String profile, String name, Path path) {
    if (Files.exists(path)) {
      return path;
    }
    System.out.println("Fetching " + name + " from Maven Central (once)...");
    try {
      Process fetch =
          new ProcessBuilder(
                  root().resolve("mvnw").toString(),
                  "-B",
                  "-q",
                  "-f",
                  "deploy/local/platform/pom.xml",
                  "-P" + profile,
                  "package")
              .directory(root().toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!fetch.waitFor(10, TimeUnit.MINUTES) || fetch.exitValue() != 0 || !Files.exists(path)) {
        fetch.destroyForcibly();
        throw new IllegalStateException(notFetched(name, path));
      }
    } catch (IOException e) {
      throw new IllegalStateException(notFetched(name, path), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return path;
  }

  private static String notFetched(String name, Path path) {
    return name
        + " is not in "
        + path
        + " and could not be fetched from Maven Central: run ./lanyard up once (it fetches it)";
  }
}
