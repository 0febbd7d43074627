package io.lanyard.contracts;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
}
