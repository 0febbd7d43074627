package io.lanyard.deployment;

import static io.lanyard.deployment.RenderedOverlays.ROOT;
import static io.lanyard.deployment.RenderedOverlays.SERVICES;
import static io.lanyard.deployment.RenderedOverlays.kind;
import static io.lanyard.deployment.RenderedOverlays.name;
import static io.lanyard.deployment.RenderedOverlays.named;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What an operator's Prometheus and Grafana get: a ServiceMonitor per service on its metrics path,
 * the alerts the issue of record names, each with severity, summary and an existing runbook,
 * checked and unit-tested by {@code promtool} (Debian's {@code prometheus} package, which {@code
 * ./lanyard test} installs), and the Grafana dashboard with a row per service and the change's way
 * to the printers.
 */
class MonitoringManifestsTest extends OverlayChecks {

  static final Set<String> ALERTS =
      Set.of(
          "LanyardConsumerLagGrowing",
          "LanyardDeadLetter",
          "LanyardOutboxStale",
          "LanyardSyncRunsFailing",
          "LanyardLockoutsSpiking",
          "LanyardGatewayNotReady");

  private static final String RUNBOOKS = "/docs/runbooks/";
  private static final Path PROMTOOL_TESTS = Path.of("src/test/resources/prometheus");

  @ParameterizedTest
  @MethodSource("overlays")
  void eachServiceIsScrapedOnItsHttpPortAtItsMetricsPath(String overlay) {
    for (String service : SERVICES) {
      JsonNode monitor = named(overlay, "ServiceMonitor", service);
      assertEquals(
          service, monitor.at("/spec/selector/matchLabels/app.kubernetes.io~1name").asText());
      JsonNode endpoint = monitor.at("/spec/endpoints/0");
      assertEquals("http", endpoint.path("port").asText(), overlay + " " + service);
      assertEquals("/q/metrics", endpoint.path("path").asText(), overlay + " " + service);
      JsonNode port = named(overlay, "Service", service).at("/spec/ports/0");
      assertEquals("http", port.path("name").asText(), service + "'s Service names its port");
    }
    JsonNode metrics = named(overlay, "NetworkPolicy", "lanyard-metrics");
    assertEquals(
        "monitoring",
        metrics
            .at("/spec/ingress/0/from/0/namespaceSelector/matchLabels/kubernetes.io~1metadata.name")
            .asText(),
        "Prometheus's namespace reaches the metrics");
    assertEquals("http", metrics.at("/spec/ingress/0/ports/0/port").asText());
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void everyAlertHasASeverityASummaryAndARunbookThatExists(String overlay) {
    Set<String> alerts = new TreeSet<>();
    for (JsonNode rule : rules(overlay)) {
      String alert = rule.path("alert").asText();
      alerts.add(alert);
      assertTrue(
          Set.of("warning", "critical").contains(rule.at("/labels/severity").asText()), alert);
      assertTrue(rule.at("/annotations/summary").asText().length() > 10, alert + " summary");
      String runbook = rule.at("/annotations/runbook_url").asText();
      assertTrue(
          runbook.startsWith("https://") && runbook.contains(RUNBOOKS), alert + " " + runbook);
      Path file = ROOT.resolve(runbook.substring(runbook.indexOf(RUNBOOKS) + 1));
      assertTrue(Files.isRegularFile(file), alert + "'s runbook " + file + " exists");
    }
    assertEquals(new TreeSet<>(ALERTS), alerts);
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void promtoolAcceptsTheRulesAndTheirUnitTestsPass(String overlay) throws Exception {
    Path directory = Files.createDirectories(Path.of("target/promtool", overlay));
    JsonNode spec = kind(overlay, "PrometheusRule").get(0).path("spec");
    Files.writeString(directory.resolve("rules.yaml"), new YAMLMapper().writeValueAsString(spec));
    Path tests = directory.resolve("lanyard-alerts-test.yaml");
    Files.copy(
        PROMTOOL_TESTS.resolve("lanyard-alerts-test.yaml"),
        tests,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    promtool(directory, "check", "rules", "rules.yaml");
    promtool(directory, "test", "rules", "lanyard-alerts-test.yaml");
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void theDashboardHasTheChangesWayAndARowPerServiceForGrafanasSidecar(String overlay)
      throws IOException {
    JsonNode config = named(overlay, "ConfigMap", "lanyard-grafana-dashboard");
    assertEquals("1", config.at("/metadata/labels/grafana_dashboard").asText());
    JsonNode dashboard = new ObjectMapper().readTree(config.at("/data/lanyard.json").asText());
    List<String> rows = new ArrayList<>();
    List<String> expressions = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      if (panel.path("type").asText().equals("row")) {
        rows.add(panel.path("title").asText());
      }
      panel.path("targets").forEach(target -> expressions.add(target.path("expr").asText()));
    }
    List<String> expected = new ArrayList<>(List.of("Change visible at the printer"));
    expected.addAll(SERVICES);
    assertEquals(expected, rows);
    assertTrue(
        expressions.stream().anyMatch(e -> e.contains("lanyard_login_model_delay_seconds_bucket")),
        "the change's way to the printers is charted");
    expressions.forEach(
        expression ->
            assertTrue(
                expression.contains("namespace=\"$namespace\""),
                "every panel follows the chosen namespace: " + expression));
  }

  private static List<JsonNode> rules(String overlay) {
    List<JsonNode> rules = new ArrayList<>();
    kind(overlay, "PrometheusRule").stream()
        .filter(rule -> name(rule).equals("lanyard"))
        .forEach(
            document ->
                document
                    .at("/spec/groups")
                    .forEach(group -> group.path("rules").forEach(rules::add)));
    return rules;
  }

  private static void promtool(Path directory, String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of("promtool"));
    command.addAll(List.of(arguments));
    Process process;
    try {
      process =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .start();
    } catch (IOException e) {
      throw new AssertionError(
          "promtool is not installed: apt-get install prometheus (./lanyard test does)", e);
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), String.join(" ", command));
    assertEquals(0, process.exitValue(), String.join(" ", command) + ":\n" + output);
  }
}
