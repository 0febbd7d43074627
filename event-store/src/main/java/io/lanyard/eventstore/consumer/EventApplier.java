package io.lanyard.eventstore.consumer;

import io.lanyard.contracts.EventEnvelope;
import io.lanyard.contracts.IdentityEvents;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Applies events to a handler's projection once per consumer name: in a transaction that also
 * raises the consumer's version of each source stream, so a redelivered or republished event (its
 * version not above that) changes nothing. The live consumer and a rebuild beside it are two names
 * over the same handler.
 */
final class EventApplier {

  static final Duration DB_TIMEOUT = Duration.ofSeconds(30);

  /*
   * The applied versions of a poll's streams, one row per stream (version null: none yet). A
   * subquery per stream is one probe of the primary key whatever the planner estimates: a join to
   * the unnested arrays, planned for their actual length on a table never analysed, hashes all of
   * the consumer's rows instead.
   */
  private static final String APPLIED =
      "SELECT x.source, x.stream_id, (SELECT c.version FROM event_store.consumer_streams c"
          + " WHERE c.consumer = $1 AND c.source = x.source AND c.stream_id = x.stream_id)"
          + " AS version FROM unnest($2::text[], $3::text[]) AS x(source, stream_id)";
  private static final String CLAIM =
      "INSERT INTO event_store.consumer_streams (consumer, source, stream_id, version)"
          + " SELECT $1, x.source, x.stream_id, x.version"
          + " FROM unnest($2::text[], $3::text[], $4::bigint[]) AS x(source, stream_id, version)"
          + " ON CONFLICT (consumer, source, stream_id) DO UPDATE SET version = excluded.version"
          + " WHERE consumer_streams.version < excluded.version";
  private static final int LOCK_SPACE = "event_store.consumer_streams".hashCode();
  private static final String ERASED_TENANTS =
      "SELECT tenant_id FROM event_store.erased_tenants WHERE tenant_id = ANY($1::text[])";
  private static final String ERASE_TENANTS =
      "INSERT INTO event_store.erased_tenants (tenant_id, erased_at)"
          + " SELECT unnest($1::text[]), now() ON CONFLICT DO NOTHING";

  private final String consumerName;
  private final Pool pool;
  private final EventHandler handler;
  private final String searchPath;

  /**
   * @param searchPath the schemas the handler's unqualified tables resolve in, or null for the
   *     connection's own (a rebuild writes into its shadow schema first)
   */
  EventApplier(String consumerName, Pool pool, EventHandler handler, String searchPath) {
    this.consumerName = consumerName;
    this.pool = pool;
    this.handler = handler;
    this.searchPath = searchPath;
  }

  String consumerName() {
    return consumerName;
  }

  /**
   * Applies {@code events} in one transaction (one commit instead of one per event, which is most
   * of a consumer's cost), then {@code after} in the same transaction; answers how many were new. A
   * failure rolls all of it back. Two statements whatever the number of events: one reads the
   * versions applied so far, one raises them.
   */
  int applyAll(List<EventEnvelope> events, BiFunction<SqlClient, Integer, Uni<?>> after) {
    int[] freshCount = {0};
    handler.beforeTransaction(events).await().atMost(DB_TIMEOUT);
    pool.withTransaction(
            tx ->
                prepare(tx)
                    .chain(() -> applied(tx, events))
                    .chain(
                        applied -> {
                          // An event is new if its version is above the stream's applied one,
                          // counting the events of this poll before it: a stream's events arrive in
                          // order, so a version not above that is a redelivery or a republication.
                          Map<Stream, Long> raised = new LinkedHashMap<>();
                          List<EventEnvelope> fresh = new ArrayList<>(events.size());
                          for (EventEnvelope event : events) {
                            Stream stream = Stream.of(event);
                            long before = raised.getOrDefault(stream, applied.get(stream));
                            if (event.streamVersion() <= before) {
                              continue;
                            }
                            raised.put(stream, event.streamVersion());
                            fresh.add(event);
                          }
                          freshCount[0] = fresh.size();
                          return (fresh.isEmpty()
                                  ? Uni.createFrom().voidItem()
                                  : applyUnlessTenantErased(tx, fresh))
                              .chain(() -> claim(tx, raised));
                        })
                    .chain(() -> after.apply(tx, freshCount[0]))
                    .replaceWithVoid())
        .await()
        .atMost(DB_TIMEOUT);
    return freshCount[0];
  }

