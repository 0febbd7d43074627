package io.lanyard.eventstore;

import io.lanyard.eventstore.tracing.EventTracing;
import io.lanyard.eventstore.tracing.TraceParent;
import io.opentelemetry.api.trace.Span;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * A service's event store in PostgreSQL (schema {@code event_store}). An append checks and moves
 * the stream's version, stores the events and queues them in the outbox, in one statement within
 * the caller's transaction (or on its own), and signals the relay once that has committed.
 */
public final class PgEventStore {

  /** The channel the relay listens on. */
  public static final String OUTBOX_CHANNEL = "lanyard_outbox";

  private static final String UNIQUE_VIOLATION = "23505";

  /*
   * One statement, so an append outside a transaction is atomic in a single round trip. The
   * stream's row moves from the expected version to the new one (or is created when 0 is expected);
   * only if that happened are the events stored and queued in the outbox. Under READ COMMITTED a
   * concurrent append of the same stream waits for the row lock, then finds the version moved and
   * appends nothing: the caller sees 0 events appended and reports a conflict.
   */
  private static final String APPEND =
      "WITH moved AS ("
          + " UPDATE event_store.streams SET version = $2 + $7"
          + " WHERE stream_id = $1 AND version = $2 AND $2 > 0 RETURNING 1),"
          + " created AS ("
          + " INSERT INTO event_store.streams (stream_id, stream_type, tenant_id, version)"
          + " SELECT $1, $8, $3, $7 WHERE $2 = 0 ON CONFLICT (stream_id) DO NOTHING RETURNING 1),"
          + " e AS ("
          + " INSERT INTO event_store.events"
          + " (stream_id, version, event_id, event_type, tenant_id, occurred_at, data, trace_parent)"
          + " SELECT $1, $2 + x.n, x.id, x.t, $3, now(), x.d::jsonb, $9"
          + " FROM unnest($4::uuid[], $5::text[], $6::text[])"
          + " WITH ORDINALITY AS x(id, t, d, n)"
          + " WHERE EXISTS (SELECT 1 FROM moved UNION ALL SELECT 1 FROM created)"
          + " RETURNING position, version),"
          + " o AS (INSERT INTO event_store.outbox (event_position)"
          + " SELECT position FROM e ORDER BY version)"
          + " SELECT count(*) AS appended FROM e";
  private static final String START_STREAMS =
      "WITH created AS ("
          + " INSERT INTO event_store.streams (stream_id, stream_type, tenant_id, version)"
          + " SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[])"
          + " ON CONFLICT (stream_id) DO NOTHING RETURNING stream_id),"
          + " e AS ("
          + " INSERT INTO event_store.events"
          + " (stream_id, version, event_id, event_type, tenant_id, occurred_at, data, trace_parent)"
          + " SELECT x.sid, x.v, x.id, x.t, x.tenant, now(), x.d::jsonb, $11"
          + " FROM unnest($5::text[], $6::bigint[], $7::uuid[], $8::text[], $9::text[],"
          + " $10::text[]) WITH ORDINALITY AS x(sid, v, id, t, tenant, d, n)"
          + " WHERE x.sid IN (SELECT stream_id FROM created) ORDER BY x.n"
          + " RETURNING position),"
          + " o AS (INSERT INTO event_store.outbox (event_position)"
          + " SELECT position FROM e ORDER BY position)"
          + " SELECT count(*) AS appended FROM e";
  private static final String LOAD =
      "SELECT "
          + EventRows.COLUMNS
          + " FROM event_store.events e WHERE e.stream_id = $1 ORDER BY e.version";

  /*
   * A probe of (stream_id, version) per stream whatever the planner estimates: OFFSET 0 keeps the
   * lateral subquery from being flattened into a join, which on a table never analysed may hash
   * every event instead.
   */
  private static final String LOAD_ALL =
      "SELECT "
          + EventRows.COLUMNS
          + " FROM unnest($1::text[]) AS s (id) CROSS JOIN LATERAL"
          + " (SELECT * FROM event_store.events WHERE stream_id = s.id ORDER BY version OFFSET 0) e";

  private final Pool pool;
  private final Upcasters upcasters;
  private final OutboxSignal signal;
  private final EventTracing tracing;

  public PgEventStore(Pool pool, Upcasters upcasters) {
    this(pool, upcasters, EventTracing.NONE);
  }

