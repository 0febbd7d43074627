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

  public StoredEvent upcast(StoredEvent event) {
    Upcaster upcaster = byFromType.get(event.type());
    if (upcaster == null) {
      return event;
    }
    try {
      ObjectNode data = (ObjectNode) JSON.readTree(event.json());
      EventType type = event.type();
      while (upcaster != null) {
        data = upcaster.upcast(data);
        type = type.next();
        upcaster = byFromType.get(type);
      }
      return event.withTypeAndData(type, JSON.writeValueAsString(data));
    } catch (JsonProcessingException | ClassCastException e) {
      throw new IllegalStateException(
          "event " + event.id() + " has data that is not a JSON object", e);
    }
  }
}
