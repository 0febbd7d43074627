package io.lanyard.eventstore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lanyard.contracts.EventType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Applies upcasters one version at a time until no upcaster reads the event's type any more. */
public final class Upcasters {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<EventType, Upcaster> byFromType = new HashMap<>();

  public Upcasters(List<Upcaster> upcasters) {
    for (Upcaster upcaster : upcasters) {
      if (byFromType.put(upcaster.from(), upcaster) != null) {
        throw new IllegalArgumentException("two upcasters read " + upcaster.from());
      }
    }
  }

  public static Upcasters none() {
    return new Upcasters(List.of());
  }

  /** An event's type and data after upcasting. */
  public record Upcast(EventType type, String json) {}

  public StoredEvent upcast(StoredEvent event) {
    if (!byFromType.containsKey(event.type())) {
      return event;
    }
    Upcast upcast = upcast(event.type(), event.json());
    return event.withTypeAndData(upcast.type(), upcast.json());
  }

  /**
   * An event's data of {@code type} as its newest version: for an event read from a topic rather
   * than a store (a service's own history, published before a new version).
   *
   * @throws IllegalStateException when the data is not a JSON object
   */
  public Upcast upcast(EventType type, String json) {
    Upcaster upcaster = byFromType.get(type);
    if (upcaster == null) {
      return new Upcast(type, json);
    }
    try {
      ObjectNode data = (ObjectNode) JSON.readTree(json);
      EventType upcastType = type;
      while (upcaster != null) {
        data = upcaster.upcast(data);
        upcastType = upcastType.next();
        upcaster = byFromType.get(upcastType);
      }
      return new Upcast(upcastType, JSON.writeValueAsString(data));
    } catch (JsonProcessingException | ClassCastException e) {
      throw new IllegalStateException("data of " + type + " that is not a JSON object", e);
    }
  }
}
