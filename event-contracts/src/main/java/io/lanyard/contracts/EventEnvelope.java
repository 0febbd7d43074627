package io.lanyard.contracts;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One event as it travels between services: a CloudEvents 1.0 event whose data is JSON. On Kafka it
 * is carried in binary mode (see {@link CloudEventAttributes}); the Kafka key is the subject.
 *
 * @param id unique per event; consumers may use it to recognise a redelivery
 * @param source the publishing service, e.g. {@code identity-service}
 * @param type the versioned type string, e.g. {@code io.lanyard.identity.UserCreated.v1}
 * @param subject the aggregate (stream) id the event belongs to
 * @param time when the event happened
 * @param tenantId the tenant (extension {@code tenantid})
 * @param streamVersion the event's position in its stream, from 1 (extension {@code streamversion})
 * @param data the event's JSON data, UTF-8
 */
public record EventEnvelope(
    UUID id,
    String source,
    EventType type,
    String subject,
    Instant time,
    String tenantId,
    long streamVersion,
    byte[] data) {

  public static final String SPEC_VERSION = "1.0";
  public static final String DATA_CONTENT_TYPE = "application/json";

  public EventEnvelope {
    Objects.requireNonNull(id, "id");
    requireText(source, "source");
    Objects.requireNonNull(type, "type");
    requireText(subject, "subject");
    Objects.requireNonNull(time, "time");
    requireText(tenantId, "tenantId");
    if (streamVersion < 1) {
      throw new IllegalArgumentException("streamVersion starts at 1, was " + streamVersion);
    }
    Objects.requireNonNull(data, "data");
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }

  @Override
  public String toString() {
    // Data stays out of toString: it may hold ciphertexts and hashes that logs have no use for.
    return "EventEnvelope[" + type + " " + subject + "@" + streamVersion + " id=" + id + "]";
  }
}
