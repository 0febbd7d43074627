package io.lanyard.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The schemas a cluster checks each document against, none of them kept in this repository: they
 * come from Maven Central with the test's dependencies. Kubernetes' own types and the Prometheus
 * Operator's from fabric8's {@code kubernetes-model-validator} (Kubernetes' OpenAPI), Strimzi's
 * CRDs from {@code io.strimzi:api} of the Strimzi version docs/deploy.md installs.
 */
final class ClusterSchemas {

  /** The Strimzi version whose CRDs are checked (the pom's): the one docs/deploy.md installs. */
  static final String STRIMZI = System.getProperty("lanyard.strimzi.version", "unknown");

  private static final String KUBERNETES = "/openshift-generated.json";
  private static final List<String> STRIMZI_CRDS =
      List.of(
          "crds/v1/040-Crd-kafka.yaml",
          "crds/v1/045-Crd-kafkanodepool.yaml",
          "crds/v1/043-Crd-kafkatopic.yaml",
          "crds/v1/044-Crd-kafkauser.yaml");

  /** apiVersion's group/version → the package of its types in Kubernetes' OpenAPI. */
  private static final Map<String, String> PACKAGES =
      Map.of(
          "v1", "io.k8s.api.core.v1",
          "apps/v1", "io.k8s.api.apps.v1",
          "networking.k8s.io/v1", "io.k8s.api.networking.v1",
          "policy/v1", "io.k8s.api.policy.v1",
          "autoscaling/v2", "io.k8s.api.autoscaling.v2",
          "monitoring.coreos.com/v1", "com.coreos.monitoring.v1");

  private static final JsonSchemaFactory FACTORY =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);

  private static ClusterSchemas loaded;

  private final ObjectNode definitions;
  private final Map<String, JsonNode> crds = new ConcurrentHashMap<>();
  private final Map<String, JsonSchema> compiled = new ConcurrentHashMap<>();

  private ClusterSchemas(ObjectNode definitions) {
    this.definitions = definitions;
  }

  static synchronized ClusterSchemas load() {
    if (loaded == null) {
      loaded = new ClusterSchemas(kubernetesDefinitions());
      STRIMZI_CRDS.forEach(loaded::addCrd);
    }
    return loaded;
  }

  /** What the schema of the document's kind does not allow; empty when a cluster accepts it. */
  List<String> problems(JsonNode document) {
    String apiVersion = document.path("apiVersion").asText();
    String kind = document.path("kind").asText();
    Optional<JsonSchema> schema = schema(apiVersion, kind);
    if (schema.isEmpty()) {
      return List.of("no schema known for " + apiVersion + " " + kind);
    }
    return schema.get().validate(document).stream()
        .map(ValidationMessage::getMessage)
        .sorted()
        .toList();
  }

  /** Whether a schema of this group's kinds is known here (else another checker has it). */
  boolean knows(String apiVersion, String kind) {
    return schema(apiVersion, kind).isPresent();
  }

  private Optional<JsonSchema> schema(String apiVersion, String kind) {
    String key = apiVersion + " " + kind;
    JsonSchema schema = compiled.get(key);
    if (schema != null) {
      return Optional.of(schema);
    }
    JsonNode crd = crds.get(key);
    if (crd != null) {
      schema = FACTORY.getSchema(crd);
    } else {
      String typePackage = PACKAGES.get(apiVersion);
      if (typePackage == null || !definitions.has(typePackage + "." + kind)) {
        return Optional.empty();
      }
      ObjectNode root = new ObjectMapper().createObjectNode();
      root.put("$ref", "#/definitions/" + typePackage + "." + kind);
      root.set("definitions", definitions);
      schema = FACTORY.getSchema(root);
    }
    compiled.put(key, schema);
    return Optional.of(schema);
  }

  private static ObjectNode kubernetesDefinitions() {
    try (InputStream openApi = ClusterSchemas.class.getResourceAsStream(KUBERNETES)) {
      if (openApi == null) {
        throw new IllegalStateException(
            KUBERNETES + " is not on the classpath: io.fabric8:kubernetes-model-validator is");
      }
      ObjectNode definitions = (ObjectNode) new ObjectMapper().readTree(openApi).get("definitions");
      OpenApiSchemas.strict(definitions);
      OpenApiSchemas.quantity(
          (ObjectNode) definitions.get("io.k8s.apimachinery.pkg.api.resource.Quantity"));
      return definitions;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void addCrd(String resource) {
    try (InputStream yaml = ClusterSchemas.class.getClassLoader().getResourceAsStream(resource)) {
      if (yaml == null) {
        throw new IllegalStateException(
            resource + " is not on the classpath: io.strimzi:api:" + STRIMZI + ":tests is");
      }
      JsonNode crd = new YAMLMapper().readTree(yaml);
      String group = crd.at("/spec/group").asText();
      String kind = crd.at("/spec/names/kind").asText();
      for (JsonNode version : crd.at("/spec/versions")) {
        if (version.path("served").asBoolean()) {
          JsonNode schema = version.at("/schema/openAPIV3Schema").deepCopy();
          crds.put(
              group + "/" + version.path("name").asText() + " " + kind,
              OpenApiSchemas.strict(schema));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
