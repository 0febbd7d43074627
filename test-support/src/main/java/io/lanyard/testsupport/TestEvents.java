package io.lanyard.testsupport;

import io.lanyard.contracts.EventEnvelope;
import io.lanyard.contracts.EventSchemas;
import io.lanyard.contracts.EventType;
import io.lanyard.eventstore.kafka.CloudEventRecords;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * An event as another service would publish it, for tests that play that service. Its data must be
 * what the type's JSON Schema allows, so a consumer is only ever tested against events a producer
 * may send; {@link #unchecked} is for the tests that send what no producer may.
 */
public final class TestEvents {

  private TestEvents() {}

  public static ProducerRecord<String, byte[]> record(
      String topic,
      String source,
      EventType type,
      String subject,
      String tenantId,
      long streamVersion,
      String json) {
    EventSchemas.requireValid(type, json);
    return unchecked(topic, source, type, subject, tenantId, streamVersion, json);
  }

  /** An event whose data is not checked: a broken or unknown one, to prove a consumer copes. */
  public static ProducerRecord<String, byte[]> unchecked(
      String topic,
      String source,
      EventType type,
      String subject,
      String tenantId,
      long streamVersion,
      String json) {
    return CloudEventRecords.toRecord(
        topic, envelope(source, type, subject, tenantId, streamVersion, json));
  }

  /** The event as a consumer reads it off a record, for a test that hands it over directly. */
  public static EventEnvelope envelope(
      String source,
      EventType type,
      String subject,
      String tenantId,
      long streamVersion,
      String json) {
    return new EventEnvelope(
        UUID.randomUUID(),
        source,
        type,
        subject,
        Instant.now(),
        tenantId,
        streamVersion,
        json.getBytes(StandardCharsets.UTF_8));
  }
}
