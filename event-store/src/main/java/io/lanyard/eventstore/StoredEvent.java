package io.lanyard.eventstore;

import io.lanyard.contracts.EventEnvelope;
import io.lanyard.contracts.EventType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * An event as the store holds it.
 *
 * @param position its place in the service's whole log
 * @param version its place in its stream, from 1
 */
public record StoredEvent(
    long position,
    String streamId,
    long version,
    UUID id,
    EventType type,
    String tenantId,
    Instant occurredAt,
    String json) {

  public StoredEvent withTypeAndData(EventType newType, String newJson) {
    return new StoredEvent(position, streamId, version, id, newType, tenantId, occurredAt, newJson);
  }

  public EventEnvelope toEnvelope(String source) {
    return new EventEnvelope(
        id,
        source,
        type,
        streamId,
        occurredAt,
        tenantId,
        version,
        json.getBytes(StandardCharsets.UTF_8));
  }
}
