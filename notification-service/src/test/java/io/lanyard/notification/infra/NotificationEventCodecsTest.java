package io.lanyard.notification.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanyard.contracts.EventSchemas;
import io.lanyard.contracts.EventType;
import io.lanyard.contracts.WireValues;
import io.lanyard.contracts.notification.NotificationFailedV1;
import io.lanyard.contracts.notification.NotificationFailedV2;
import io.lanyard.contracts.notification.NotificationSentV1;
import io.lanyard.contracts.notification.NotificationSentV2;
import io.lanyard.eventstore.NewEvent;
import io.lanyard.eventstore.StoredEvent;
import io.lanyard.eventstore.Upcasters;
import io.lanyard.notification.domain.DeliveryEvent;
import io.lanyard.notification.domain.MailKind;
import io.lanyard.notification.domain.SettingsChanged;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The events keep the JSON they were published with, and read back as they were written. */
class NotificationEventCodecsTest {

  private static final UUID MAIL = UUID.fromString("0b0f8a46-95a8-4a57-8d59-46fb5e1e1f31");
  private static final UUID USER = UUID.fromString("5d3c2b1a-0f9e-4d8c-b7a6-958473625140");

  @Test
  void everyMailKindTravelsAsItsWireName() {
    for (MailKind kind : MailKind.values()) {
      DeliveryEvent sent = new DeliveryEvent.NotificationSent(MAIL, "acme", USER, kind, 1);
      NewEvent encoded = NotificationEventCodecs.DELIVERIES.encode(sent);
      assertEquals(NotificationSentV2.TYPE, encoded.type());
      assertEquals(
          "{\"notificationId\":\"%s\",\"tenantId\":\"acme\",\"userId\":\"%s\",\"kind\":\"%s\",\"attempts\":1}"
              .formatted(MAIL, USER, kind.wire()),
          encoded.json());
      assertEquals(sent, NotificationEventCodecs.DELIVERIES.decode(encoded.type(), encoded.json()));

      DeliveryEvent failed =
          new DeliveryEvent.NotificationFailed(MAIL, "acme", USER, kind, 12, "SMTP: refused");
      NewEvent failure = NotificationEventCodecs.DELIVERIES.encode(failed);
      assertEquals(NotificationFailedV2.TYPE, failure.type());
      assertTrue(failure.json().contains("\"kind\":\"" + kind.wire() + "\""), failure.json());
      assertEquals(
          failed, NotificationEventCodecs.DELIVERIES.decode(failure.type(), failure.json()));
    }
  }

  @Test
  void storedV1EventsReadAsV2WithTheirKind() {
    Upcasters upcasters =
        new Upcasters(List.of(new DeliveryUpcasters.SentV1(), new DeliveryUpcasters.FailedV1()));
    String sentV1 =
        "{\"notificationId\":\"%s\",\"tenantId\":\"acme\",\"userId\":\"%s\",\"kind\":\"reminder\",\"attempts\":2}"
            .formatted(MAIL, USER);
    String failedV1 =
        "{\"notificationId\":\"%s\",\"tenantId\":\"acme\",\"userId\":\"%s\",\"kind\":\"code_changed\",\"attempts\":12,\"reason\":\"SMTP: refused\"}"
            .formatted(MAIL, USER);
    // What v1 allowed is what the service stored: the fixtures must be valid v1 data.
    assertEquals(List.of(), EventSchemas.problems(NotificationSentV1.TYPE, sentV1));
    assertEquals(List.of(), EventSchemas.problems(NotificationFailedV1.TYPE, failedV1));

    StoredEvent sent = upcasters.upcast(stored(NotificationSentV1.TYPE, sentV1));
    assertEquals(NotificationSentV2.TYPE, sent.type());
    assertEquals(List.of(), EventSchemas.problems(sent.type(), sent.json()));
    assertEquals(
        new DeliveryEvent.NotificationSent(MAIL, "acme", USER, MailKind.REMINDER, 2),
        NotificationEventCodecs.DELIVERIES.decode(sent));

    StoredEvent failed = upcasters.upcast(stored(NotificationFailedV1.TYPE, failedV1));
    assertEquals(NotificationFailedV2.TYPE, failed.type());
    assertEquals(List.of(), EventSchemas.problems(failed.type(), failed.json()));
    assertEquals(
        new DeliveryEvent.NotificationFailed(
            MAIL, "acme", USER, MailKind.CODE_CHANGED, 12, "SMTP: refused"),
        NotificationEventCodecs.DELIVERIES.decode(failed));
  }

  @Test
  void everyV1KindIsAV2KindOfTheSameName() {
    // The upcasters copy the data unchanged: sound only while v2 keeps every v1 kind.
    for (NotificationSentV1.Kind kind : NotificationSentV1.Kind.values()) {
      assertEquals(
          WireValues.of(kind),
          WireValues.of(WireValues.parse(NotificationSentV2.Kind.class, WireValues.of(kind))));
    }
    for (NotificationFailedV1.Kind kind : NotificationFailedV1.Kind.values()) {
      assertEquals(
          WireValues.of(kind),
          WireValues.of(WireValues.parse(NotificationFailedV2.Kind.class, WireValues.of(kind))));
    }
  }

  @Test
  void aFailedEmailKeepsItsReason() {
    DeliveryEvent failed =
        new DeliveryEvent.NotificationFailed(
            MAIL, "acme", USER, MailKind.CODE_REGENERATED, 5, "SMTP: refused");
    NewEvent encoded = NotificationEventCodecs.DELIVERIES.encode(failed);
    assertEquals(NotificationFailedV2.TYPE, encoded.type());
    assertEquals(
        "{\"notificationId\":\"%s\",\"tenantId\":\"acme\",\"userId\":\"%s\",\"kind\":\"code_regenerated\",\"attempts\":5,\"reason\":\"SMTP: refused\"}"
            .formatted(MAIL, USER),
        encoded.json());
    assertEquals(failed, NotificationEventCodecs.DELIVERIES.decode(encoded.type(), encoded.json()));
  }

  private static StoredEvent stored(EventType type, String json) {
    return new StoredEvent(
        1, MAIL.toString(), 1, UUID.randomUUID(), type, "acme", Instant.EPOCH, json);
  }

  @Test
  void settingsReadBackAsTheyWereChanged() {
    SettingsChanged changed =
        new SettingsChanged(
            "acme", "Acme IT", false, "https://print.acme.example", Map.of("reminder", "Hi"), "x");
    NewEvent encoded = NotificationEventCodecs.SETTINGS.encode(changed);
    assertEquals(changed, NotificationEventCodecs.SETTINGS.decode(encoded.type(), encoded.json()));
  }
}
