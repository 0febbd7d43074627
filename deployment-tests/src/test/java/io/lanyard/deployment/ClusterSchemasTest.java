package io.lanyard.deployment;

import static io.lanyard.deployment.RenderedOverlays.name;
import static io.lanyard.deployment.RenderedOverlays.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every document of every overlay against the schema the cluster checks it with: Kubernetes' own
 * types, the Prometheus Operator's, Strimzi's CRDs of the version docs/deploy.md installs ({@link
 * ClusterSchemas}), CloudNativePG's and its Barman Cloud plugin's ({@link CloudNativePgSchemas}). A
 * document of a kind none of them knows fails: it would not apply.
 */
class ClusterSchemasTest extends OverlayChecks {

  private static final YAMLMapper YAML = new YAMLMapper();

  @ParameterizedTest
  @MethodSource("overlays")
  void everyDocumentIsWhatItsSchemaAllows(String overlay) {
    ClusterSchemas schemas = ClusterSchemas.load();
    List<String> problems = new ArrayList<>();
    List<JsonNode> cloudNativePg = new ArrayList<>();
    for (JsonNode document : render(overlay)) {
      if (CloudNativePgSchemas.covers(document)) {
        cloudNativePg.add(document);
        continue;
      }
      String where = document.path("kind").asText() + " " + name(document) + ": ";
      schemas.problems(document).forEach(problem -> problems.add(where + problem));
    }
    problems.addAll(CloudNativePgSchemas.problems(cloudNativePg));
    assertEquals(List.of(), problems, overlay);
  }

  @Test
  void theSchemasRefuseWhatAClusterRefuses() throws IOException {
    ClusterSchemas schemas = ClusterSchemas.load();
    JsonNode deployment = RenderedOverlays.named("prod", "Deployment", "identity-service");
    assertEquals(List.of(), schemas.problems(deployment));

    ObjectNode typo = deployment.deepCopy();
    ((ObjectNode) typo.get("spec")).put("replica", 2);
    assertFalse(schemas.problems(typo).isEmpty(), "an unknown field");
    ObjectNode port = deployment.deepCopy();
    ((ObjectNode) port.at("/spec/template/spec/containers/0/ports/0")).put("containerPort", "x");
    assertFalse(schemas.problems(port).isEmpty(), "a port that is no number");

    JsonNode kafka = RenderedOverlays.named("prod", "Kafka", "lanyard");
    assertEquals(List.of(), schemas.problems(kafka));
    ObjectNode beta = kafka.deepCopy();
    beta.put("apiVersion", "kafka.strimzi.io/v1beta2");
    assertEquals(
        List.of("no schema known for kafka.strimzi.io/v1beta2 Kafka"),
        schemas.problems(beta),
        "Strimzi " + ClusterSchemas.STRIMZI + " serves v1 only in its v1 CRDs");
    JsonNode user = RenderedOverlays.named("prod", "KafkaUser", "kafka-identity-service");
    ObjectNode singular = user.deepCopy();
    ObjectNode acl = (ObjectNode) singular.at("/spec/authorization/acls/0");
    acl.remove("operations");
    acl.put("operation", "Write");
    assertFalse(schemas.problems(singular).isEmpty(), "v1 has no singular operation");

    ObjectNode backup =
        RenderedOverlays.named("prod", "ObjectStore", "lanyard-db-backup").deepCopy();
    ((ObjectNode) backup.get("spec")).put("retentionPolicy", "thirty days");
    ObjectNode cluster = RenderedOverlays.named("prod", "Cluster", "lanyard-db").deepCopy();
    ((ObjectNode) cluster.get("spec")).put("instances", "three");
    List<String> refused = CloudNativePgSchemas.problems(List.of(backup, cluster));
    assertTrue(refused.stream().anyMatch(p -> p.startsWith("ObjectStore")), refused.toString());
    assertTrue(refused.stream().anyMatch(p -> p.startsWith("Cluster")), refused.toString());
  }

  @Test
  void theDocsInstallTheOperatorVersionsWhoseSchemasAreChecked() throws IOException {
    String deploy = Files.readString(RenderedOverlays.ROOT.resolve("docs/deploy.md"));
    assertTrue(
        deploy.contains("strimzi-cluster-operator-" + ClusterSchemas.STRIMZI + ".yaml"),
        "docs/deploy.md installs Strimzi " + ClusterSchemas.STRIMZI);
    assertFalse(deploy.contains("install/latest"), "no operator installed as 'latest'");
    assertTrue(
        deploy.contains("cnpg-" + CloudNativePgSchemas.OPERATOR + ".yaml"),
        "docs/deploy.md installs CloudNativePG " + CloudNativePgSchemas.OPERATOR);
    assertTrue(
        deploy.contains("plugin-barman-cloud/releases/download/v" + CloudNativePgSchemas.PLUGIN),
        "docs/deploy.md installs the Barman Cloud plugin " + CloudNativePgSchemas.PLUGIN);
  }
}
