package io.lanyard.deployment;

import static io.lanyard.deployment.RenderedOverlays.CONSOLE;
import static io.lanyard.deployment.RenderedOverlays.ROOT;
import static io.lanyard.deployment.RenderedOverlays.SERVICES;
import static io.lanyard.deployment.RenderedOverlays.environmentName;
import static io.lanyard.deployment.RenderedOverlays.kind;
import static io.lanyard.deployment.RenderedOverlays.name;
import static io.lanyard.deployment.RenderedOverlays.named;
import static io.lanyard.deployment.RenderedOverlays.secretsReferenced;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The web console in every overlay: pages only. It owns no data (no database, Kafka or key ring),
 * its OIDC secrets come from its own Secret, the Ingress sends it whatever no service owns but
 * never reaches its /q, and its network policy lets it talk to the five services and nothing else.
 */
class WebConsoleManifestsTest extends OverlayChecks {

  private static final Path CONSOLE_PROPERTIES =
      ROOT.resolve("web-console/src/main/resources/application.properties");

  /** The Secret the operator creates for the console (docs/deploy.md). */
  private static final String CONSOLE_SECRET = "lanyard-web-console";

  /** The console's OIDC settings that are secrets, and the key of its Secret each comes from. */
  private static final Map<String, String> OIDC_SECRETS =
      Map.of(
          "QUARKUS_OIDC_CREDENTIALS_SECRET", "client-secret",
          "QUARKUS_OIDC_AUTHENTICATION_STATE_SECRET", "state-secret",
          "QUARKUS_OIDC_TOKEN_STATE_MANAGER_ENCRYPTION_SECRET", "session-secret");

  /** Settings of data the console does not own: databases, Kafka, key rings. */
  private static final List<String> DATA_SETTINGS =
      List.of(
          "LANYARD_PG_",
          "LANYARD_DATABASE",
          "QUARKUS_DATASOURCE",
          "QUARKUS_FLYWAY",
          "KAFKA_",
          "MP_MESSAGING_",
          "LANYARD_SECRETS_");

  private static final String FROM_INGRESS_CONTROLLER =
      "namespaces {kubernetes.io/metadata.name=ingress-nginx}";