  /** A store whose appends are spans of the trace they run in, which their events carry on. */
  public PgEventStore(Pool pool, Upcasters upcasters, EventTracing tracing) {
    this.pool = pool;
    this.upcasters = upcasters;
    this.signal = new OutboxSignal(pool);
    this.tracing = tracing;
  }

  /**
   * Runs {@code work} in a transaction in which it may {@link #append(SqlClient, StreamId, long,
   * List) append}; once it committed, the relay is woken.
   */
  public <T> Uni<T> inTransaction(Function<SqlConnection, Uni<T>> work) {
    return pool.withTransaction(work).invoke(ignored -> signal.signal());
  }

  public Uni<EventStream> load(String streamId) {
    return load(pool, streamId);
  }

  /** Loads within a transaction (or any client); events come upcast to their newest version. */
  public Uni<EventStream> load(SqlClient client, String streamId) {
    return client
        .preparedQuery(LOAD)
        .execute(Tuple.of(streamId))
        .map(
            rows -> {
              List<StoredEvent> events = new ArrayList<>(rows.size());
              for (Row row : rows) {
                events.add(upcasters.upcast(EventRows.toEvent(row)));
              }
              long version = events.isEmpty() ? 0 : events.get(events.size() - 1).version();
              return new EventStream(streamId, version, events);
            });
  }

  /**
   * Many streams in one round trip (a page of users checked together), by id; a stream with no
   * events is there, new. Events come upcast like {@link #load}'s.
   */
  public Uni<Map<String, EventStream>> loadAll(Collection<String> streamIds) {
    List<String> ids = List.copyOf(new java.util.LinkedHashSet<>(streamIds));
    return pool.preparedQuery(LOAD_ALL)
        .execute(Tuple.of(ids.toArray(String[]::new)))
        .map(
            rows -> {
              Map<String, List<StoredEvent>> byStream = new HashMap<>();
              for (Row row : rows) {
                StoredEvent event = upcasters.upcast(EventRows.toEvent(row));
                byStream.computeIfAbsent(event.streamId(), id -> new ArrayList<>()).add(event);
              }
              Map<String, EventStream> streams = new LinkedHashMap<>();
              for (String id : ids) {
                List<StoredEvent> events = byStream.getOrDefault(id, List.of());
                long version = events.isEmpty() ? 0 : events.get(events.size() - 1).version();
                streams.put(id, new EventStream(id, version, events));
              }
              return streams;
            });
  }

  /** Appends atomically on its own (one statement, no transaction of the caller's). */
  public Uni<Long> append(StreamId stream, long expectedVersion, List<NewEvent> events) {
    return append(pool, stream, expectedVersion, events).invoke(ignored -> signal.signal());
  }

  /**
   * Appends in the caller's transaction (pass the transaction's connection, best from {@link
   * #inTransaction}), so that whatever else it changes commits or fails with the events. Fails with
   * {@link ConcurrencyConflictException} when the stream is not at {@code expectedVersion}; answers
   * the stream's new version.
   */
  public Uni<Long> append(
      SqlClient client, StreamId stream, long expectedVersion, List<NewEvent> events) {
    if (events.isEmpty()) {
      return Uni.createFrom().item(expectedVersion);
    }
    Span span = tracing.appending(stream.type(), stream.id(), events.size());
    return EventTracing.endedWith(
        span,
        client
            .preparedQuery(APPEND)
            .execute(arguments(stream, expectedVersion, events, traceParent(span)))
            .map(rows -> rows.iterator().next().getLong("appended"))
            .onFailure(PgException.class)
            .transform(failure -> conflictOrSame(failure, stream, expectedVersion))
            .map(
                appended -> {
                  if (appended != events.size()) {
                    throw new ConcurrencyConflictException(stream.id(), expectedVersion);
                  }
                  return expectedVersion + appended;
                }));
  }

  /** The traceparent stored with the events: the append's span, else the caller's (or none). */
  private static String traceParent(Span append) {
    return append == null ? TraceParent.current() : EventTracing.traceParentOf(append);
  }

