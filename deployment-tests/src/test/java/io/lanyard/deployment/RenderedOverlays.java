package io.lanyard.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The overlays of {@code deploy/k8s} as {@code kubectl kustomize} renders them, once per test run
 * (the test classes share them).
 */
final class RenderedOverlays {

  static final Path ROOT = Path.of(System.getProperty("lanyard.root", ".."));
  static final Path K8S = ROOT.resolve("deploy/k8s");

  /** The five services: each owns its data (database, topic, KafkaUser). */
  static final List<String> SERVICES =
      List.of(
          "identity-service",
          "credential-service",
          "directory-sync-service",
          "notification-service",
          "device-gateway");

  /** The sixth deployable: pages only, no data of its own. */
  static final String CONSOLE = "web-console";

  private static final YAMLMapper YAML = new YAMLMapper();
  private static final Map<String, List<JsonNode>> RENDERED = new ConcurrentHashMap<>();

  private RenderedOverlays() {}

  static Stream<String> overlays() throws IOException {
    try (Stream<Path> overlays = Files.list(K8S.resolve("overlays"))) {
      List<String> names = overlays.map(path -> path.getFileName().toString()).sorted().toList();
      assertEquals(List.of("dev", "prod"), names);
      return names.stream();
    }
  }

  static List<JsonNode> render(String overlay) {
    return RENDERED.computeIfAbsent(overlay, RenderedOverlays::kustomize);
  }

  static List<JsonNode> kind(String overlay, String kind) {
    return render(overlay).stream().filter(d -> d.path("kind").asText().equals(kind)).toList();
  }

  /** The one document of that kind and name; fails when there is none. */
  static JsonNode named(String overlay, String kind, String name) {
    List<JsonNode> found = kind(overlay, kind).stream().filter(d -> name(d).equals(name)).toList();
    assertEquals(1, found.size(), overlay + ": " + kind + " " + name);
    return found.get(0);
  }

  static String name(JsonNode document) {
    return document.at("/metadata/name").asText();
  }

  /** Every Secret a Deployment's pods read: env, envFrom, volumes (projected too). */
  static Set<String> secretsReferenced(JsonNode node) {
    Set<String> secrets = new TreeSet<>();
    if (node.isObject()) {
      node.fields()
          .forEachRemaining(
              field -> {
                JsonNode value = field.getValue();
                switch (field.getKey()) {
                  case "secretKeyRef", "secretRef" -> secrets.add(value.path("name").asText());
                  // A volume's secretName, or a projected volume's secret name.
                  case "secret" ->
                      secrets.add(
                          value.path(value.has("secretName") ? "secretName" : "name").asText());
                  default -> secrets.addAll(secretsReferenced(value));
                }
              });
    } else if (node.isArray()) {
      node.forEach(element -> secrets.addAll(secretsReferenced(element)));
    }
    return secrets;
  }

  /** The variable Quarkus reads a setting from: {@code lanyard.secrets.hash.keys} → LANYARD_… */
  static String environmentName(String name) {
    return name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
  }

  static boolean kubectlAnswers() {
    try {
      Process process =
          new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static List<JsonNode> kustomize(String overlay) {
    Path directory = K8S.resolve("overlays").resolve(overlay);
    try {
      Process process =
          new ProcessBuilder("kubectl", "kustomize", directory.toString())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      byte[] output = process.getInputStream().readAllBytes();
      assertTrue(process.waitFor(60, TimeUnit.SECONDS), "kubectl kustomize " + overlay);
      assertEquals(0, process.exitValue(), "kubectl kustomize " + overlay + " failed");
      List<JsonNode> documents = new ArrayList<>();
      YAML.readValues(YAML.createParser(output), JsonNode.class)
          .forEachRemaining(
              document -> {
                if (document != null && !document.isNull()) {
                  documents.add(document);
                }
              });
      assertFalse(documents.isEmpty(), overlay + " renders nothing");
      return documents;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
