package io.lanyard.contracts;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which event types exist, which topic carries each, and where its JSON Schema is. A service's
 * events are registered here by the issues that introduce them; an event type that is not
 * registered cannot be published.
 */
public final class EventTypeRegistry {

  /** A registered event type. {@code schema} is a classpath resource, e.g. {@code /schemas/...}. */
  public record Registration(EventType type, String topic, String schema) {}

  private final Map<String, Registration> byType = new LinkedHashMap<>();

  public EventTypeRegistry register(EventType type, String topic) {
    if (!Topics.EVENT_TOPICS.contains(topic)) {
      throw new IllegalArgumentException("not a Lanyard event topic: " + topic);
    }
    String schema = "/schemas/" + type + ".json";
    Registration previous =
        byType.putIfAbsent(type.toString(), new Registration(type, topic, schema));
    if (previous != null) {
      throw new IllegalArgumentException("event type registered twice: " + type);
    }
    return this;
  }

  public Optional<Registration> find(EventType type) {
    return Optional.ofNullable(byType.get(type.toString()));
  }

  public boolean contains(EventType type) {
    return byType.containsKey(type.toString());
  }

  public Collection<Registration> all() {
    return byType.values();
  }
}
