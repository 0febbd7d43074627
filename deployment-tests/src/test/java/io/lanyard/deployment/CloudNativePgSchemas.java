package io.lanyard.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * CloudNativePG's and its Barman Cloud plugin's documents, checked by the validators npm's {@code
 * @kubernetes-models/cloudnative-pg} generates from CloudNativePG's API types: neither project
 * publishes its CRDs on Maven Central, so the package is installed from the npm registry into
 * {@code target/} once per run and run with the machine's Node.js ({@code check.mjs}).
 */
final class CloudNativePgSchemas {

  /** The CloudNativePG release docs/deploy.md installs. */
  static final String OPERATOR = "1.27.0";

  /** The Barman Cloud plugin release docs/deploy.md installs. */
  static final String PLUGIN = "0.14.0";

  private static final String PACKAGE = "@kubernetes-models/cloudnative-pg@2.0.0";
  private static final Set<String> GROUPS =
      Set.of("postgresql.cnpg.io/v1", "barmancloud.cnpg.io/v1");
  private static final Path HOME = Path.of("target/cloudnative-pg-schemas");

  private static boolean installed;

  private CloudNativePgSchemas() {}

  static boolean covers(JsonNode document) {
    return GROUPS.contains(document.path("apiVersion").asText());
  }

  /** What the validators refuse in {@code documents}, one line each; empty when all are valid. */
  static List<String> problems(List<JsonNode> documents) {
    try {
      install();
      Path input = Files.createTempFile(HOME, "documents", ".json").toAbsolutePath();
      new ObjectMapper().writeValue(input.toFile(), documents);
      List<String> problems = new ArrayList<>(run("node", "check.mjs", input.toString()));
      Files.delete(input);
      return problems;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static synchronized void install() throws IOException {
    if (installed) {
      return;
    }
    Files.createDirectories(HOME);
    Files.copy(
        Path.of("src/test/resources/cloudnative-pg/check.mjs"),
        HOME.resolve("check.mjs"),
        StandardCopyOption.REPLACE_EXISTING);
    Files.writeString(HOME.resolve("package.json"), "{\"private\":true,\"type\":\"module\"}");
    if (!Files.isDirectory(HOME.resolve("node_modules/@kubernetes-models/cloudnative-pg"))) {
      run("npm", "install", "--no-audit", "--no-fund", "--loglevel=error", PACKAGE);
    }
    installed = true;
  }

  private static List<String> run(String... command) throws IOException {
    Process process;
    try {
      process =
          new ProcessBuilder(command).directory(HOME.toFile()).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError(
          command[0] + " is not installed (Node.js checks CloudNativePG's documents)", e);
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      assertTrue(process.waitFor(5, TimeUnit.MINUTES), String.join(" ", command));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    assertEquals(0, process.exitValue(), String.join(" ", command) + ":\n" + output);
    return output.lines().filter(line -> !line.isBlank()).toList();
  }
}
