package io.lanyard.eventstore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lanyard.contracts.EventEnvelope;
import io.lanyard.contracts.EventType;
import io.lanyard.eventstore.kafka.CloudEventRecords;
import io.lanyard.eventstore.kafka.MalformedEventException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class CloudEventRecordsTest {

  static ConsumerRecord<String, byte[]> received(ProducerRecord<String, byte[]> sent) {
    return new ConsumerRecord<>(
        sent.topic(),
        0,
        0L,
        0L,
        TimestampType.CREATE_TIME,
        0,
        0,
        sent.key(),
        sent.value(),
        sent.headers(),
        java.util.Optional.empty());
  }

  @Test
  void anEventSurvivesTheTripThroughKafkaHeaders() {
    EventEnvelope event =
        new EventEnvelope(
            UUID.randomUUID(),
            "identity-service",
            EventType.of("identity", "UserCreated", 1),
            "user-1",
            Instant.parse("2026-11-27T10:15:30.123Z"),
            "acme",
            7,
            "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
    ProducerRecord<String, byte[]> record = CloudEventRecords.toRecord("topic", event);
    assertEquals("user-1", record.key());
    EventEnvelope back = CloudEventRecords.fromRecord(received(record));
    assertEquals(event.id(), back.id());
    assertEquals(event.type(), back.type());
    assertEquals(event.time(), back.time());
    assertEquals(event.tenantId(), back.tenantId());
    assertEquals(7, back.streamVersion());
    assertArrayEquals(event.data(), back.data());
  }

  @Test
  void aRecordWithoutCloudEventHeadersIsMalformed() {
    ProducerRecord<String, byte[]> bare =
        new ProducerRecord<>("topic", null, "k", "{}".getBytes(), new RecordHeaders());
    assertThrows(MalformedEventException.class, () -> CloudEventRecords.fromRecord(received(bare)));
  }
}
