package io.lanyard.device.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lanyard.contracts.EventJson;
import io.lanyard.device.domain.DeviceEvent;
import io.lanyard.device.domain.ReminderRequest;
import io.lanyard.eventstore.JsonEventCodec;
import io.lanyard.eventstore.NewEvent;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The gateway's events through their public records: the JSON is the one the domain records were
 * stored as before the mapping (so stored events still read), valid against the schema (the test
 * JVM checks every encode), and reads back as the same domain event.
 */
class DeviceEventCodecsTest {

  static final String DEVICE = UUID.randomUUID().toString();
  static final String TOKEN_HASH = "0f".repeat(32);

  @Test
  void deviceEventsKeepTheirStoredShapeAndReadBack() {
    for (DeviceEvent event :
        List.of(
            new DeviceEvent.DeviceRegistered(DEVICE, "acme", "Lobby", null, TOKEN_HASH, "admin"),
            new DeviceEvent.DeviceRegistered(
                DEVICE, "acme", "Lobby", "2nd floor", TOKEN_HASH, "admin"),
            new DeviceEvent.DeviceTokenRotated(DEVICE, "acme", TOKEN_HASH, "admin"),
            new DeviceEvent.DeviceRevoked(DEVICE, "acme", "admin"))) {
      roundTrip(DeviceEventCodecs.DEVICES, event);
    }
  }

  @Test
  void aReminderRequestKeepsItsStoredShapeAndReadsBack() {
    for (String at : List.of("2026-11-27T10:00:00Z", "2026-11-27T10:00:00.123456789Z")) {
      roundTrip(
          DeviceEventCodecs.REMINDERS, new ReminderRequest("acme", "ada@acme.example", DEVICE, at));
    }
  }

  @Test
  void aReminderStoredAsV1ReadsAsV2WithItsAddressAsItWas() {
    com.fasterxml.jackson.databind.node.ObjectNode v1 =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .createObjectNode()
            .put("tenantId", "acme")
            .put("email", "ada@acme.example")
            .put("deviceId", DEVICE)
            .put("requestedAt", "2026-11-27T10:00:00Z");
    String v2 = new ReminderUpcasters.RequestedV1().upcast(v1).toString();
    assertEquals(
        new ReminderRequest("acme", "ada@acme.example", DEVICE, "2026-11-27T10:00:00Z"),
        DeviceEventCodecs.REMINDERS.decode(
            io.lanyard.contracts.DeviceEvents.ACCESS_CODE_REMINDER_REQUESTED_V2, v2));
  }

  private static <E> void roundTrip(JsonEventCodec<E> codec, E event) {
    NewEvent encoded = codec.encode(event);
    assertEquals(EventJson.write(event), encoded.json(), "the JSON stored before the mapping");
    assertEquals(event, codec.decode(encoded.type(), encoded.json()));
  }
}
