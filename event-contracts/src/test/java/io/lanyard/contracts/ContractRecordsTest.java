package io.lanyard.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lanyard.contracts.credential.AccessCodeChangedV1;
import io.lanyard.contracts.credential.CredentialJobQueuedV1;
import io.lanyard.contracts.identity.UserSuspendedV1;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Each registered event type has its public record, {@code
 * io.lanyard.contracts.<domain>.<Event>V<n>}, and record and schema say the same: the same
 * properties, the same JSON types and formats, the same coded values. So a consumer reading the
 * record reads what the schema promises.
 */
class ContractRecordsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyTypeHasARecordThatSaysWhatItsSchemaSays() throws Exception {
    List<String> differences = new ArrayList<>();
    for (EventTypeRegistry.Registration registration : LanyardEvents.registry().all()) {
      Class<?> record = recordOf(registration.type());
      assertEquals(registration.type(), record.getField("TYPE").get(null), record.getName());
      differences.addAll(compare(record.getSimpleName(), record, schema(registration)));
    }
    assertEquals(List.of(), differences);
  }

  @Test
  void theComparisonSeesAMissingPropertyAndAMissingCodedValue() throws IOException {
    JsonNode schema = schema(LanyardEvents.registry().find(CredentialEvents.CARD_REGISTERED).get());
    record Smaller(UUID userId, String tenantId) {}
    enum Source {
      ADMIN
    }
    record WrongSource(Source source) {}
    assertEquals(
        List.of(
            "Smaller has [tenantId, userId], its schema [cardCiphertext, cardHash, cardId, label,"
                + " maskedNumber, registeredBy, source, tenantId, userId]"),
        compare("Smaller", Smaller.class, schema));
    assertTrue(
        compare("WrongSource", WrongSource.class, schema).stream()
            .anyMatch(difference -> difference.contains("coded values")));
  }

  @Test
  void codedValuesTravelAsTheSchemaSpellsThem() {
    assertEquals(
        "regenerated_after_source_removal",
        WireValues.of(
            io.lanyard.contracts.credential.AccessCodeChangedV1.Reason
                .REGENERATED_AFTER_SOURCE_REMOVAL));
    assertEquals(
        io.lanyard.contracts.identity.UserCreatedV1.Origin.SCIM,
        WireValues.parse(io.lanyard.contracts.identity.UserCreatedV1.Origin.class, "scim"));
  }

  @Test
  void anOptionalPropertyLeftNullIsNotWrittenSoOldEventsKeepTheirForm() {
    UUID user = UUID.fromString("0b7d2a4e-8f7b-4c3e-9a51-0d4f2b1c6e11");
    assertEquals(
        "{\"userId\":\"" + user + "\",\"tenantId\":\"acme\"}",
        EventJson.write(new UserSuspendedV1(user, "acme", null)));

    CredentialJobQueuedV1 queued =
        new CredentialJobQueuedV1(
            user,
            "acme",
            CredentialJobQueuedV1.Kind.REGENERATE_CODES,
            true,
            new CredentialJobQueuedV1.Selection(
                null, "/Sales", CredentialJobQueuedV1.Status.ACTIVE, null, null),
            3,
            "admin");
    String json = EventJson.write(queued);
    assertTrue(json.contains("\"selection\":{\"orgUnit\":\"/Sales\",\"status\":\"active\"}"), json);
    assertEquals(List.of(), EventSchemas.problems(CredentialJobQueuedV1.TYPE, json));
    assertEquals(queued, EventJson.read(json, CredentialJobQueuedV1.class));
  }

  @Test
  void anOptionalPropertyThatIsSetTravelsAsItsSchemaSays() {
    AccessCodeChangedV1 changed =
        new AccessCodeChangedV1(
            UUID.fromString("0b7d2a4e-8f7b-4c3e-9a51-0d4f2b1c6e11"),
            "acme",
            "k1:abc",
            "k1:def",
            AccessCodeChangedV1.Reason.GENERATED,
            false,
            "system",
            Instant.parse("2027-01-01T00:00:00Z"),
            Instant.parse("2027-04-01T00:00:00Z"),
            AccessCodeChangedV1.Cause.ROTATION);
    String json = EventJson.write(changed);
    assertTrue(json.contains("\"expiresAt\":\"2027-04-01T00:00:00Z\""), json);
    assertTrue(json.contains("\"cause\":\"rotation\""), json);
    assertEquals(List.of(), EventSchemas.problems(AccessCodeChangedV1.TYPE, json));
    assertEquals(changed, EventJson.read(json, AccessCodeChangedV1.class));
  }

  private static Class<?> recordOf(EventType type) throws ClassNotFoundException {
    String domain = type.name().split("\\.")[2];
    return Class.forName(
        "io.lanyard.contracts." + domain + "." + type.simpleName() + "V" + type.version());
  }

  private static List<String> compare(String where, Class<?> record, JsonNode schema) {
    List<String> differences = new ArrayList<>();
    Set<String> properties = new TreeSet<>();
    schema.path("properties").fieldNames().forEachRemaining(properties::add);
    Set<String> components = new TreeSet<>();
    Arrays.stream(record.getRecordComponents())
        .map(ContractRecordsTest::wireName)
        .forEach(components::add);
    if (!properties.equals(components)) {
      differences.add(where + " has " + components + ", its schema " + properties);
    }
    for (RecordComponent component : record.getRecordComponents()) {
      JsonNode property = schema.path("properties").path(wireName(component));
      if (!property.isMissingNode()) {
        differences.addAll(
            compareValue(where + "." + wireName(component), component.getGenericType(), property));
      }
    }
    return differences;
  }

  /** A component named otherwise in Java (e.g. after a method of Object) says its JSON name. */
  private static String wireName(RecordComponent component) {
    JsonProperty renamed = component.getAccessor().getAnnotation(JsonProperty.class);
    return renamed == null || renamed.value().isEmpty() ? component.getName() : renamed.value();
  }

  private static List<String> compareValue(String where, Type type, JsonNode property) {
    Class<?> raw =
        type instanceof ParameterizedType generic
            ? (Class<?>) generic.getRawType()
            : (Class<?>) type;
    if (property.has("enum")) {
      Set<String> schemaValues = new TreeSet<>();
      property.get("enum").forEach(value -> schemaValues.add(value.asText()));
      Set<String> recordValues = new TreeSet<>();
      if (raw.isEnum()) {
        for (Object constant : raw.getEnumConstants()) {
          recordValues.add(WireValues.of((Enum<?>) constant));
        }
      }
      return schemaValues.equals(recordValues)
          ? List.of()
          : List.of(where + " has coded values " + recordValues + ", its schema " + schemaValues);
    }
    String expected = javaTypeFor(property);
    if (expected.equals("array") && List.class.equals(raw)) {
      return compareValue(
          where + "[]",
          ((ParameterizedType) type).getActualTypeArguments()[0],
          property.get("items"));
    }
    if (expected.equals("object") && raw.isRecord()) {
      return compare(where, raw, property);
    }
    String actual = jsonTypeOf(raw);
    return expected.equals(actual)
        ? List.of()
        : List.of(where + " is " + actual + " in the record, " + expected + " in its schema");
  }

  private static String javaTypeFor(JsonNode property) {
    JsonNode type = property.path("type");
    String json = type.isArray() ? type.get(0).asText() : type.asText();
    String format = property.path("format").asText();
    return switch (json + "/" + format) {
      case "string/uuid" -> "uuid";
      case "string/date-time" -> "date-time";
      default -> json;
    };
  }

  private static String jsonTypeOf(Class<?> raw) {
    if (raw.equals(UUID.class)) {
      return "uuid";
    }
    if (raw.equals(Instant.class)) {
      return "date-time";
    }
    if (raw.equals(String.class)) {
      return "string";
    }
    if (raw.equals(int.class) || raw.equals(Integer.class) || raw.equals(long.class)) {
      return "integer";
    }
    if (raw.equals(boolean.class) || raw.equals(Boolean.class)) {
      return "boolean";
    }
    if (List.class.isAssignableFrom(raw)) {
      return "array";
    }
    if (Map.class.isAssignableFrom(raw) || raw.isRecord()) {
      return "object";
    }
    return raw.getSimpleName();
  }

  private static JsonNode schema(EventTypeRegistry.Registration registration) throws IOException {
    try (InputStream in = ContractRecordsTest.class.getResourceAsStream(registration.schema())) {
      return JSON.readTree(in);
    }
  }
}
