package io.lanyard.eventstore.kafka;

import static io.lanyard.contracts.CloudEventAttributes.CONTENT_TYPE;
import static io.lanyard.contracts.CloudEventAttributes.ID;
import static io.lanyard.contracts.CloudEventAttributes.SOURCE;
import static io.lanyard.contracts.CloudEventAttributes.SPEC_VERSION;
import static io.lanyard.contracts.CloudEventAttributes.STREAM_VERSION;
import static io.lanyard.contracts.CloudEventAttributes.SUBJECT;
import static io.lanyard.contracts.CloudEventAttributes.TENANT_ID;
import static io.lanyard.contracts.CloudEventAttributes.TIME;
import static io.lanyard.contracts.CloudEventAttributes.TRACE_PARENT;
import static io.lanyard.contracts.CloudEventAttributes.TYPE;

import io.lanyard.contracts.EventEnvelope;
import io.lanyard.contracts.EventType;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
    return toRecord(topic, event, null);
  }

  /**
   * @param traceParent the publishing span's W3C traceparent, sent as the CloudEvents {@code
   *     traceparent} extension; null for none
   */
  public static ProducerRecord<String, byte[]> toRecord(
      String topic, EventEnvelope event, String traceParent) {
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
    if (traceParent != null) {
      put(headers, TRACE_PARENT, traceParent);
    }
    return new ProducerRecord<>(topic, null, event.subject(), event.data(), headers);
  }

  /** The attributes an event is read from, in the order {@link #fromRecord} takes them. */
  private static final List<String> READ =
      List.of(SPEC_VERSION, ID, SOURCE, TYPE, SUBJECT, TIME, TENANT_ID, STREAM_VERSION);

  /** Reads an event back; anything missing or malformed is a {@link MalformedEventException}. */
  public static EventEnvelope fromRecord(ConsumerRecord<String, byte[]> record) {
    // One pass over the headers (the last of a name counts), not a search per attribute: the
    // login model reads millions of records as it starts.
    String[] values = new String[READ.size()];
    for (Header header : record.headers()) {
      int attribute = READ.indexOf(header.key());
      if (attribute >= 0) {
        values[attribute] =
            header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
      }
    }
    try {
      String specVersion = required(values, 0);
      if (!EventEnvelope.SPEC_VERSION.equals(specVersion)) {
        throw new MalformedEventException("unsupported CloudEvents specversion " + specVersion);
      }
      if (record.value() == null) {
        throw new MalformedEventException("no data");
      }
      return new EventEnvelope(
          UUID.fromString(required(values, 1)),
          required(values, 2),
          EventType.parse(required(values, 3)),
          required(values, 4),
          EventTimes.parse(required(values, 5)),
          required(values, 6),
          Long.parseLong(required(values, 7)),
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

  private static String required(String[] values, int attribute) {
    String value = values[attribute];
    if (value == null) {
      throw new MalformedEventException("header " + READ.get(attribute) + " missing");
    }
    return value;
  }
}
