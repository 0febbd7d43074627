package io.lanyard.device.feed;

import io.lanyard.contracts.EventEnvelope;
import io.lanyard.contracts.EventJson;
import io.lanyard.contracts.identity.UserCreatedV1;
import io.lanyard.contracts.identity.UserUpdatedV1;
import io.lanyard.eventstore.consumer.ApplyLater;
import io.lanyard.runtime.personal.DataKeyCache;
import io.lanyard.runtime.personal.UserEvents;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The user events of one poll ({@code UserCreated}, {@code UserUpdated}, v1 or v2), opened before
 * the poll is applied. The login model is applied synchronously, record by record, on the reader's
 * thread, while a v2 event's person (username, display name) opens only with the user's data key,
 * which identity-service gives (ADR 7). So a poll's user events are opened first, all together: its
 * creations with one key request per tenant ({@link UserEvents#createdAmong}), its updates after
 * their users' keys were asked for the same way, each then opened from the cache. A catch-up of
 * millions of events asks once per poll and tenant, not once per person.
 *
 * <p>An event whose key identity does not give now (it does not answer) {@link #waits}: the feed
 * stops its partition before it until identity answers. One whose data cannot be read or opened
 * (not what its type promises, or sealed under another key) is refused when the model asks for it,
 * as any unreadable event is, for the dead-letter topic. v1 events need no key.
 */
final class OpenedUsers {

  /** At most this long for a poll's keys (the key API's own timeouts are shorter). */
  private static final Duration OPENING = Duration.ofSeconds(30);

  /** A poll with no user event: nothing to open; a v1 event is read when asked for. */
  static final OpenedUsers NONE = new OpenedUsers();

  private final Map<EventEnvelope, UserCreatedV1> created = new IdentityHashMap<>();
  private final Map<EventEnvelope, UserUpdatedV1> updated = new IdentityHashMap<>();
  private final Map<EventEnvelope, RuntimeException> unreadable = new IdentityHashMap<>();
  private final Set<EventEnvelope> waiting = Collections.newSetFromMap(new IdentityHashMap<>());

  /** identity did not answer while opening: no further key is asked for in this poll. */
  private boolean identityAway;

  private OpenedUsers() {}

  /** Opens the user events among {@code events} (a poll's, in order). */
  static OpenedUsers open(UserEvents users, DataKeyCache keys, List<EventEnvelope> events) {
    List<EventEnvelope> creations = new ArrayList<>();
    List<EventEnvelope> updates = new ArrayList<>();
    for (EventEnvelope event : events) {
      if (UserEvents.isCreated(event)) {
        creations.add(event);
      } else if (UserEvents.isUpdated(event)) {
        updates.add(event);
      }
    }
    if (creations.isEmpty() && updates.isEmpty()) {
      return NONE;
    }
    OpenedUsers opened = new OpenedUsers();
    opened.openCreations(users, keys, creations);
    opened.openUpdates(users, keys, updates);
    return opened;
  }

  /** Whether the event's person could not be opened now: identity did not answer. */
  boolean waits(EventEnvelope event) {
    return waiting.contains(event);
  }

  /** Whether any event of the poll waits for identity. */
  boolean anyWaits() {
    return !waiting.isEmpty();
  }

  /**
   * A creation, opened: as v1 said it, the person's fields null if the user was erased.
   *
   * @throws IllegalArgumentException when its data cannot be read or opened (for the dead-letter
   *     topic)
   */
  UserCreatedV1 created(EventEnvelope event) {
    return opened(event, created, UserCreatedV1.TYPE.equals(event.type()), UserCreatedV1.class);
  }

  /** An update, opened; as {@link #created}. */
  UserUpdatedV1 updated(EventEnvelope event) {
    return opened(event, updated, UserUpdatedV1.TYPE.equals(event.type()), UserUpdatedV1.class);
  }

  private <T> T opened(EventEnvelope event, Map<EventEnvelope, T> from, boolean v1, Class<T> type) {
    T opened = from.get(event);
    if (opened != null) {
      return opened;
    }
    RuntimeException failure = unreadable.get(event);
    if (failure instanceof IllegalArgumentException refused) {
      throw refused;
    }
    if (failure != null) {
      throw new IllegalArgumentException("its person's data does not open", failure);
    }
    if (v1) {
      return EventJson.read(event, type); // A poll opened without it (ModelEvents' own tests).
    }
    throw new IllegalStateException(event.type() + " " + event.id() + " was not opened");
  }

  private void openCreations(UserEvents users, DataKeyCache keys, List<EventEnvelope> creations) {
    if (creations.isEmpty()) {
      return;
    }
    try {
      created.putAll(await(users.createdAmong(creations)));
      return;
    } catch (RuntimeException failed) {
      identityAway = waitsFor(failed);
    }
    // One of them cannot be read, or identity is away: each alone, so that what cannot be read is
    // refused alone, and what needs no key (v1) is read all the same.
    askKeysOf(keys, creations);
    for (EventEnvelope event : creations) {
      openOne(event, () -> users.created(event), created);
    }
  }

  private void openUpdates(UserEvents users, DataKeyCache keys, List<EventEnvelope> updates) {
    if (updates.isEmpty()) {
      return;
    }
    askKeysOf(keys, updates);
    for (EventEnvelope event : updates) {
      openOne(event, () -> users.updated(event), updated);
    }
  }

  /**
   * Asks for the keys of the sealed events' users, one request per tenant, so that opening each is
   * a hit in the cache. Who (tenant, user) is the envelope's; an event whose data says another user
   * only costs a request of its own when it is opened.
   */
  private void askKeysOf(DataKeyCache keys, List<EventEnvelope> events) {
    Map<String, List<String>> byTenant = new LinkedHashMap<>();
    for (EventEnvelope event : events) {
      if (UserEvents.isSealed(event) && event.tenantId() != null && event.subject() != null) {
        byTenant.computeIfAbsent(event.tenantId(), t -> new ArrayList<>()).add(event.subject());
      }
    }
    for (Map.Entry<String, List<String>> tenant : byTenant.entrySet()) {
      if (identityAway) {
        return;
      }
      try {
        await(keys.keysOf(tenant.getKey(), tenant.getValue()));
      } catch (RuntimeException failed) {
        identityAway = waitsFor(failed);
      }
    }
  }

  private <T> void openOne(
      EventEnvelope event, Supplier<Uni<T>> opening, Map<EventEnvelope, T> into) {
    if (identityAway && UserEvents.isSealed(event)) {
      waiting.add(event);
      return;
    }
    try {
      into.put(event, await(opening.get()));
    } catch (RuntimeException failed) {
      if (waitsFor(failed)) {
        identityAway = true;
        waiting.add(event);
      } else {
        unreadable.put(event, failed);
      }
    }
  }

  /** Whether the failure says nothing about the events: identity did not answer (in time). */
  private static boolean waitsFor(RuntimeException failure) {
    return ApplyLater.in(failure) || failure instanceof TimeoutException;
  }

  private static <T> T await(Uni<T> opening) {
    return opening.await().atMost(OPENING);
  }
}
