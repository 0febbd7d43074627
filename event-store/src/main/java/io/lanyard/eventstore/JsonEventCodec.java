package io.lanyard.eventstore;

import io.lanyard.contracts.EventJson;
import io.lanyard.contracts.EventSchemas;
import io.lanyard.contracts.EventType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Turns a service's domain events into the public records of {@code event-contracts} and back: what
 * a service stores and publishes is always the record's JSON, so its domain can change shape
 * without changing the contract. The mapping is written out by the service, one type at a time.
 *
 * <p>An event with a person's data ({@link #mapSealed}) is sealed and opened with the {@link
 * PersonalKeys} the caller has for the users concerned (ADR 7); without them ({@link
 * PersonalKeys#NONE}) it is written not at all and read with the person's data unknown.
 */
public final class JsonEventCodec<E> {

  /** Read once: the build sets it for every test JVM, production never does. */
  private static final boolean CHECK_SCHEMAS = EventSchemas.checking();

  private final Map<Class<?>, Mapping<E, ?>> byDomainClass = new HashMap<>();
  private final Map<EventType, Mapping<E, ?>> byType = new HashMap<>();

  private record Mapping<E, C>(
      EventType type,
      Class<C> contract,
      BiFunction<E, PersonalKeys, C> toContract,
      BiFunction<C, PersonalKeys, E> toDomain) {

    String write(E event, PersonalKeys keys) {
      return EventJson.write(toContract.apply(event, keys));
    }

    E read(String json, PersonalKeys keys) {
      return toDomain.apply(EventJson.read(json, contract), keys);
    }
  }

  /**
   * Maps the domain event {@code domain} to the public record {@code contract} of {@code type} and
   * back.
   */
  public <D extends E, C> JsonEventCodec<E> map(
      EventType type,
      Class<D> domain,
      Class<C> contract,
      Function<D, C> toContract,
      Function<C, D> toDomain) {
    return mapSealed(
        type,
        domain,
        contract,
        (event, keys) -> toContract.apply(event),
        (record, keys) -> toDomain.apply(record));
  }

  /**
   * As {@link #map}, for an event that carries a person's data sealed: both directions get the keys
   * at hand ({@link PersonalKeys#seal}, {@link PersonalKeys#open}).
   */
  @SuppressWarnings("unchecked")
  public <D extends E, C> JsonEventCodec<E> mapSealed(
      EventType type,
      Class<D> domain,
      Class<C> contract,
      BiFunction<D, PersonalKeys, C> toContract,
      BiFunction<C, PersonalKeys, D> toDomain) {
    Mapping<E, C> mapping =
        new Mapping<>(
            type,
            contract,
            (event, keys) -> toContract.apply((D) event, keys),
            (record, keys) -> toDomain.apply(record, keys));
    if (byDomainClass.put(domain, mapping) != null || byType.put(type, mapping) != null) {
      throw new IllegalArgumentException("mapped twice: " + type + " / " + domain);
    }
    return this;
  }

  public NewEvent encode(E event) {
    return encode(event, PersonalKeys.NONE);
  }

  public NewEvent encode(E event, PersonalKeys keys) {
    Mapping<E, ?> mapping = byDomainClass.get(event.getClass());
    if (mapping == null) {
      throw new IllegalArgumentException("no event type for " + event.getClass());
    }
    String json = mapping.write(event, keys);
    if (CHECK_SCHEMAS) {
      EventSchemas.requireValid(mapping.type(), json);
    }
    return NewEvent.of(mapping.type(), json);
  }

  public List<NewEvent> encode(List<? extends E> events) {
    return encode(events, PersonalKeys.NONE);
  }

  public List<NewEvent> encode(List<? extends E> events, PersonalKeys keys) {
    return events.stream().map(event -> encode(event, keys)).toList();
  }

  public E decode(StoredEvent event) {
    return decode(event, PersonalKeys.NONE);
  }

  public E decode(StoredEvent event, PersonalKeys keys) {
    return decode(event.type(), event.json(), keys);
  }

  public E decode(EventType type, String json) {
    return decode(type, json, PersonalKeys.NONE);
  }

  public E decode(EventType type, String json, PersonalKeys keys) {
    Mapping<E, ?> mapping = byType.get(type);
    if (mapping == null) {
      throw new IllegalArgumentException("no class for event type " + type);
    }
    try {
      return mapping.read(json, keys);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("stored " + type + " cannot be read", e);
    }
  }

  public List<E> decode(EventStream stream) {
    return decode(stream, PersonalKeys.NONE);
  }

  public List<E> decode(EventStream stream, PersonalKeys keys) {
    return stream.events().stream().map(event -> decode(event, keys)).toList();
  }
}