  /**
   * Publishes again every event from {@code fromPosition} on (for a topic that was lost or
   * truncated): they go back into the outbox in their order, and the relay sends them as it sends
   * new ones. Outbox rows from that position on are replaced, not doubled, so no stream's event
   * leaves before an earlier one of the same stream; consumers skip what they applied. Answers how
   * many events were queued.
   */
  public Uni<Long> republishFrom(long fromPosition) {
    // Captured here, on the request's thread: the republished events' spans start from it.
    String current = TraceParent.current();
    String republishedIn = current == null ? "" : current;
    return pool.withTransaction(
            tx ->
                tx.preparedQuery(
                        "WITH gone AS (DELETE FROM event_store.outbox WHERE event_position >= $1),"
                            + " queued AS (INSERT INTO event_store.outbox"
                            + " (event_position, republished_in)"
                            + " SELECT position, $2 FROM event_store.events WHERE position >= $1"
                            + " ORDER BY position RETURNING 1)"
                            + " SELECT count(*) AS queued FROM queued")
                    .execute(Tuple.of(fromPosition, republishedIn))
                    .map(rows -> rows.iterator().next().getLong("queued")))
        .invoke(ignored -> signal.signal());
  }

  /** A stream that does not exist yet and its first events. */
  public record StreamStart(StreamId stream, List<NewEvent> events) {}

  /**
   * Starts many new streams, each with its first events, with one statement in the caller's
   * transaction: what a directory sync does for a page of new users. Fails with {@link
   * ConcurrencyConflictException} when any of the streams exists already (nothing is appended then
   * once the caller's transaction rolls back).
   */
  public Uni<Void> startStreams(SqlClient client, List<StreamStart> starts) {
    List<String> streamIds = new java.util.ArrayList<>();
    List<String> streamTypes = new java.util.ArrayList<>();
    List<String> streamTenants = new java.util.ArrayList<>();
    List<Long> versions = new java.util.ArrayList<>();
    List<String> eventStreams = new java.util.ArrayList<>();
    List<Long> eventVersions = new java.util.ArrayList<>();
    List<UUID> ids = new java.util.ArrayList<>();
    List<String> types = new java.util.ArrayList<>();
    List<String> tenants = new java.util.ArrayList<>();
    List<String> data = new java.util.ArrayList<>();
    for (StreamStart start : starts) {
      if (start.events().isEmpty()) {
        continue;
      }
      streamIds.add(start.stream().id());
      streamTypes.add(start.stream().type());
      streamTenants.add(start.stream().tenantId());
      versions.add((long) start.events().size());
      long version = 0;
      for (NewEvent event : start.events()) {
        eventStreams.add(start.stream().id());
        eventVersions.add(++version);
        ids.add(event.id());
        types.add(event.type().toString());
        tenants.add(start.stream().tenantId());
        data.add(event.json());
      }
    }
    if (ids.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    int expected = ids.size();
    Span span = tracing.starting(streamTypes.get(0), streamIds.size(), expected);
    return EventTracing.endedWith(
        span,
        client
            .preparedQuery(START_STREAMS)
            .execute(
                Tuple.tuple(
                    Arrays.asList(
                        streamIds.toArray(String[]::new),
                        streamTypes.toArray(String[]::new),
                        streamTenants.toArray(String[]::new),
                        versions.toArray(Long[]::new),
                        eventStreams.toArray(String[]::new),
                        eventVersions.toArray(Long[]::new),
                        ids.toArray(UUID[]::new),
                        types.toArray(String[]::new),
                        tenants.toArray(String[]::new),
                        data.toArray(String[]::new),
                        traceParent(span))))
            .map(rows -> rows.iterator().next().getLong("appended"))
            .invoke(
                appended -> {
                  if (appended != expected) {
                    throw new ConcurrencyConflictException(
                        "one of " + streamIds.size() + " new streams", 0);
                  }
                })
            .replaceWithVoid());
  }

  private static Tuple arguments(
      StreamId stream, long expectedVersion, List<NewEvent> events, String traceParent) {
    int size = events.size();
    UUID[] ids = new UUID[size];
    String[] types = new String[size];
    String[] data = new String[size];
    for (int i = 0; i < size; i++) {
      NewEvent event = events.get(i);
      ids[i] = event.id();
      types[i] = event.type().toString();
      data[i] = event.json();
    }
    // asList, not List.of: outside any trace the traceparent is null.
    return Tuple.tuple(
        Arrays.asList(
            stream.id(),
            expectedVersion,
            stream.tenantId(),
            ids,
            types,
            data,
            (long) size,
            stream.type(),
            traceParent));
  }

  private static Throwable conflictOrSame(
      Throwable failure, StreamId stream, long expectedVersion) {
    // A stream row created by a concurrent first append, or a version taken between our check and
    // insert, surfaces as a unique violation: the same lost race as a version mismatch.
    if (failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
      return new ConcurrencyConflictException(stream.id(), expectedVersion);
    }
    return failure;
  }
}
