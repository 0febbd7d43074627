package io.lanyard.notification.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lanyard.contracts.notification.NotificationFailedV1;
import io.lanyard.contracts.notification.NotificationSentV1;
import io.lanyard.eventstore.NewEvent;
import io.lanyard.notification.domain.DeliveryEvent;
import io.lanyard.notification.domain.MailKind;
import io.lanyard.notification.domain.SettingsChanged;
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
      assertEquals(NotificationSentV1.TYPE, encoded.type());
      assertEquals(
          "{\"notificationId\":\"%s\",\"tenantId\":\"acme\",\"userId\":\"%s\",\"kind\":\"%s\",\"attempts\":1}"
              .formatted(MAIL, USER, kind.wire()),
          encoded.json());
      assertEquals(sent, NotificationEventCodecs.DELIVERIES.decode(encoded.type(), encoded.json()));
    }
  }

  @Test
  void aFailedEmailKeepsItsReason() {
    DeliveryEvent failed =
        new DeliveryEvent.NotificationFailed(
            MAIL, "acme", USER, MailKind.CODE_REGENERATED, 5, "SMTP: refused");
    NewEvent encoded = NotificationEventCodecs.DELIVERIES.encode(failed);
    assertEquals(NotificationFailedV1.TYPE, encoded.type());
    assertEquals(
        "{\"notificationId\":\"%s\",\"tenantId\":\"acme\",\"userId\":\"%s\",\"kind\":\"code_regenerated\",\"attempts\":5,\"reason\":\"SMTP: refused\"}"
            .formatted(MAIL, USER),
        encoded.json());
    assertEquals(failed, NotificationEventCodecs.DELIVERIES.decode(encoded.type(), encoded.json()));
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
