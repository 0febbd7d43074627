package io.lanyard.deployment;

import static io.lanyard.deployment.RenderedOverlays.CONSOLE;
import static io.lanyard.deployment.RenderedOverlays.ROOT;
import static io.lanyard.deployment.RenderedOverlays.SERVICES;
import static io.lanyard.deployment.RenderedOverlays.environmentName;
import static io.lanyard.deployment.RenderedOverlays.kind;
import static io.lanyard.deployment.RenderedOverlays.name;
import static io.lanyard.deployment.RenderedOverlays.named;
import static io.lanyard.deployment.RenderedOverlays.render;
import static io.lanyard.deployment.RenderedOverlays.secretsReferenced;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every overlay of {@code deploy/k8s}, rendered by {@code kubectl kustomize} as an operator would,
 * checked for what the cluster must get. The topics, services and public paths are DESIGN.md's.
 */
class KustomizeOverlaysTest extends OverlayChecks {

  private static final Path DEPLOY_DOC = ROOT.resolve("docs/deploy.md");

  /** What runs as a Deployment: the five services and the web console. */
  private static final List<String> DEPLOYABLES =
      Stream.concat(SERVICES.stream(), Stream.of(CONSOLE)).toList();

  /** DESIGN.md, "Kafka": the topics, and the one each service writes. */
  private static final Map<String, String> TOPIC_OF =
      Map.of(
          "identity-service", "lanyard.identity.events",
          "credential-service", "lanyard.credential.events",
          "directory-sync-service", "lanyard.directory.events",
          "device-gateway", "lanyard.device.events",
          "notification-service", "lanyard.notification.events");

  /**
   * DESIGN.md's public path prefixes and the service that owns each; whatever none owns ({@code /})
   * goes to the web console.
   */
  private static final Map<String, String> PUBLIC_PATHS =
      Map.ofEntries(
          Map.entry("/", CONSOLE),
          Map.entry("/device", "device-gateway"),
          Map.entry("/admin/v1/devices", "device-gateway"),
          Map.entry("/admin/v1/users", "identity-service"),
          Map.entry("/admin/v1/user-imports", "identity-service"),
          Map.entry("/admin/v1/tenant-settings", "identity-service"),
          Map.entry("/admin/v1/credentials", "credential-service"),
          Map.entry("/admin/v1/credential-jobs", "credential-service"),
          Map.entry("/admin/v1/credential-policy", "credential-service"),
          Map.entry("/me", "credential-service"),
          Map.entry("/admin/v1/directory", "directory-sync-service"),
          Map.entry("/scim", "directory-sync-service"),
          Map.entry("/webhooks", "directory-sync-service"),
          Map.entry("/admin/v1/notifications", "notification-service"));

  /**
   * DESIGN.md, "Secrets" (issue 18): the key rings each service holds, and no others. A keyed hash
   * finds a value, a ciphertext shows it: the gateway only looks codes up, notification only shows
   * them; identity seals an import's staged lines under a cipher ring of its own (issue 22); the
   * console owns no data.
   */
  private static final Map<String, Set<String>> RINGS_OF =
      Map.ofEntries(
          Map.entry(CONSOLE, Set.of()),
          Map.entry("identity-service", Set.of("CIPHER")),
          Map.entry("credential-service", Set.of("HASH", "CIPHER")),
          Map.entry("directory-sync-service", Set.of("HASH", "CIPHER")),
          Map.entry("notification-service", Set.of("CIPHER")),
          Map.entry("device-gateway", Set.of("HASH")));

  /**
   * Which services each service calls with its own client-credentials token: the audiences of its
   * OIDC client in the local realm ({@code deploy/local/keycloak/lanyard-realm.json}).
   */
  private static final Map<String, Set<String>> CALLS =
      Map.of(
          "directory-sync-service", Set.of("identity-service", "credential-service"),
          "device-gateway", Set.of("credential-service", "identity-service"),
          "credential-service", Set.of("identity-service"),
          "identity-service", Set.of("credential-service"),
          "notification-service", Set.of("identity-service"));

  private static final String OIDC_CLIENT_SECRETS = "lanyard-oidc-clients";

  /** The one Secret every service read before the keys were split by purpose. */
  private static final String SHARED_KEY_SECRET = "lanyard-secrets";

