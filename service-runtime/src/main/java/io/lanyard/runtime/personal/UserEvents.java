package io.lanyard.runtime.personal;

import io.lanyard.contracts.EventEnvelope;
import io.lanyard.contracts.EventJson;
import io.lanyard.contracts.identity.UserCreatedV1;
import io.lanyard.contracts.identity.UserCreatedV2;
import io.lanyard.contracts.identity.UserErasedV1;
import io.lanyard.contracts.identity.UserPersonal;
import io.lanyard.contracts.identity.UserUpdatedV1;
import io.lanyard.contracts.identity.UserUpdatedV2;
import io.lanyard.eventstore.PersonalKeys;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * identity's user events as a consumer reads them (ADR 7): a creation or an update of either
 * version as its v1 record, the person's data opened with the user's key from {@link DataKeyCache}
 * ({@code null}s once the user is erased: nothing about the person is left to project). v1 events,
 * written before sealing, are read as they are. {@link #erased} drops the user's key from this
 * service's cache.
 */
@ApplicationScoped
public class UserEvents {

  private final DataKeyCache keys;

  UserEvents(DataKeyCache keys) {
    this.keys = keys;
  }

  public static boolean isCreated(EventEnvelope event) {
    return event.type().equals(UserCreatedV1.TYPE) || event.type().equals(UserCreatedV2.TYPE);
  }

  public static boolean isUpdated(EventEnvelope event) {
    return event.type().equals(UserUpdatedV1.TYPE) || event.type().equals(UserUpdatedV2.TYPE);
  }

  /** A creation or update whose person is sealed (v2): it opens only with the user's key. */
  public static boolean isSealed(EventEnvelope event) {
    return event.type().equals(UserCreatedV2.TYPE) || event.type().equals(UserUpdatedV2.TYPE);
  }

  public static boolean isErased(EventEnvelope event) {
    return event.type().equals(UserErasedV1.TYPE);
  }

  /** A creation ({@link #isCreated}), opened. */
  public Uni<UserCreatedV1> created(EventEnvelope event) {
    if (event.type().equals(UserCreatedV1.TYPE)) {
      return Uni.createFrom().item(EventJson.read(event, UserCreatedV1.class));
    }
    UserCreatedV2 v2 = EventJson.read(event, UserCreatedV2.class);
    String userId = v2.userId().toString();
    return keys.keysOf(v2.tenantId(), List.of(userId))
        .map(personal -> v2.opened(open(personal, v2.tenantId(), userId, v2.personal())));
  }

  /** An update ({@link #isUpdated}), opened. */
  public Uni<UserUpdatedV1> updated(EventEnvelope event) {
    if (event.type().equals(UserUpdatedV1.TYPE)) {
      return Uni.createFrom().item(EventJson.read(event, UserUpdatedV1.class));
    }
    UserUpdatedV2 v2 = EventJson.read(event, UserUpdatedV2.class);
    String userId = v2.userId().toString();
    return keys.keysOf(v2.tenantId(), List.of(userId))
        .map(personal -> v2.opened(open(personal, v2.tenantId(), userId, v2.personal())));
  }

  /**
   * The creations among {@code events}, opened, by event: the keys of each tenant's new people
   * asked for at once (a poll of a directory's page of 500 is one request, not 500).
   */
  public Uni<Map<EventEnvelope, UserCreatedV1>> createdAmong(List<EventEnvelope> events) {
    Map<EventEnvelope, UserCreatedV1> opened = new IdentityHashMap<>();
    Map<String, List<UserCreatedV2>> byTenant = new LinkedHashMap<>();
    Map<UserCreatedV2, EventEnvelope> eventOf = new IdentityHashMap<>();
    for (EventEnvelope event : events) {
      if (event.type().equals(UserCreatedV1.TYPE)) {
        opened.put(event, EventJson.read(event, UserCreatedV1.class));
      } else if (event.type().equals(UserCreatedV2.TYPE)) {
        UserCreatedV2 v2 = EventJson.read(event, UserCreatedV2.class);
        byTenant.computeIfAbsent(v2.tenantId(), t -> new ArrayList<>()).add(v2);
        eventOf.put(v2, event);
      }
    }
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (Map.Entry<String, List<UserCreatedV2>> tenant : byTenant.entrySet()) {
      List<String> userIds = tenant.getValue().stream().map(v2 -> v2.userId().toString()).toList();
      chain =
          chain.chain(
              () ->
                  keys.keysOf(tenant.getKey(), userIds)
                      .invoke(
                          personal -> {
                            for (UserCreatedV2 v2 : tenant.getValue()) {
                              opened.put(
                                  eventOf.get(v2),
                                  v2.opened(
                                      open(
                                          personal,
                                          v2.tenantId(),
                                          v2.userId().toString(),
                                          v2.personal())));
                            }
                          })
                      .replaceWithVoid());
    }
    return chain.map(nothing -> opened);
  }

  /**
   * The keys of a poll's sealed events, fetched before its transaction opens (a consumer's {@code
   * beforeTransaction}), so that opening them inside it asks identity-service nothing.
   */
  public Uni<Void> prefetchKeys(List<EventEnvelope> events) {
    return keys.prefetch(events, UserEvents::isSealed);
  }

  /** The user was erased ({@link #isErased}): this service forgets their key. */
  public void erased(EventEnvelope event) {
    UserErasedV1 erased = EventJson.read(event, UserErasedV1.class);
    keys.forget(erased.tenantId(), erased.userId().toString());
  }

  private static UserPersonal open(
      PersonalKeys personal, String tenantId, String userId, String sealedPersonal) {
    return personal
        .open(tenantId, userId, sealedPersonal, UserPersonal.class)
        .orElse(UserPersonal.ERASED);
  }
}