  @ParameterizedTest
  @MethodSource("overlays")
  void theConsoleRunsAsTheServicesDoButWithoutDatabaseKafkaOrKeySettings(String overlay) {
    JsonNode console = named(overlay, "Deployment", CONSOLE);
    named(overlay, "Service", CONSOLE);
    named(overlay, "PodDisruptionBudget", CONSOLE);
    assertEquals(
        named(overlay, "Deployment", "identity-service").at("/spec/replicas").asInt(),
        console.at("/spec/replicas").asInt(),
        overlay + ": the console has the replicas the overlay gives the services");
    for (String variable : environment(overlay, console)) {
      assertTrue(
          DATA_SETTINGS.stream().noneMatch(variable::startsWith),
          overlay + ": the console owns no data, yet it is given " + variable);
    }
    // Exactly its own Secret: no database, Kafka, key ring or service client Secret.
    assertEquals(Set.of(CONSOLE_SECRET), secretsReferenced(console), overlay);
    Set<String> servicesSecrets = new TreeSet<>();
    SERVICES.forEach(
        service ->
            servicesSecrets.addAll(secretsReferenced(named(overlay, "Deployment", service))));
    assertFalse(servicesSecrets.contains(CONSOLE_SECRET), overlay + ": " + servicesSecrets);
    assertTrue(
        kind(overlay, "KafkaUser").stream().noneMatch(user -> name(user).contains(CONSOLE)),
        overlay + ": no KafkaUser for the console");
    assertTrue(
        kind(overlay, "Database").stream()
            .noneMatch(
                database ->
                    database.at("/spec/owner").asText().contains("console")
                        || database.at("/spec/name").asText().contains("console")),
        overlay + ": no database for the console");
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void theConsolesOidcSecretsComeFromItsSecretNeverFromAConfigMap(String overlay) {
    JsonNode console = named(overlay, "Deployment", CONSOLE);
    Map<String, JsonNode> env = envEntries(console);
    OIDC_SECRETS.forEach(
        (variable, key) -> {
          JsonNode entry = env.get(variable);
          assertNotNull(entry, overlay + ": the console is given no " + variable);
          assertEquals(CONSOLE_SECRET, entry.at("/valueFrom/secretKeyRef/name").asText(), variable);
          assertEquals(key, entry.at("/valueFrom/secretKeyRef/key").asText(), variable);
        });
    env.forEach(
        (variable, entry) -> {
          if (isOidcSecret(variable)) {
            assertFalse(
                entry.at("/valueFrom/secretKeyRef/name").isMissingNode(),
                overlay + ": " + variable + " comes from a Secret, never a value in a manifest");
          }
        });
    for (JsonNode configMap : kind(overlay, "ConfigMap")) {
      configMap
          .path("data")
          .fieldNames()
          .forEachRemaining(
              key ->
                  assertFalse(
                      isOidcSecret(environmentName(key)),
                      overlay + ": an OIDC secret in ConfigMap " + name(configMap) + ": " + key));
    }
    // The issuer is the services' own: the same ConfigMap (lanyard-common) and key.
    JsonNode issuer = env.get("QUARKUS_OIDC_AUTH_SERVER_URL");
    assertNotNull(issuer, overlay + ": the console is given no OIDC issuer");
    String commonConfig =
        named(overlay, "Deployment", "identity-service")
            .at("/spec/template/spec/containers/0/envFrom/0/configMapRef/name")
            .asText();
    assertTrue(commonConfig.startsWith("lanyard-common"), commonConfig);
    assertEquals(commonConfig, issuer.at("/valueFrom/configMapKeyRef/name").asText(), overlay);
    assertEquals(
        "QUARKUS_OIDC_AUTH_SERVER_URL", issuer.at("/valueFrom/configMapKeyRef/key").asText());
    // Logged and traced as the services are: a change's trace starts at the admin's click.
    for (String shared :
        List.of(
            "QUARKUS_LOG_CONSOLE_JSON_ENABLED",
            "QUARKUS_OTEL_SDK_DISABLED",
            "LANYARD_TRACING_ZIPKIN_URL")) {
      JsonNode setting = env.get(shared);
      assertNotNull(setting, overlay + ": the console is not given " + shared);
      assertEquals(commonConfig, setting.at("/valueFrom/configMapKeyRef/name").asText(), shared);
      assertEquals(shared, setting.at("/valueFrom/configMapKeyRef/key").asText());
    }
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void theConsoleCallsTheFiveServicesInsideTheClusterAndKnowsThePublicHost(String overlay) {
    Map<String, String> config = configFromMaps(overlay, named(overlay, "Deployment", CONSOLE));
    for (String service : SERVICES) {
      assertEquals(
          "http://" + service,
          config.get("QUARKUS_REST_CLIENT_" + environmentName(service) + "_URL"),
          overlay + ": where the console finds " + service);
      assertTrue(
          servicePorts(named(overlay, "Service", service)).stream()
              .anyMatch(port -> port.path("port").asInt() == 80),
          overlay + ": " + service + " answers on port 80");
    }
    String host = ingress(overlay).at("/spec/rules/0/host").asText();
    assertEquals("https://" + host, config.get("LANYARD_WEB_PUBLIC_URL"), overlay);
    Map<String, String> directory =
        configFromMaps(overlay, named(overlay, "Deployment", "directory-sync-service"));
    assertEquals(
        directory.get("LANYARD_DIRECTORY_PUBLIC_URL"),
        config.get("LANYARD_WEB_PUBLIC_URL"),
        overlay + ": one public host");
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void theIngressSendsTheConsoleWhatNoServiceOwnsButNoPathReachesItsQ(String overlay) {
    JsonNode ingress = ingress(overlay);
    // The console's pages, and whatever else no service owns, /q included.
    for (String path :
        List.of(
            "/",
            "/portal/code",
            "/admin/users/u-1",
            "/admin/devices",
            "/ops/tenants",
            "/signed-out",
            "/q",
            "/q/health/ready",
            "/q/metrics",
            "/q/openapi")) {
      assertEquals(CONSOLE + ":http", backend(ingress, path), overlay + " " + path);
    }
    // The catch-all takes nothing a service owns.
    assertEquals("identity-service:http", backend(ingress, "/admin/v1/users/u-1"));
    assertEquals("credential-service:http", backend(ingress, "/me/v1/access"));
    assertEquals("device-gateway:http", backend(ingress, "/device/v1/login/code"));
    assertEquals("directory-sync-service:http", backend(ingress, "/scim/v2/tenants/acme/Users"));

    // Every public path a service serves reaches that service, not the console's catch-all.
    ServicePublicPaths.read(ROOT)
        .forEach(
            (path, service) ->
                assertEquals(
                    service + ":http",
                    backend(ingress, path),
                    overlay + ": " + path + " is " + service + "'s"));

    // So /q reaches the console's pages port, and the console serves /q only on another port.
    JsonNode console = named(overlay, "Deployment", CONSOLE);
    JsonNode container = console.at("/spec/template/spec/containers/0");
    int pagesPort = targetPort(named(overlay, "Service", CONSOLE), "http", container);
    int managementPort = containerPort(container, container.at("/readinessProbe/httpGet/port"));
    assertNotEquals(pagesPort, managementPort, overlay + ": /q on a port of its own");
    for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
      assertEquals(
          managementPort,
          containerPort(container, container.at("/" + probe + "/httpGet/port")),
          overlay + ": the " + probe + " asks the management port");
    }
    // No Service leads to the management port: an Ingress can only name a Service's port.
    JsonNode podLabels = console.at("/spec/template/metadata/labels");
    for (JsonNode service : kind(overlay, "Service")) {
      if (!selects(service.at("/spec/selector"), podLabels)) {
        continue;
      }
      for (JsonNode port : servicePorts(service)) {
        assertNotEquals(
            managementPort,
            containerPort(container, port.path("targetPort")),
            overlay + ": Service " + name(service) + " exposes the console's /q");
      }
    }
  }

  /**
   * The manifests' ports are the ones the console listens on: the pages on {@code
   * quarkus.http.port}, /q on the management interface ({@code quarkus.management.enabled}, a
   * build-time setting that moves health, metrics and OpenAPI off the pages' port).
   */
  @ParameterizedTest
  @MethodSource("overlays")
  void theConsoleServesItsQOnTheManagementPortTheManifestsProbe(String overlay) throws IOException {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(CONSOLE_PROPERTIES, StandardCharsets.UTF_8)) {
      properties.load(reader);
    }
    JsonNode container =
        named(overlay, "Deployment", CONSOLE).at("/spec/template/spec/containers/0");
    assertEquals(
        "true",
        prodValue(properties, "quarkus.management.enabled", "false"),
        "web-console must serve /q on its management interface (quarkus.management.enabled=true):"
            + " the Ingress sends it every path no service owns, /q included");
    assertEquals(
        Integer.parseInt(prodValue(properties, "quarkus.management.port", "9000")),
        containerPort(container, container.at("/readinessProbe/httpGet/port")),
        overlay + ": the probes' port is quarkus.management.port");
    assertEquals(
        Integer.parseInt(prodValue(properties, "quarkus.http.port", "8080")),
        containerPort(container, new TextNode("http")),
        overlay + ": the pages' port is quarkus.http.port");
    // Behind the Ingress's TLS, the session and CSRF cookies are sent over HTTPS only.
    for (String secure :
        List.of(
            "quarkus.oidc.authentication.cookie-force-secure",
            "quarkus.rest-csrf.cookie-force-secure")) {
      assertEquals("true", prodValue(properties, secure, "false"), secure + " in production");
    }
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void theConsoleIsReachedOnlyFromTheIngressControllerAndReachesOnlyServicesDnsAndIssuer(
      String overlay) {
    JsonNode policy = policyOf(overlay, CONSOLE);
    Set<String> types = new TreeSet<>();
    policy.at("/spec/policyTypes").forEach(type -> types.add(type.asText()));
    assertEquals(Set.of("Ingress", "Egress"), types, overlay);
    assertEquals(
        Set.of(FROM_INGRESS_CONTROLLER + " -> http/TCP"),
        grants(policy, "ingress", "from"),
        overlay + ": who may reach the console");
    // DNS and the OIDC issuer exactly as the services reach them.
    Set<String> expected = new TreeSet<>();
    for (String grant : grants(policyOf(overlay, "identity-service"), "egress", "to")) {
      if (grant.contains("k8s-app=kube-dns") || grant.startsWith("ipBlock ")) {
        expected.add(grant);
      }
    }
    assertTrue(expected.contains("ipBlock 0.0.0.0/0 -> 443/TCP"), expected.toString());
    SERVICES.forEach(
        service -> expected.add("pods {app.kubernetes.io/name=" + service + "} -> http/TCP"));
    assertEquals(expected, grants(policy, "egress", "to"), overlay + ": what the console reaches");
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void eachServiceAcceptsTheConsoleOnItsHttpPortOnly(String overlay) {
    String fromConsole = "pods {app.kubernetes.io/name=" + CONSOLE + "}";
    for (String service : SERVICES) {
      Set<String> fromIt =
          grants(policyOf(overlay, service), "ingress", "from").stream()
              .filter(grant -> grant.startsWith(fromConsole + " -> "))
              .collect(Collectors.toSet());
      assertEquals(Set.of(fromConsole + " -> http/TCP"), fromIt, overlay + ": " + service);
    }
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void theDatabaseAndTheBrokersAdmitTheServicesButNotTheConsole(String overlay) {
    JsonNode consolePod =
        named(overlay, "Deployment", CONSOLE).at("/spec/template/metadata/labels");
    JsonNode servicePod =
        named(overlay, "Deployment", "identity-service").at("/spec/template/metadata/labels");
    List<JsonNode> databasePeers = new ArrayList<>();
    named(overlay, "NetworkPolicy", "lanyard-db")
        .at("/spec/ingress")
        .forEach(rule -> rule.path("from").forEach(databasePeers::add));
    List<JsonNode> brokerPeers = new ArrayList<>();
    named(overlay, "Kafka", "lanyard")
        .at("/spec/kafka/listeners")
        .forEach(listener -> listener.path("networkPolicyPeers").forEach(brokerPeers::add));
    for (Map.Entry<String, List<JsonNode>> peers :
        Map.of("the database", databasePeers, "Kafka", brokerPeers).entrySet()) {
      assertTrue(
          peers.getValue().stream().anyMatch(peer -> admitsPodOfSameNamespace(peer, servicePod)),
          overlay + ": " + peers.getKey() + " admits the services");
      assertTrue(
          peers.getValue().stream().noneMatch(peer -> admitsPodOfSameNamespace(peer, consolePod)),
          overlay + ": " + peers.getKey() + " admits the console, which owns no data");
    }
  }

  // ---- the console's settings ----

  /** Every variable the console's containers get: env, and the keys of ConfigMaps by envFrom. */
  private static Set<String> environment(String overlay, JsonNode deployment) {
    Set<String> variables = new TreeSet<>(envEntries(deployment).keySet());
    configFromMaps(overlay, deployment)
        .keySet()
        .forEach(key -> variables.add(environmentName(key)));
    return variables;
  }

  private static Map<String, JsonNode> envEntries(JsonNode deployment) {
    Map<String, JsonNode> entries = new TreeMap<>();
    for (JsonNode container : deployment.at("/spec/template/spec/containers")) {
      container
          .path("env")
          .forEach(entry -> entries.put(environmentName(entry.get("name").asText()), entry));
    }
    return entries;
  }

  /** The data of the ConfigMaps a Deployment takes whole (envFrom); a whole Secret fails. */
  private static Map<String, String> configFromMaps(String overlay, JsonNode deployment) {
    Map<String, String> config = new TreeMap<>();
    for (JsonNode container : deployment.at("/spec/template/spec/containers")) {
      for (JsonNode source : container.path("envFrom")) {
        assertTrue(
            source.path("secretRef").isMissingNode(),
            name(deployment) + " takes a whole Secret: name what it reads, key by key");
        String configMap = source.at("/configMapRef/name").asText();
        named(overlay, "ConfigMap", configMap)
            .path("data")
            .fields()
            .forEachRemaining(field -> config.put(field.getKey(), field.getValue().asText()));
      }
    }
    return config;
  }

  private static boolean isOidcSecret(String variable) {
    return variable.startsWith("QUARKUS_OIDC_") && variable.contains("SECRET");
  }

  /** The value the packaged (prod) application has: {@code %prod.} first, then the plain key. */
  private static String prodValue(Properties properties, String key, String fallback) {
    return properties.getProperty("%prod." + key, properties.getProperty(key, fallback)).trim();
  }

  // ---- Ingress and ports ----

  private static JsonNode ingress(String overlay) {
    List<JsonNode> ingresses = kind(overlay, "Ingress");
    assertEquals(1, ingresses.size(), overlay);
    return ingresses.get(0);
  }

  /**
   * The backend ({@code service:port}) a request path reaches: Kubernetes' {@code Prefix} matches
   * whole path elements, and the longest matching path wins.
   */
  private static String backend(JsonNode ingress, String requestPath) {
    List<JsonNode> matching = new ArrayList<>();
    for (JsonNode rule : ingress.at("/spec/rules")) {
      for (JsonNode path : rule.at("/http/paths")) {
        assertEquals("Prefix", path.get("pathType").asText(), path.toString());
        if (isPrefixOf(path.get("path").asText(), requestPath)) {
          matching.add(path);
        }
      }
    }
    JsonNode chosen =
        matching.stream()
            .max(Comparator.comparingInt(path -> path.get("path").asText().length()))
            .orElseThrow(() -> new AssertionError("no Ingress path matches " + requestPath));
    JsonNode service = chosen.at("/backend/service");
    return service.get("name").asText() + ":" + service.at("/port/name").asText();
  }

  private static boolean isPrefixOf(String prefix, String requestPath) {
    List<String> prefixElements = elements(prefix);
    List<String> requestElements = elements(requestPath);
    return prefixElements.size() <= requestElements.size()
        && requestElements.subList(0, prefixElements.size()).equals(prefixElements);
  }

  private static List<String> elements(String path) {
    return Stream.of(path.split("/")).filter(element -> !element.isEmpty()).toList();
  }

  private static List<JsonNode> servicePorts(JsonNode service) {
    List<JsonNode> ports = new ArrayList<>();
    service.at("/spec/ports").forEach(ports::add);
    return ports;
  }

  /** The container port a Service's named port leads to. */
  private static int targetPort(JsonNode service, String portName, JsonNode container) {
    JsonNode port =
        servicePorts(service).stream()
            .filter(p -> p.path("name").asText().equals(portName))
            .findFirst()
            .orElseThrow(() -> new AssertionError(name(service) + " has no port " + portName));
    return containerPort(container, port.path("targetPort"));
  }

  /** A port by number, or by the name of one of the container's ports. */
  private static int containerPort(JsonNode container, JsonNode port) {
    if (port.isInt()) {
      return port.asInt();
    }
    for (JsonNode declared : container.path("ports")) {
      if (declared.path("name").asText().equals(port.asText())) {
        return declared.get("containerPort").asInt();
      }
    }
    throw new AssertionError("the container declares no port " + port);
  }

  // ---- network policies ----

  private static JsonNode policyOf(String overlay, String app) {
    List<JsonNode> policies =
        kind(overlay, "NetworkPolicy").stream()
            .filter(
                policy ->
                    policy
                        .at("/spec/podSelector/matchLabels/app.kubernetes.io~1name")
                        .asText()
                        .equals(app))
            .toList();
    assertEquals(1, policies.size(), overlay + ": the NetworkPolicy of " + app);
    return policies.get(0);
  }

  /**
   * A policy's rules in one direction, each peer and port as {@code "<peer> -> <port>/<proto>"}.
   */
  private static Set<String> grants(JsonNode policy, String direction, String peersField) {
    Set<String> grants = new TreeSet<>();
    for (JsonNode rule : policy.at("/spec/" + direction)) {
      List<String> peers = new ArrayList<>();
      rule.path(peersField).forEach(peer -> peers.add(describePeer(peer)));
      if (peers.isEmpty()) {
        peers.add("anyone");
      }
      List<String> ports = new ArrayList<>();
      rule.path("ports")
          .forEach(
              port ->
                  ports.add(
                      port.path("port").asText() + "/" + port.path("protocol").asText("TCP")));
      if (ports.isEmpty()) {
        ports.add("every port");
      }
      peers.forEach(peer -> ports.forEach(port -> grants.add(peer + " -> " + port)));
    }
    return grants;
  }

  private static String describePeer(JsonNode peer) {
    List<String> parts = new ArrayList<>();
    if (peer.has("ipBlock")) {
      parts.add("ipBlock " + peer.at("/ipBlock/cidr").asText());
      if (peer.at("/ipBlock/except").size() > 0) {
        parts.add("except " + peer.at("/ipBlock/except"));
      }
    }
    if (peer.has("namespaceSelector")) {
      parts.add("namespaces " + describeSelector(peer.get("namespaceSelector")));
    }
    if (peer.has("podSelector")) {
      parts.add("pods " + describeSelector(peer.get("podSelector")));
    }
    return String.join(" ", parts);
  }

  private static String describeSelector(JsonNode selector) {
    List<String> terms = new ArrayList<>();
    selector
        .path("matchLabels")
        .fields()
        .forEachRemaining(label -> terms.add(label.getKey() + "=" + label.getValue().asText()));
    selector
        .path("matchExpressions")
        .forEach(
            expression ->
                terms.add(
                    expression.path("key").asText()
                        + " "
                        + expression.path("operator").asText()
                        + " "
                        + expression.path("values")));
    return terms.stream().sorted().collect(Collectors.joining(",", "{", "}"));
  }

  /** Whether a peer without a namespace selector admits a pod with these labels. */
  private static boolean admitsPodOfSameNamespace(JsonNode peer, JsonNode podLabels) {
    return !peer.has("namespaceSelector")
        && peer.has("podSelector")
        && selects(peer.get("podSelector"), podLabels);
  }

  /**
   * Kubernetes' label selector: every matchLabels pair, every expression; a Service's selector is a
   * plain map of labels.
   */
  private static boolean selects(JsonNode selector, JsonNode labels) {
    Map<String, String> have = new HashMap<>();
    labels.fields().forEachRemaining(label -> have.put(label.getKey(), label.getValue().asText()));
    JsonNode matchLabels =
        selector.has("matchLabels") || selector.has("matchExpressions")
            ? selector.path("matchLabels")
            : selector;
    Map<String, String> wanted = new HashMap<>();
    matchLabels
        .fields()
        .forEachRemaining(label -> wanted.put(label.getKey(), label.getValue().asText()));
    if (!wanted.entrySet().stream()
        .allMatch(label -> label.getValue().equals(have.get(label.getKey())))) {
      return false;
    }
    for (JsonNode expression : selector.path("matchExpressions")) {
      String value = have.get(expression.path("key").asText());
      Set<String> values = new TreeSet<>();
      expression.path("values").forEach(v -> values.add(v.asText()));
      boolean matches =
          switch (expression.path("operator").asText()) {
            case "In" -> value != null && values.contains(value);
            case "NotIn" -> value == null || !values.contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            default -> throw new AssertionError("operator of " + expression);
          };
      if (!matches) {
        return false;
      }
    }
    return true;
  }
}
