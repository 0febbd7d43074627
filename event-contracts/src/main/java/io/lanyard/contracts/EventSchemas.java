package io.lanyard.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks an event's data against its type's JSON Schema, formats included. The build turns the
 * check on for every event a service encodes in its tests and every event a test publishes in
 * another service's place ({@link #CHECK_PROPERTY}); in production it is off, so the write path
 * pays nothing.
 */
public final class EventSchemas {

  /** The system property that makes encoders refuse an event its schema does not allow. */
  public static final String CHECK_PROPERTY = "event-contracts.check-schemas";

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final JsonSchemaFactory FACTORY =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

  private static final SchemaValidatorsConfig CONFIG =
      SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

  private static final Map<EventType, JsonSchema> LOADED = new ConcurrentHashMap<>();

  private EventSchemas() {}

  /** Whether this JVM checks what it encodes ({@link #CHECK_PROPERTY}). */
  public static boolean checking() {
    return Boolean.getBoolean(CHECK_PROPERTY);
  }

  /**
   * What the schema of {@code type} does not allow in {@code json}: empty when it conforms.
   *
   * @throws IllegalArgumentException when the type is not registered
   */
  public static List<String> problems(EventType type, String json) {
    JsonNode data;
    try {
      data = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      return List.of("not JSON: " + e.getOriginalMessage());
    }
    return LOADED.computeIfAbsent(type, EventSchemas::load).validate(data).stream()
        .map(ValidationMessage::getMessage)
        .sorted()
        .toList();
  }

  /** Throws when {@code json} is not what the schema of {@code type} allows. */
  public static void requireValid(EventType type, String json) {
    List<String> problems = problems(type, json);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          type + " does not match its JSON Schema: " + String.join("; ", problems));
    }
  }

  private static JsonSchema load(EventType type) {
    EventTypeRegistry.Registration registration =
        LanyardEvents.registry()
            .find(type)
            .orElseThrow(
                () -> new IllegalArgumentException("not a registered event type: " + type));
    try (InputStream schema = EventSchemas.class.getResourceAsStream(registration.schema())) {
      if (schema == null) {
        throw new IllegalStateException("no schema at " + registration.schema());
      }
      return FACTORY.getSchema(JSON.readTree(schema), CONFIG);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