  @ParameterizedTest
  @MethodSource("overlays")
  void everyServiceRunsWithProbesLimitsAsNonRootOnAReadOnlyRoot(String overlay) {
    List<JsonNode> deployments = kind(overlay, "Deployment");
    assertEquals(
        new TreeSet<>(DEPLOYABLES),
        deployments.stream().map(d -> name(d)).collect(Collectors.toCollection(TreeSet::new)));
    for (JsonNode deployment : deployments) {
      String where = overlay + " " + name(deployment);
      JsonNode pod = deployment.at("/spec/template/spec");
      assertTrue(pod.at("/securityContext/runAsNonRoot").asBoolean(), where + ": runAsNonRoot");
      for (JsonNode container : pod.get("containers")) {
        assertEquals(
            "/q/health/ready", container.at("/readinessProbe/httpGet/path").asText(), where);
        assertEquals("/q/health/live", container.at("/livenessProbe/httpGet/path").asText(), where);
        for (String resource : List.of("cpu", "memory")) {
          assertFalse(container.at("/resources/requests/" + resource).isMissingNode(), where);
          assertFalse(container.at("/resources/limits/" + resource).isMissingNode(), where);
        }
        assertTrue(
            container.at("/securityContext/readOnlyRootFilesystem").asBoolean(),
            where + ": read-only root file system");
        assertFalse(
            container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true), where);
        String image = container.get("image").asText();
        assertTrue(
            image.startsWith("registry.example.com/lanyard/" + name(deployment) + ":"),
            where + ": the overlay names the image: " + image);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void everyConfigMapReferencedIsDeclaredAndEverySecretDocumented(String overlay)
      throws IOException {
    Set<String> configMaps =
        kind(overlay, "ConfigMap").stream().map(c -> name(c)).collect(Collectors.toSet());
    Set<String> secretsDeclared =
        kind(overlay, "Secret").stream().map(s -> name(s)).collect(Collectors.toSet());
    Map<String, Set<String>> configMapRefs = new TreeMap<>();
    Map<String, Set<String>> secretRefs = new TreeMap<>();
    for (JsonNode document : render(overlay)) {
      collectReferences(document, configMapRefs, secretRefs);
    }
    assertFalse(configMapRefs.isEmpty());
    for (String configMap : configMapRefs.keySet()) {
      assertTrue(configMaps.contains(configMap), overlay + ": ConfigMap " + configMap);
    }
    assertFalse(secretRefs.isEmpty());
    List<String> documentation = Files.readAllLines(DEPLOY_DOC, StandardCharsets.UTF_8);
    for (Map.Entry<String, Set<String>> secret : secretRefs.entrySet()) {
      if (secretsDeclared.contains(secret.getKey())) {
        continue;
      }
      List<String> rows =
          documentation.stream()
              .filter(line -> line.startsWith("|") && line.contains("`" + secret.getKey() + "`"))
              .toList();
      assertFalse(rows.isEmpty(), "docs/deploy.md lists no Secret " + secret.getKey());
      for (String key : secret.getValue()) {
        assertTrue(
            rows.stream().anyMatch(row -> row.contains("`" + key + "`")),
            "docs/deploy.md lists no key " + key + " of Secret " + secret.getKey());
      }
    }
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void theTopicsAreDesignsWithFullRetentionAndADeadLetterTopicPerService(String overlay) {
    Map<String, JsonNode> topics = new HashMap<>();
    kind(overlay, "KafkaTopic").forEach(t -> topics.put(t.at("/spec/topicName").asText(), t));
    Set<String> expected = new TreeSet<>(TOPIC_OF.values());
    SERVICES.forEach(service -> expected.add("lanyard." + service + ".dlq"));
    assertEquals(expected, new TreeSet<>(topics.keySet()));
    for (String topic : TOPIC_OF.values()) {
      assertEquals("-1", topics.get(topic).at("/spec/config/retention.ms").asText(), topic);
    }
    assertEquals(1, kind(overlay, "Kafka").size());
    assertFalse(
        kind(overlay, "Kafka")
            .get(0)
            .at("/spec/kafka/config/auto.create.topics.enable")
            .asBoolean(),
        "topics only as KafkaTopic resources");
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void eachServiceWritesOnlyItsOwnTopicAndDeadLetterTopic(String overlay) {
    Map<String, JsonNode> users = new HashMap<>();
    kind(overlay, "KafkaUser").forEach(u -> users.put(name(u), u));
    for (String service : SERVICES) {
      JsonNode user = users.get("kafka-" + service);
      assertTrue(user != null, overlay + ": no KafkaUser for " + service);
      Set<String> written = new TreeSet<>();
      for (JsonNode acl : user.at("/spec/authorization/acls")) {
        for (JsonNode operation : acl.get("operations")) {
          if (Set.of("Write", "All", "Create", "Delete", "Alter").contains(operation.asText())) {
            written.add(acl.at("/resource/name").asText());
          }
        }
      }
      assertEquals(
          new TreeSet<>(Set.of(TOPIC_OF.get(service), "lanyard." + service + ".dlq")),
          written,
          overlay + ": what " + service + " may write");
    }
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void theIngressRoutesEveryPublicPathToItsOwnerAndNothingElse(String overlay) {
    List<JsonNode> ingresses = kind(overlay, "Ingress");
    assertEquals(1, ingresses.size());
    Map<String, String> routed = new TreeMap<>();
    for (JsonNode rule : ingresses.get(0).at("/spec/rules")) {
      for (JsonNode path : rule.at("/http/paths")) {
        assertEquals("Prefix", path.get("pathType").asText());
        assertEquals("http", path.at("/backend/service/port/name").asText(), path.toString());
        routed.put(path.get("path").asText(), path.at("/backend/service/name").asText());
      }
    }
    assertEquals(new TreeMap<>(PUBLIC_PATHS), routed);
    assertTrue(routed.keySet().stream().noneMatch(p -> p.startsWith("/ops") || p.startsWith("/q")));
    Set<String> services =
        kind(overlay, "Service").stream().map(s -> name(s)).collect(Collectors.toSet());
    assertTrue(services.containsAll(routed.values()), "every backend is a Service: " + services);
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void eachDeployableHasADisruptionBudgetANetworkPolicyAndTheGatewayAnAutoscaler(String overlay) {
    Set<String> budgets =
        kind(overlay, "PodDisruptionBudget").stream()
            .map(b -> b.at("/spec/selector/matchLabels/app.kubernetes.io~1name").asText())
            .collect(Collectors.toSet());
    Set<String> policies =
        kind(overlay, "NetworkPolicy").stream()
            .map(p -> p.at("/spec/podSelector/matchLabels/app.kubernetes.io~1name").asText())
            .collect(Collectors.toSet());
    for (String service : DEPLOYABLES) {
      assertTrue(budgets.contains(service), overlay + ": a PodDisruptionBudget for " + service);
      assertTrue(policies.contains(service), overlay + ": a NetworkPolicy for " + service);
    }
    assertTrue(
        kind(overlay, "NetworkPolicy").stream()
            .anyMatch(
                p ->
                    p.at("/spec/podSelector/matchLabels/app.kubernetes.io~1part-of")
                            .asText()
                            .equals("lanyard")
                        && p.at("/spec/ingress").isMissingNode()),
        overlay + ": Lanyard's pods deny what is not allowed");
    List<JsonNode> autoscalers = kind(overlay, "HorizontalPodAutoscaler");
    assertEquals(1, autoscalers.size());
    assertEquals("device-gateway", autoscalers.get(0).at("/spec/scaleTargetRef/name").asText());
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void theDatabaseHasADatabaseAndARolePerService(String overlay) {
    List<JsonNode> clusters = kind(overlay, "Cluster");
    assertEquals(1, clusters.size());
    Set<String> roles = new TreeSet<>();
    clusters.get(0).at("/spec/managed/roles").forEach(r -> roles.add(r.get("name").asText()));
    Map<String, String> owners = new TreeMap<>();
    kind(overlay, "Database")
        .forEach(d -> owners.put(d.at("/spec/name").asText(), d.at("/spec/owner").asText()));
    assertEquals(SERVICES.size(), owners.size(), overlay + ": " + owners);
    assertTrue(roles.containsAll(owners.values()), overlay + ": roles " + roles);
    assertEquals(
        new TreeSet<>(owners.values()).size(), owners.size(), "a role of its own per database");
    assertTrue(
        clusters.get(0).at("/spec/backup").isMissingNode(),
        "no backup by the deprecated spec.backup.barmanObjectStore");
    if (overlay.equals("prod")) {
      // WAL archive and base backups through the Barman Cloud plugin, into the one ObjectStore.
      JsonNode plugin = clusters.get(0).at("/spec/plugins/0");
      assertEquals("barman-cloud.cloudnative-pg.io", plugin.path("name").asText());
      assertTrue(plugin.path("isWALArchiver").asBoolean());
      List<JsonNode> stores = kind(overlay, "ObjectStore");
      assertEquals(1, stores.size());
      assertEquals(
          name(stores.get(0)), plugin.at("/parameters/barmanObjectName").asText(), "its store");
      JsonNode scheduled = kind(overlay, "ScheduledBackup").get(0);
      assertEquals("plugin", scheduled.at("/spec/method").asText());
      assertEquals(
          "barman-cloud.cloudnative-pg.io",
          scheduled.at("/spec/pluginConfiguration/name").asText());
    } else {
      assertTrue(kind(overlay, "ObjectStore").isEmpty(), overlay + " keeps no backups");
    }
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void eachServiceIsGivenOnlyTheKeyRingsItUsesAndEachFromASecret(String overlay) {
    for (JsonNode deployment : kind(overlay, "Deployment")) {
      String service = name(deployment);
      String where = overlay + " " + service;
      assertFalse(
          secretsReferenced(deployment).contains(SHARED_KEY_SECRET),
          where + ": the shared Secret " + SHARED_KEY_SECRET + " is gone (keys split by purpose)");
      Set<String> expected = new TreeSet<>();
      for (String ring : RINGS_OF.get(service)) {
        expected.add("LANYARD_SECRETS_" + ring + "_KEYS");
        expected.add("LANYARD_SECRETS_" + ring + "_CURRENT_KEY");
      }
      Map<String, JsonNode> keyEnv = keyEnvironment(deployment);
      // Exactly: a cipher variable on the gateway or a hash variable on notification fails here.
      assertEquals(expected, keyEnv.keySet(), where + ": the key settings it is given");
      keyEnv.forEach(
          (variable, entry) ->
              assertFalse(
                  entry.at("/valueFrom/secretKeyRef/name").isMissingNode(),
                  where + ": " + variable + " comes from a Secret, never a value in a manifest"));
    }
    for (JsonNode configMap : kind(overlay, "ConfigMap")) {
      configMap
          .path("data")
          .fieldNames()
          .forEachRemaining(
              key ->
                  assertFalse(
                      environmentName(key).startsWith("LANYARD_SECRETS_"),
                      overlay + ": key material in ConfigMap " + name(configMap) + ": " + key));
    }
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void theCodeRingsAreSharedOnlyWhereNeededAndDirectorySyncHasItsOwn(String overlay) {
    Map<String, JsonNode> deployments = new HashMap<>();
    kind(overlay, "Deployment").forEach(d -> deployments.put(name(d), d));
    // The gateway must compute the hashes credential-service stored, notification open the
    // ciphertexts it sealed: the same Secret each.
    assertEquals(
        ringSecrets(deployments.get("credential-service"), "HASH"),
        ringSecrets(deployments.get("device-gateway"), "HASH"),
        overlay + ": device-gateway's hash ring is credential-service's");
    assertEquals(
        ringSecrets(deployments.get("credential-service"), "CIPHER"),
        ringSecrets(deployments.get("notification-service"), "CIPHER"),
        overlay + ": notification-service's cipher ring is credential-service's");
    Set<String> codeSecrets = new TreeSet<>();
    Set<String> directorySecrets = new TreeSet<>();
    for (String ring : List.of("HASH", "CIPHER")) {
      codeSecrets.addAll(ringSecrets(deployments.get("credential-service"), ring));
      Set<String> directory = ringSecrets(deployments.get("directory-sync-service"), ring);
      assertFalse(directory.isEmpty(), overlay + ": directory-sync's " + ring + " ring");
      assertTrue(
          directory.stream().noneMatch(codeSecrets::contains),
          overlay + ": directory-sync's " + ring + " ring is its own, not the code keys");
      directorySecrets.addAll(directory);
    }
    // identity-service seals an import's staged lines (purpose "import"): a ring of its own, so
    // it can open neither the codes credential-service sealed nor directory-sync's credentials.
    Set<String> identity = ringSecrets(deployments.get("identity-service"), "CIPHER");
    assertFalse(identity.isEmpty(), overlay + ": identity-service's import cipher ring");
    assertTrue(
        identity.stream().noneMatch(codeSecrets::contains),
        overlay + ": identity-service's cipher ring is its own, not the code keys");
    assertTrue(
        identity.stream().noneMatch(directorySecrets::contains),
        overlay + ": identity-service's cipher ring is its own, not directory-sync's");
    assertNotEquals(
        ringSecrets(deployments.get("credential-service"), "HASH"),
        ringSecrets(deployments.get("credential-service"), "CIPHER"),
        overlay + ": the code hash and cipher rings come from different Secrets");
    // A Secret holding a ring reaches no other service, by env, envFrom or volume: the gateway
    // cannot mount the cipher keys, nor identity-service the code keys.
    Map<String, Set<String>> holders = new TreeMap<>();
    deployments.forEach(
        (service, deployment) -> {
          for (String ring : List.of("HASH", "CIPHER")) {
            ringSecrets(deployment, ring)
                .forEach(
                    secret -> holders.computeIfAbsent(secret, k -> new TreeSet<>()).add(service));
          }
        });
    deployments.forEach(
        (service, deployment) -> {
          for (String secret : secretsReferenced(deployment)) {
            if (holders.containsKey(secret)) {
              assertTrue(
                  holders.get(secret).contains(service),
                  overlay + ": " + service + " references key Secret " + secret);
            }
          }
        });
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void eachServiceCallerHasItsClientSecretThePeersAddressAndTheNetworkPath(String overlay) {
    Map<String, JsonNode> deployments = new HashMap<>();
    kind(overlay, "Deployment").forEach(d -> deployments.put(name(d), d));
    Map<String, JsonNode> policies = new HashMap<>();
    kind(overlay, "NetworkPolicy")
        .forEach(
            p ->
                policies.put(
                    p.at("/spec/podSelector/matchLabels/app.kubernetes.io~1name").asText(), p));
    for (String service : SERVICES) {
      String where = overlay + " " + service;
      JsonNode secret = clientSecret(deployments.get(service));
      if (!CALLS.containsKey(service)) {
        assertTrue(secret == null, where + ": calls no service, yet has an OIDC client secret");
        continue;
      }
      // Its own row of the Secret: the images carry no client secret (only dev and test do).
      assertTrue(secret != null, where + ": no QUARKUS_OIDC_CLIENT_CREDENTIALS_SECRET");
      assertEquals(OIDC_CLIENT_SECRETS, secret.at("/valueFrom/secretKeyRef/name").asText(), where);
      assertEquals(service, secret.at("/valueFrom/secretKeyRef/key").asText(), where);
      Map<String, String> config = envFromConfigMaps(overlay, deployments.get(service));
      for (String callee : CALLS.get(service)) {
        // Without it the packaged default, 127.0.0.1, is called: nothing answers in a pod.
        assertEquals(
            "http://" + callee,
            config.get("QUARKUS_REST_CLIENT_" + environmentName(callee) + "_URL"),
            where + ": where " + callee + " is");
        assertTrue(
            admitsPod(policies.get(service), "egress", "to", callee),
            where + ": its NetworkPolicy lets it reach " + callee);
        assertTrue(
            admitsPod(policies.get(callee), "ingress", "from", service),
            overlay + ": " + callee + "'s NetworkPolicy admits " + service);
      }
    }
  }

  @Test
  void theCallsAreTheAudiencesOfTheRealmsServiceClients() throws IOException {
    JsonNode realm =
        new ObjectMapper()
            .readTree(ROOT.resolve("deploy/local/keycloak/lanyard-realm.json").toFile());
    Map<String, Set<String>> audiences = new TreeMap<>();
    for (JsonNode client : realm.get("clients")) {
      Set<String> audience = new TreeSet<>();
      for (JsonNode mapper : client.path("protocolMappers")) {
        if (mapper.path("protocolMapper").asText().equals("oidc-audience-mapper")) {
          audience.add(mapper.at("/config/included.client.audience").asText());
        }
      }
      if (!audience.isEmpty()) {
        audiences.put(client.get("clientId").asText(), audience);
      }
    }
    assertEquals(new TreeMap<>(CALLS), audiences);
  }

  /** The variables its containers take whole from ConfigMaps (envFrom), by name. */
  private static Map<String, String> envFromConfigMaps(String overlay, JsonNode deployment) {
    Map<String, String> config = new TreeMap<>();
    for (JsonNode container : deployment.at("/spec/template/spec/containers")) {
      for (JsonNode source : container.path("envFrom")) {
        String configMap = source.at("/configMapRef/name").asText();
        if (!configMap.isEmpty()) {
          named(overlay, "ConfigMap", configMap)
              .path("data")
              .fields()
              .forEachRemaining(
                  f -> config.put(environmentName(f.getKey()), f.getValue().asText()));
        }
      }
    }
    return config;
  }

  /** The container's {@code QUARKUS_OIDC_CLIENT_CREDENTIALS_SECRET} entry, or null. */
  private static JsonNode clientSecret(JsonNode deployment) {
    for (JsonNode container : deployment.at("/spec/template/spec/containers")) {
      for (JsonNode entry : container.path("env")) {
        if (environmentName(entry.get("name").asText())
            .equals("QUARKUS_OIDC_CLIENT_CREDENTIALS_SECRET")) {
          return entry;
        }
      }
    }
    return null;
  }

  /** Whether a rule of the policy names the app's pods (same namespace) on the http port. */
  private static boolean admitsPod(JsonNode policy, String direction, String peers, String app) {
    for (JsonNode rule : policy.at("/spec/" + direction)) {
      boolean onHttp = false;
      for (JsonNode port : rule.path("ports")) {
        onHttp |= port.path("port").asText().equals("http");
      }
      for (JsonNode peer : rule.path(peers)) {
        if (onHttp
            && !peer.has("namespaceSelector")
            && peer.at("/podSelector/matchLabels/app.kubernetes.io~1name").asText().equals(app)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Its containers' {@code LANYARD_SECRETS_*} variables (however spelt), by name. */
  private static Map<String, JsonNode> keyEnvironment(JsonNode deployment) {
    Map<String, JsonNode> variables = new TreeMap<>();
    for (JsonNode container : deployment.at("/spec/template/spec/containers")) {
      for (JsonNode entry : container.path("env")) {
        String variable = environmentName(entry.get("name").asText());
        if (variable.startsWith("LANYARD_SECRETS_")) {
          variables.put(variable, entry);
        }
      }
    }
    return variables;
  }

  /** The Secrets a Deployment's variables of one ring come from. */
  private static Set<String> ringSecrets(JsonNode deployment, String ring) {
    Set<String> secrets = new TreeSet<>();
    keyEnvironment(deployment)
        .forEach(
            (variable, entry) -> {
              if (variable.startsWith("LANYARD_SECRETS_" + ring + "_")) {
                secrets.add(entry.at("/valueFrom/secretKeyRef/name").asText());
              }
            });
    return secrets;
  }

  private static void collectReferences(
      JsonNode node, Map<String, Set<String>> configMaps, Map<String, Set<String>> secrets) {
    if (node.isObject()) {
      node.fields()
          .forEachRemaining(
              field -> {
                JsonNode value = field.getValue();
                switch (field.getKey()) {
                  case "configMapRef", "configMapKeyRef" ->
                      configMaps.computeIfAbsent(value.get("name").asText(), k -> new TreeSet<>());
                  case "secretKeyRef", "accessKeyId", "secretAccessKey" ->
                      secrets
                          .computeIfAbsent(value.get("name").asText(), k -> new TreeSet<>())
                          .add(value.get("key").asText());
                  // CloudNativePG reads a role's password Secret as basic-auth.
                  case "passwordSecret" ->
                      secrets
                          .computeIfAbsent(value.get("name").asText(), k -> new TreeSet<>())
                          .addAll(List.of("username", "password"));
                  case "secretName" ->
                      secrets
                          .computeIfAbsent(value.asText(), k -> new TreeSet<>())
                          .addAll(List.of("tls.crt", "tls.key"));
                  default -> collectReferences(value, configMaps, secrets);
                }
              });
    } else if (node.isArray()) {
      node.forEach(element -> collectReferences(element, configMaps, secrets));
    }
  }
}
