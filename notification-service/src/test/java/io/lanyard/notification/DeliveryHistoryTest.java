package io.lanyard.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lanyard.contracts.notification.NotificationFailedV1;
import io.lanyard.contracts.notification.NotificationFailedV2;
import io.lanyard.contracts.notification.NotificationSentV1;
import io.lanyard.contracts.notification.NotificationSentV2;
import io.lanyard.eventstore.EventStream;
import io.lanyard.eventstore.NewEvent;
import io.lanyard.eventstore.PgEventStore;
import io.lanyard.eventstore.StreamId;
import io.lanyard.notification.domain.DeliveryEvent;
import io.lanyard.notification.domain.MailKind;
import io.lanyard.notification.infra.NotificationEventCodecs;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The delivery events stored before {@code .v2}: the service's own event store, with the upcasters
 * it registers, hands them back as {@code .v2}, which is all its codec reads.
 */
@QuarkusTest
class DeliveryHistoryTest {

  @Inject PgEventStore store;

  @Test
  void aDeliveryStoredAsV1IsReadAsV2() {
    UUID user = UUID.randomUUID();
    UUID sent = UUID.randomUUID();
    append(
        sent,
        NewEvent.of(
            NotificationSentV1.TYPE,
            "{\"notificationId\":\"%s\",\"tenantId\":\"acme\",\"userId\":\"%s\",\"kind\":\"invitation\",\"attempts\":1}"
                .formatted(sent, user)));
    EventStream sentStream = load(sent);
    assertEquals(NotificationSentV2.TYPE, sentStream.events().get(0).type());
    assertEquals(
        List.of(new DeliveryEvent.NotificationSent(sent, "acme", user, MailKind.INVITATION, 1)),
        NotificationEventCodecs.DELIVERIES.decode(sentStream));

    UUID failed = UUID.randomUUID();
    append(
        failed,
        NewEvent.of(
            NotificationFailedV1.TYPE,
            "{\"notificationId\":\"%s\",\"tenantId\":\"acme\",\"userId\":\"%s\",\"kind\":\"code_regenerated\",\"attempts\":12,\"reason\":\"SMTP: refused\"}"
                .formatted(failed, user)));
    EventStream failedStream = load(failed);
    assertEquals(NotificationFailedV2.TYPE, failedStream.events().get(0).type());
    assertEquals(
        List.of(
            new DeliveryEvent.NotificationFailed(
                failed, "acme", user, MailKind.CODE_REGENERATED, 12, "SMTP: refused")),
        NotificationEventCodecs.DELIVERIES.decode(failedStream));
  }

  private void append(UUID mail, NewEvent event) {
    store
        .append(new StreamId("notification", mail.toString(), "acme"), 0, List.of(event))
        .await()
        .atMost(Duration.ofSeconds(10));
  }

  private EventStream load(UUID mail) {
    return store.load(mail.toString()).await().atMost(Duration.ofSeconds(10));
  }
}
