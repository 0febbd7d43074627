package io.lanyard.eventstore;

import io.lanyard.contracts.EventJson;
import io.lanyard.contracts.EventSchemas;
import io.lanyard.contracts.EventType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns a service's domain events into the public records of {@code event-contracts} and back: what
 * a service stores and publishes is always the record's JSON, so its domain can change shape
 * without changing the contract. The mapping is written out by the service, one type at a time.
 */
public final class JsonEventCodec<E> {

  /** Read once: the build sets it for every test JVM, production never does. */
  private static final boolean CHECK_SCHEMAS = EventSchemas.checking();

  private final Map<Class<?>, Mapping<E, ?>> byDomainClass = new HashMap<>();
  private final Map<EventType, Mapping<E, ?>> byType = new HashMap<>();

  private record Mapping<E, C>(
      EventType type, Class<C> contract, Function<E, C> toContract, Function<C, E> toDomain) {

    String write(E event) {
      return EventJson.write(toContract.apply(event));
    }

    E read(String json) {
      return toDomain.apply(EventJson.read(json, contract));
    }
  }

  /**
   * Maps the domain event {@code domain} to the public record {@code contract} of {@code type} and
   * back.
   */
  @SuppressWarnings("unchecked")
  public <D extends E, C> JsonEventCodec<E> map(
      EventType type,
      Class<D> domain,
      Class<C> contract,
      Function<D, C> toContract,
      Function<C, D> toDomain) {
    Mapping<E, C> mapping =
        new Mapping<>(type, contract, event -> toContract.apply((D) event), toDomain::apply);
    if (byDomainClass.put(domain, mapping) != null || byType.put(type, mapping) != null) {
      throw new IllegalArgumentException("mapped twice: " + type + " / " + domain);
    }
    return this;
  }

  public NewEvent encode(E event) {
    Mapping<E, ?> mapping = byDomainClass.get(event.getClass());
    if (mapping == null) {
      throw new IllegalArgumentException("no event type for " + event.getClass());
    }
    String json = mapping.write(event);
    if (CHECK_SCHEMAS) {
      EventSchemas.requireValid(mapping.type(), json);
    }
    return NewEvent.of(mapping.type(), json);
  }

  public List<NewEvent> encode(List<? extends E> events) {
    return events.stream().map(this::encode).toList();
  }

  public E decode(StoredEvent event) {
    return decode(event.type(), event.json());
  }

  public E decode(EventType type, String json) {
    Mapping<E, ?> mapping = byType.get(type);
    if (mapping == null) {
      throw new IllegalArgumentException("no class for event type " + type);
    }
    try {
      return mapping.read(json);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("stored " + type + " cannot be read", e);
    }
  }

  public List<E> decode(EventStream stream) {
    return stream.events().stream().map(this::decode).toList();
  }
}
