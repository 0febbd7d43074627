package io.lanyard.eventstore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lanyard.contracts.EventType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a service's domain events (plain records) into stored JSON under their explicit type, and
 * back. The mapping is written out by the service, never derived from class names.
 */
public final class JsonEventCodec<E> {

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final Map<Class<? extends E>, EventType> typeOf = new HashMap<>();
  private final Map<EventType, Class<? extends E>> classOf = new HashMap<>();

  public JsonEventCodec<E> map(EventType type, Class<? extends E> eventClass) {
    if (typeOf.put(eventClass, type) != null || classOf.put(type, eventClass) != null) {
      throw new IllegalArgumentException("mapped twice: " + type + " / " + eventClass);
    }
    return this;
  }

  public NewEvent encode(E event) {
    EventType type = typeOf.get(event.getClass());
    if (type == null) {
      throw new IllegalArgumentException("no event type for " + event.getClass());
    }
    try {
      return NewEvent.of(type, JSON.writeValueAsString(event));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + type, e);
    }
  }

  public List<NewEvent> encode(List<? extends E> events) {
    return events.stream().map(this::encode).toList();
  }

  public E decode(StoredEvent event) {
    return decode(event.type(), event.json());
  }

  public E decode(EventType type, String json) {
    Class<? extends E> eventClass = classOf.get(type);
    if (eventClass == null) {
      throw new IllegalArgumentException("no class for event type " + type);
    }
    try {
      return JSON.readValue(json, eventClass);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored " + type + " cannot be read", e);
    }
  }

  public List<E> decode(EventStream stream) {
    return stream.events().stream().map(this::decode).toList();
  }
}
