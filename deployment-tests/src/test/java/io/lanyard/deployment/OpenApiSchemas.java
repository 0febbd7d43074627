package io.lanyard.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes' OpenAPI schemas as JSON Schema (draft 4) a validator applies as the API server does:
 * an int-or-string is either, a quantity a string or a number, a nullable value may be null, and an
 * object with named properties takes no others (the API server's strict field validation, what
 * {@code kubectl apply} asks for) unless it says it keeps unknown fields.
 */
final class OpenApiSchemas {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private OpenApiSchemas() {}

  /** The schema rewritten in place; answers it. */
  static JsonNode strict(JsonNode schema) {
    if (schema instanceof ObjectNode object) {
      rewrite(object);
      for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
        strict(fields.next().getValue());
      }
    } else if (schema instanceof ArrayNode array) {
      array.forEach(OpenApiSchemas::strict);
    }
    return schema;
  }

  private static void rewrite(ObjectNode schema) {
    if ("int-or-string".equals(schema.path("format").asText())
        || schema.path("x-kubernetes-int-or-string").asBoolean()) {
      replaceWithEither(schema, "integer", "string");
      return;
    }
    if (schema.path("nullable").asBoolean() && schema.has("type")) {
      ArrayNode types = NODES.arrayNode().add(schema.get("type")).add("null");
      schema.set("type", types);
    }
    boolean keepsUnknown = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean();
    if (schema.has("properties") && !schema.has("additionalProperties") && !keepsUnknown) {
      schema.put("additionalProperties", false);
    }
  }

  /** A Quantity ({@code 250m}, {@code 1Gi}, {@code 2}): a string or a number. */
  static void quantity(ObjectNode schema) {
    replaceWithEither(schema, "number", "string");
  }

  private static void replaceWithEither(ObjectNode schema, String one, String other) {
    List<String> keep = new ArrayList<>();
    schema.fieldNames().forEachRemaining(keep::add);
    keep.forEach(schema::remove);
    schema.set(
        "anyOf",
        NODES
            .arrayNode()
            .add(NODES.objectNode().put("type", one))
            .add(NODES.objectNode().put("type", other)));
  }
}
