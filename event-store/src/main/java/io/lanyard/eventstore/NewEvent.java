package io.lanyard.eventstore;

import io.lanyard.contracts.EventType;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** An event about to be appended: its type and JSON data; id and time are fixed here. */
public record NewEvent(UUID id, EventType type, Instant occurredAt, String json) {

  public NewEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(json, "json");
  }

  public static NewEvent of(EventType type, String json) {
    return new NewEvent(UUID.randomUUID(), type, Instant.now(), json);
  }
}
