package io.lanyard.eventstore;

import io.lanyard.contracts.EventType;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites a service's stored events of the versions that carried personal data in clear (ADR 7) as
 * their newest version, sealed: the one place where stored events change, at an operator's request
 * (docs/runbooks/erasure.md). Each event keeps its position, stream, version, id, tenant and time,
 * so a consumer that applied it skips it when it is republished; only its type and data change.
 * Page by page, each page its own transaction; run again, it finds nothing left to do.
 */
public final class Reencryption {

  /**
   * Seals what a page's events, upcast to their newest version, carry in clear: answers each one's
   * new data, in the same order. An erased person's data is sealed under no key anyone holds.
   */
  @FunctionalInterface
  public interface Sealer {
    Uni<List<String>> seal(List<StoredEvent> upcast);
  }

  /** The keys of users of a tenant, for sealing their events' personal data. */
  @FunctionalInterface
  public interface KeysLookup {
    Uni<PersonalKeys> keysOf(String tenantId, List<String> userIds);
  }

  /**
   * The sealer for events whose stream is a user's and whose person is in {@code personal}
   * (identity's user events, directory-sync's links): one key lookup per tenant of a page.
   */
  public static Sealer personal(KeysLookup lookup) {
    return page -> {
      Map<String, List<String>> byTenant = new LinkedHashMap<>();
      for (StoredEvent event : page) {
        byTenant.computeIfAbsent(event.tenantId(), t -> new ArrayList<>()).add(event.streamId());
      }
      Map<String, PersonalKeys> keys = new HashMap<>();
      Uni<Void> chain = Uni.createFrom().voidItem();
      for (Map.Entry<String, List<String>> tenant : byTenant.entrySet()) {
        chain =
            chain.chain(
                () ->
                    lookup
                        .keysOf(
                            tenant.getKey(), List.copyOf(new LinkedHashSet<>(tenant.getValue())))
                        .invoke(found -> keys.put(tenant.getKey(), found))
                        .replaceWithVoid());
      }
      return chain.map(
          nothing ->
              page.stream()
                  .map(
                      event ->
                          keys.get(event.tenantId())
                              .resealed(event.tenantId(), event.streamId(), event.json()))
                  .toList());
    };
  }

  /** How many events were rewritten, and the last position looked at. */
  public record Result(long rewritten, long lastPosition) {}

  private static final String PAGE =
      "SELECT "
          + EventRows.COLUMNS
          + " FROM event_store.events e WHERE e.position > $1 AND e.event_type = ANY($2)"
          + " ORDER BY e.position LIMIT $3";
  private static final String REWRITE =
      "UPDATE event_store.events e SET event_type = x.type, data = x.data::jsonb"
          + " FROM unnest($1::bigint[], $2::text[], $3::text[]) AS x (position, type, data)"
          + " WHERE e.position = x.position";

  private final Pool pool;
  private final Upcasters upcasters;

  public Reencryption(Pool pool, Upcasters upcasters) {
    this.pool = pool;
    this.upcasters = upcasters;
  }

  /** Rewrites every stored event of {@code oldTypes}, {@code pageSize} at a time. */
  public Uni<Result> run(Set<EventType> oldTypes, Sealer sealer, int pageSize) {
    String[] types = oldTypes.stream().map(EventType::toString).toArray(String[]::new);
    return page(types, sealer, pageSize, new Result(0, 0));
  }

  private Uni<Result> page(String[] types, Sealer sealer, int pageSize, Result sofar) {
    return pool.preparedQuery(PAGE)
        .execute(Tuple.of(sofar.lastPosition(), types, pageSize))
        .chain(
            rows -> {
              List<StoredEvent> upcast = new ArrayList<>();
              for (Row row : rows) {
                upcast.add(upcasters.upcast(EventRows.toEvent(row)));
              }
              if (upcast.isEmpty()) {
                return Uni.createFrom().item(sofar);
              }
              Result next =
                  new Result(
                      sofar.rewritten() + upcast.size(), upcast.get(upcast.size() - 1).position());
              return sealer
                  .seal(upcast)
                  .chain(data -> rewrite(upcast, data))
                  .chain(
                      () ->
                          upcast.size() < pageSize
                              ? Uni.createFrom().item(next)
                              : page(types, sealer, pageSize, next));
            });
  }

  private Uni<Void> rewrite(List<StoredEvent> upcast, List<String> data) {
    if (data.size() != upcast.size()) {
      throw new IllegalStateException(
          "the sealer answered " + data.size() + " of " + upcast.size());
    }
    return pool.withTransaction(
            tx ->
                tx.preparedQuery(REWRITE)
                    .execute(
                        Tuple.of(
                            upcast.stream().map(StoredEvent::position).toArray(Long[]::new),
                            upcast.stream().map(e -> e.type().toString()).toArray(String[]::new),
                            data.toArray(String[]::new))))
        .replaceWithVoid();
  }
}
