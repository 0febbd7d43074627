package io.lanyard.contracts;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EventSchemasTest {

  @Test
  void everyRegisteredEventTypeHasItsJsonSchemaNamedAfterIt() throws IOException {
    for (EventTypeRegistry.Registration registration : LanyardEvents.registry().all()) {
      try (InputStream schema = EventSchemasTest.class.getResourceAsStream(registration.schema())) {
        assertNotNull(schema, "no schema for " + registration.type());
        String text = new String(schema.readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(
            text.contains(
                "\"$id\": \"https://lanyard.io/schemas/" + registration.type() + ".json\""),
            registration.type() + " schema names another type");
      }
    }
  }

  @Test
  void theAsyncApiCatalogueDescribesEveryRegisteredEventType() throws IOException {
    String catalogue = Files.readString(Path.of("../docs/asyncapi.yaml"));
    for (EventTypeRegistry.Registration registration : LanyardEvents.registry().all()) {
      assertTrue(
          catalogue.contains("name: " + registration.type() + "\n"),
          "docs/asyncapi.yaml does not describe " + registration.type());
      assertTrue(
          catalogue.contains("address: " + registration.topic() + "\n"),
          "docs/asyncapi.yaml has no channel " + registration.topic());
    }
  }
}
