package io.lanyard.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EventTypeTest {

  @Test
  void formatsAndParsesTheVersionedTypeString() {
    EventType type = EventType.of("credential", "AccessCodeChanged", 1);
    assertEquals("io.lanyard.credential.AccessCodeChanged.v1", type.toString());
    assertEquals(type, EventType.parse("io.lanyard.credential.AccessCodeChanged.v1"));
    assertEquals("AccessCodeChanged", type.simpleName());
    assertEquals("io.lanyard.credential.AccessCodeChanged.v2", type.next().toString());
  }

  @Test
  void refusesWhatIsNotAVersionedLanyardType() {
    for (String bad :
        new String[] {
          "io.lanyard.credential.AccessCodeChanged",
          "io.lanyard.credential.AccessCodeChanged.v0",
          "com.example.UserCreated.v1",
          "io.lanyard.Credential.accessCodeChanged.v1",
          "io.lanyard.credential.AccessCodeChanged.V1",
          ""
        }) {
      assertThrows(IllegalArgumentException.class, () -> EventType.parse(bad), bad);
    }
    assertThrows(IllegalArgumentException.class, () -> EventType.parse(null));
  }

  @Test
  void theRegistryKnowsEachTypeOnceWithItsTopicAndSchema() {
    EventType created = EventType.of("identity", "UserCreated", 1);
    EventTypeRegistry registry = new EventTypeRegistry().register(created, Topics.IDENTITY);
    assertTrue(registry.contains(created));
    assertFalse(registry.contains(created.next()));
    assertEquals(Topics.IDENTITY, registry.find(created).orElseThrow().topic());
    assertEquals(
        "/schemas/io.lanyard.identity.UserCreated.v1.json",
        registry.find(created).orElseThrow().schema());
    assertThrows(IllegalArgumentException.class, () -> registry.register(created, Topics.IDENTITY));
    assertThrows(
        IllegalArgumentException.class,
        () -> registry.register(created.next(), "some.other.topic"));
  }
}
