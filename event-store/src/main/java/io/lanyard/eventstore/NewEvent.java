package io.lanyard.eventstore;

import io.lanyard.contracts.EventType;
import java.util.Objects;
import java.util.UUID;

/**
 * An event about to be appended: its id, type and JSON data. Its time is its transaction's ({@code
 * now()}), the time every record written with it carries too: a projection rebuilt from the event
 * comes out the same as the one written beside it.
 */
public record NewEvent(UUID id, EventType type, String json) {

  public NewEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(json, "json");
  }

  public static NewEvent of(EventType type, String json) {
    return new NewEvent(UUID.randomUUID(), type, json);
  }
}
