package io.lanyard.systemtest.keys;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A service started as in production (no profile) without its keys does not run on keys from the
 * repository: it stops at once, naming the setting that is missing. Nothing is started around it:
 * the keys are checked before any database or broker is touched.
 */
class ProductionStartWithoutKeysTest {

  @Test
  void everyServiceWithKeysStopsNamingTheMissingSetting() throws Exception {
    stopsNamingTheMissingSetting("credential-service", "lanyard.secrets.");
    stopsNamingTheMissingSetting("notification-service", "lanyard.secrets.cipher.");
    stopsNamingTheMissingSetting("device-gateway", "lanyard.secrets.hash.");
    stopsNamingTheMissingSetting("directory-sync-service", "lanyard.secrets.");
    // Its own ring, purpose "import": without it a CSV import's codes would have nothing to be
    // sealed under while staged.
    stopsNamingTheMissingSetting("identity-service", "lanyard.secrets.cipher.");
  }

  private static void stopsNamingTheMissingSetting(String module, String setting) throws Exception {
    Path root = Path.of(System.getProperty("lanyard.root", "..")).toAbsolutePath();
    Path app = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    Path log = Files.createTempFile("production-start-" + module, ".log");
    Process process =
        new ProcessBuilder(
                List.of(
                    "java",
                    "-Xmx256m",
                    "-Dquarkus.http.port=0",
                    // A database that does not exist: the start must fail before it matters.
                    "-Dlanyard.database=lanyard_no_such_database",
                    "-Dquarkus.flyway.migrate-at-start=false",
                    "-Dquarkus.flyway.eventstore.migrate-at-start=false",
                    "-jar",
                    app.toString()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    boolean ended = process.waitFor(90, TimeUnit.SECONDS);
    if (!ended) {
      process.destroyForcibly();
    }
    String output = Files.readString(log);
    assertTrue(ended, module + " kept running without its keys:\n" + output);
    assertNotEquals(0, process.exitValue(), output);
    assertTrue(output.contains(setting), module + " did not name " + setting + ":\n" + output);
  }
}
