package io.lanyard.eventstore.kafka;

import static io.lanyard.contracts.CloudEventAttributes.CONTENT_TYPE;
import static io.lanyard.contracts.CloudEventAttributes.ID;
import static io.lanyard.contracts.CloudEventAttributes.SOURCE;
import static io.lanyard.contracts.CloudEventAttributes.SPEC_VERSION;
import static io.lanyard.contracts.CloudEventAttributes.STREAM_VERSION;
import static io.lanyard.contracts.CloudEventAttributes.SUBJECT;
import static io.lanyard.contracts.CloudEventAttributes.TENANT_ID;
import static io.lanyard.contracts.CloudEventAttributes.TIME;
import static io.lanyard.contracts.CloudEventAttributes.TYPE;

import io.lanyard.contracts.EventEnvelope;
import io.lanyard.contracts.EventType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Events on Kafka in the CloudEvents Kafka binding, binary mode: attributes in {@code ce_*}
 * headers, JSON data as the value, the subject (aggregate id) as the key.
 */
public final class CloudEventRecords {

  private CloudEventRecords() {}

  public static ProducerRecord<String, byte[]> toRecord(String topic, EventEnvelope event) {
    Headers headers = new RecordHeaders();
    put(headers, SPEC_VERSION, EventEnvelope.SPEC_VERSION);
    put(headers, ID, event.id().toString());
    put(headers, SOURCE, event.source());
    put(headers, TYPE, event.type().toString());
    put(headers, SUBJECT, event.subject());
    put(headers, TIME, event.time().toString());
    put(headers, TENANT_ID, event.tenantId());
    put(headers, STREAM_VERSION, Long.toString(event.streamVersion()));
    put(headers, CONTENT_TYPE, EventEnvelope.DATA_CONTENT_TYPE);
    return new ProducerRecord<>(topic, null, event.subject(), event.data(), headers);
  }

  /** Reads an event back; anything missing or malformed is a {@link MalformedEventException}. */
  public static EventEnvelope fromRecord(ConsumerRecord<String, byte[]> record) {
    Headers headers = record.headers();
    try {
      String specVersion = get(headers, SPEC_VERSION);
      if (!EventEnvelope.SPEC_VERSION.equals(specVersion)) {
        throw new MalformedEventException("unsupported CloudEvents specversion " + specVersion);
      }
      if (record.value() == null) {
        throw new MalformedEventException("no data");
      }
      return new EventEnvelope(
          UUID.fromString(get(headers, ID)),
          get(headers, SOURCE),
          EventType.parse(get(headers, TYPE)),
          get(headers, SUBJECT),
          Instant.parse(get(headers, TIME)),
          get(headers, TENANT_ID),
          Long.parseLong(get(headers, STREAM_VERSION)),
          record.value());
    } catch (MalformedEventException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new MalformedEventException("not a Lanyard CloudEvent: " + e.getMessage(), e);
    }
  }

  private static void put(Headers headers, String name, String value) {
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }

  private static String get(Headers headers, String name) {
    Header header = headers.lastHeader(name);
    if (header == null || header.value() == null) {
      throw new MalformedEventException("header " + name + " missing");
    }
    return new String(header.value(), StandardCharsets.UTF_8);
  }
}