  /**
   * Hands the handler the events of tenants not erased (ADR 7): an erased tenant's events are
   * passed over, counted as applied, whether they come before a rebuild reaches the erasure or
   * after it on another topic. A {@code TenantErased} itself reaches the handler, which deletes the
   * tenant's rows, and is remembered in {@code event_store.erased_tenants} in the same transaction.
   */
  private Uni<Void> applyUnlessTenantErased(SqlConnection tx, List<EventEnvelope> fresh) {
    Set<String> tenants = new LinkedHashSet<>();
    fresh.forEach(
        event -> {
          if (event.tenantId() != null) {
            tenants.add(event.tenantId());
          }
        });
    return tx.preparedQuery(ERASED_TENANTS)
        .execute(Tuple.of(tenants.toArray(String[]::new)))
        .chain(
            rows -> {
              Set<String> erased = new HashSet<>();
              rows.forEach(row -> erased.add(row.getString("tenant_id")));
              List<EventEnvelope> kept = new ArrayList<>(fresh.size());
              List<String> erasedNow = new ArrayList<>();
              for (EventEnvelope event : fresh) {
                if (event.tenantId() != null && erased.contains(event.tenantId())) {
                  continue;
                }
                kept.add(event);
                if (event.type().equals(IdentityEvents.TENANT_ERASED)) {
                  erased.add(event.tenantId());
                  erasedNow.add(event.tenantId());
                }
              }
              Uni<Void> applied =
                  kept.isEmpty() ? Uni.createFrom().voidItem() : handler.applyAll(kept, tx);
              return erasedNow.isEmpty()
                  ? applied
                  : applied.chain(
                      () ->
                          tx.preparedQuery(ERASE_TENANTS)
                              .execute(Tuple.of(erasedNow.toArray(String[]::new)))
                              .replaceWithVoid());
            });
  }

  /**
   * Whether {@code failure} says nothing about the event, so that it is retried until it applies
   * and never dead-lettered: what the handler needs does not answer ({@link ApplyLater}), or
   * PostgreSQL itself does not.
   */
  boolean mustWait(RuntimeException failure) {
    return ApplyLater.in(failure) || !databaseAnswers();
  }

  /** Whether PostgreSQL answers at all: if not, a failure says nothing about the event. */
  boolean databaseAnswers() {
    try {
      pool.query("SELECT 1").execute().await().atMost(Duration.ofSeconds(5));
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * A consumer's transaction need not wait for its WAL flush: should PostgreSQL itself crash and
   * lose it, its checkpoint is lost with it and the events are read again from Kafka. Flushing each
   * of them cost the database about half its CPU under load (measured with the SCIM benchmark). A
   * later synchronous commit on the same server flushes it anyway.
   *
   * <p>The applied versions are read before they are raised, without row locks. So that a second
   * applier of the same name (a replica taking over while this one still commits) cannot apply the
   * same events in between, the transactions of one consumer name take turns on an advisory lock,
   * released at commit. One replica consumes at a time (its {@code LeaderLock}), so the lock is
   * only ever waited on during such a takeover.
   */
  private Uni<Void> prepare(SqlConnection tx) {
    String sql =
        "SET LOCAL synchronous_commit = off; SELECT pg_advisory_xact_lock("
            + LOCK_SPACE
            + ", "
            + consumerName.hashCode()
            + ")";
    if (searchPath != null) {
      sql += "; SET LOCAL search_path TO " + searchPath;
    }
    return tx.query(sql).execute().replaceWithVoid();
  }

  /** The applied version of each of the events' streams: 0 for a stream new to the consumer. */
  private Uni<Map<Stream, Long>> applied(SqlConnection tx, List<EventEnvelope> events) {
    Set<Stream> streams = new LinkedHashSet<>();
    events.forEach(event -> streams.add(Stream.of(event)));
    return tx.preparedQuery(APPLIED)
        .execute(
            Tuple.of(
                consumerName,
                streams.stream().map(Stream::source).toArray(String[]::new),
                streams.stream().map(Stream::id).toArray(String[]::new)))
        .map(
            rows -> {
              Map<Stream, Long> applied = new HashMap<>();
              for (Row row : rows) {
                Long version = row.getLong("version");
                applied.put(
                    new Stream(row.getString("source"), row.getString("stream_id")),
                    version == null ? 0L : version);
              }
              return applied;
            });
  }

  /** Raises each stream's applied version to its newest event applied now. */
  private Uni<Void> claim(SqlConnection tx, Map<Stream, Long> raised) {
    if (raised.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return tx.preparedQuery(CLAIM)
        .execute(
            Tuple.of(
                consumerName,
                raised.keySet().stream().map(Stream::source).toArray(String[]::new),
                raised.keySet().stream().map(Stream::id).toArray(String[]::new),
                raised.values().toArray(Long[]::new)))
        .replaceWithVoid();
  }

  /** A source stream: the publishing service and the stream (an event's subject). */
  private record Stream(String source, String id) {
    static Stream of(EventEnvelope event) {
      return new Stream(event.source(), event.subject());
    }
  }
}
