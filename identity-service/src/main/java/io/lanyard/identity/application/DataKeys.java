package io.lanyard.identity.application;

import io.lanyard.contracts.IdentityEvents;
import io.lanyard.eventstore.EventStream;
import io.lanyard.eventstore.PgEventStore;
import io.lanyard.identity.domain.User;
import io.lanyard.identity.domain.UserStatus;
import io.lanyard.identity.infra.DataKeyStore;
import io.lanyard.identity.infra.IdentityEventCodecs;
import io.lanyard.secrets.DataKey;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The data keys other services ask for (ADR 7): each user of the tenant asked about has a key, or
 * is erased; any other id (none ever, another tenant's) is unknown, whichever it is. A deleted user
 * keeps their key until erased: consumers still open their old events.
 *
 * <p>Users made before keys existed have no row: the first request makes theirs, once their stream
 * shows them a user of the tenant (an erasure made a row already, so an erased user never gets a
 * key again).
 */
@ApplicationScoped
public class DataKeys {

  /**
   * The answer for the ids asked about, each in exactly one part, in the order asked. Its text
   * shows no key.
   */
  public record Answer(Map<UUID, DataKey> keys, List<UUID> erased, List<UUID> unknown) {

    @Override
    public String toString() {
      return "Answer[keys=" + keys.keySet() + ", erased=" + erased + ", unknown=" + unknown + "]";
    }
  }

  private final DataKeyStore store;
  private final PgEventStore events;

  DataKeys(DataKeyStore store, PgEventStore events) {
    this.store = store;
    this.events = events;
  }

  /** {@code userIds}: without repeats. */
  public Uni<Answer> of(String tenantId, List<UUID> userIds) {
    return store
        .find(tenantId, userIds)
        .chain(
            found -> {
              List<UUID> missing = userIds.stream().filter(id -> !found.containsKey(id)).toList();
              if (missing.isEmpty()) {
                return Uni.createFrom().item(answer(userIds, found));
              }
              return madeBefore(tenantId, missing)
                  .chain(store::createMissing)
                  .chain(() -> store.find(tenantId, missing))
                  .map(
                      made -> {
                        Map<UUID, DataKeyStore.Stored> all = new HashMap<>(found);
                        all.putAll(made);
                        return answer(userIds, all);
                      });
            });
  }

  /**
   * Of these ids without a row, the tenant's users (made before keys existed): their streams are
   * users' streams of the tenant, not erased.
   */
  private Uni<List<DataKeyStore.Owner>> madeBefore(String tenantId, List<UUID> missing) {
    return events
        .loadAll(missing.stream().map(UUID::toString).toList())
        .map(
            streams -> {
              List<DataKeyStore.Owner> owners = new ArrayList<>();
              for (UUID id : missing) {
                EventStream stream = streams.get(id.toString());
                if (isUserOf(tenantId, stream)
                    && User.fold(IdentityEventCodecs.USERS.decode(stream)).status()
                        != UserStatus.ERASED) {
                  owners.add(new DataKeyStore.Owner(id, tenantId));
                }
              }
              return owners;
            });
  }

  /** A user's stream begins with UserCreated (an import's or a tenant's does not). */
  private static boolean isUserOf(String tenantId, EventStream stream) {
    return stream != null
        && !stream.events().isEmpty()
        && tenantId.equals(stream.events().get(0).tenantId())
        && IdentityEvents.USER_CREATED.name().equals(stream.events().get(0).type().name());
  }

  private static Answer answer(List<UUID> asked, Map<UUID, DataKeyStore.Stored> rows) {
    Map<UUID, DataKey> keys = new LinkedHashMap<>();
    List<UUID> erased = new ArrayList<>();
    List<UUID> unknown = new ArrayList<>();
    for (UUID id : asked) {
      DataKeyStore.Stored row = rows.get(id);
      if (row == null) {
        unknown.add(id);
      } else if (row.erased()) {
        erased.add(id);
      } else {
        keys.put(id, row.key());
      }
    }
    return new Answer(keys, erased, unknown);
  }
}
