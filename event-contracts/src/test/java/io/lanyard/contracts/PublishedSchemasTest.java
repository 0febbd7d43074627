package io.lanyard.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A schema, once published, is a promise to every consumer and to every stored event: the build
 * keeps a copy of each published version ({@code src/test/resources/published/}) and lets a schema
 * change only in ways both old events and old consumers survive — its descriptions, and new
 * optional properties. Anything else (a new required field, a removed or retyped one, a changed
 * coded value) is a new version, {@code .v2}, published beside the old one with an upcaster from
 * it.
 */
class PublishedSchemasTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Set<String> ANNOTATIONS = Set.of("description", "title", "examples");

  @Test
  void everyRegisteredSchemaIsPublished() throws IOException {
    for (EventTypeRegistry.Registration registration : LanyardEvents.registry().all()) {
      assertTrue(
          published(registration.type()) != null,
          registration.type()
              + " is not published: copy its schema to event-contracts/src/test/resources/published/");
    }
  }

  @Test
  void noPublishedSchemaChangedIncompatibly() throws IOException {
    List<String> broken = new ArrayList<>();
    for (EventTypeRegistry.Registration registration : LanyardEvents.registry().all()) {
      JsonNode published = published(registration.type());
      JsonNode current = read(registration.schema());
      if (published != null) {
        broken.addAll(incompatibilities(registration.type(), published, current));
      }
    }
    assertEquals(List.of(), broken);
  }

  @Test
  void aNewVersionFollowsAPublishedOne() throws IOException {
    for (EventTypeRegistry.Registration registration : LanyardEvents.registry().all()) {
      EventType type = registration.type();
      if (type.version() > 1) {
        EventType previous = new EventType(type.name(), type.version() - 1);
        assertTrue(
            LanyardEvents.registry().contains(previous) && published(previous) != null,
            type + " has no published predecessor to upcast from");
      }
    }
  }

  @Test
  void theCheckFindsWhatWouldBreakAConsumer() throws IOException {
    JsonNode published = published(CredentialEvents.ACCESS_CODE_CHANGED);
    ObjectNode newRequired = published.deepCopy();
    ((ObjectNode) newRequired.get("properties")).putObject("expiresAt").put("type", "string");
    newRequired.withArray("required").add("expiresAt");
    ObjectNode newOptional = published.deepCopy();
    ((ObjectNode) newOptional.get("properties")).putObject("expiresAt").put("type", "string");
    ObjectNode reworded = published.deepCopy();
    reworded.put("description", "said otherwise");
    ObjectNode fewerReasons = published.deepCopy();
    ((ObjectNode) fewerReasons.at("/properties/reason")).withArray("enum").remove(0);

    EventType type = CredentialEvents.ACCESS_CODE_CHANGED;
    assertEquals(1, incompatibilities(type, published, newRequired).size());
    assertEquals(1, incompatibilities(type, published, fewerReasons).size());
    assertEquals(List.of(), incompatibilities(type, published, newOptional));
    assertEquals(List.of(), incompatibilities(type, published, reworded));
  }

  private static List<String> incompatibilities(
      EventType type, JsonNode published, JsonNode current) {
    JsonNode before = withoutAnnotations(published);
    JsonNode after = withoutAnnotations(current);
    if (after.path("properties") instanceof ObjectNode properties) {
      Set<String> required = new HashSet<>();
      after.path("required").forEach(name -> required.add(name.asText()));
      properties
          .properties()
          .removeIf(
              field ->
                  !before.path("properties").has(field.getKey())
                      && !required.contains(field.getKey()));
    }
    return before.equals(after)
        ? List.of()
        : List.of(
            type
                + " changed incompatibly since it was published: publish it as "
                + type.next()
                + " with an upcaster from "
                + type);
  }

  private static JsonNode withoutAnnotations(JsonNode schema) {
    JsonNode copy = schema.deepCopy();
    strip(copy, false);
    return copy;
  }

  /**
   * The keys of {@code properties} are field names, never annotations, whatever they are called.
   */
  private static void strip(JsonNode node, boolean namesFields) {
    if (node instanceof ObjectNode object) {
      for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!namesFields && ANNOTATIONS.contains(name)) {
          names.remove();
        }
      }
      object
          .properties()
          .forEach(
              field ->
                  strip(field.getValue(), field.getKey().equals("properties") && !namesFields));
    } else {
      node.forEach(element -> strip(element, false));
    }
  }

  private static JsonNode published(EventType type) throws IOException {
    return read("/published/" + type + ".json");
  }

  private static JsonNode read(String resource) throws IOException {
    try (InputStream in = PublishedSchemasTest.class.getResourceAsStream(resource)) {
      return in == null ? null : JSON.readTree(in);
    }
  }
}
