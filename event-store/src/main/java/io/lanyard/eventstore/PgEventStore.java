package io.lanyard.eventstore;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A service's event store in PostgreSQL (schema {@code event_store}). An append checks and moves
 * the stream's version, stores the events and queues them in the outbox, all in the caller's
 * transaction, and signals the relay when that transaction commits.
 */
public final class PgEventStore {

  /** The channel the relay listens on; PostgreSQL delivers the signal at commit. */
  public static final String OUTBOX_CHANNEL = "lanyard_outbox";

  private static final String UNIQUE_VIOLATION = "23505";

  private static final String CREATE_STREAM =
      "INSERT INTO event_store.streams (stream_id, stream_type, tenant_id, version)"
          + " VALUES ($1, $2, $3, $4) ON CONFLICT (stream_id) DO NOTHING";
  private static final String MOVE_STREAM =
      "UPDATE event_store.streams SET version = $2 WHERE stream_id = $1 AND version = $3";
  private static final String INSERT_EVENTS =
      "WITH e AS ("
          + " INSERT INTO event_store.events"
          + " (stream_id, version, event_id, event_type, tenant_id, occurred_at, data)"
          + " SELECT $1, $2 + x.n, x.id, x.t, $3, x.at, x.d::jsonb"
          + " FROM unnest($4::uuid[], $5::text[], $6::timestamptz[], $7::text[])"
          + " WITH ORDINALITY AS x(id, t, at, d, n)"
          + " RETURNING position, version),"
          + " o AS (INSERT INTO event_store.outbox (event_position)"
          + " SELECT position FROM e ORDER BY version)"
          + " SELECT pg_notify('"
          + OUTBOX_CHANNEL
          + "', '')";
  private static final String LOAD =
      "SELECT "
          + EventRows.COLUMNS
          + " FROM event_store.events e WHERE e.stream_id = $1 ORDER BY e.version";

  private final Pool pool;
  private final Upcasters upcasters;

  public PgEventStore(Pool pool, Upcasters upcasters) {
    this.pool = pool;
    this.upcasters = upcasters;
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

  /** Appends in a transaction of its own. */
  public Uni<Long> append(StreamId stream, long expectedVersion, List<NewEvent> events) {
    return pool.withTransaction(tx -> append(tx, stream, expectedVersion, events));
  }

  /**
   * Appends in the caller's transaction, so that whatever else it changes commits or fails with the
   * events. Fails with {@link ConcurrencyConflictException} when the stream is not at {@code
   * expectedVersion}; answers the stream's new version.
   */
  public Uni<Long> append(
      SqlConnection tx, StreamId stream, long expectedVersion, List<NewEvent> events) {
    if (events.isEmpty()) {
      return Uni.createFrom().item(expectedVersion);
    }
    long newVersion = expectedVersion + events.size();
    Uni<Integer> moved =
        expectedVersion == 0
            ? tx.preparedQuery(CREATE_STREAM)
                .execute(Tuple.of(stream.id(), stream.type(), stream.tenantId(), newVersion))
                .map(rows -> rows.rowCount())
            : tx.preparedQuery(MOVE_STREAM)
                .execute(Tuple.of(stream.id(), newVersion, expectedVersion))
                .map(rows -> rows.rowCount());
    return moved
        .invoke(
            count -> {
              if (count == 0) {
                throw new ConcurrencyConflictException(stream.id(), expectedVersion);
              }
            })
        .chain(
            ignored ->
                tx.preparedQuery(INSERT_EVENTS)
                    .execute(insertArguments(stream, expectedVersion, events)))
        .map(ignored -> newVersion)
        .onFailure(PgException.class)
        .transform(failure -> conflictOrSame(failure, stream, expectedVersion));
  }

  private static Tuple insertArguments(
      StreamId stream, long expectedVersion, List<NewEvent> events) {
    int size = events.size();
    UUID[] ids = new UUID[size];
    String[] types = new String[size];
    OffsetDateTime[] times = new OffsetDateTime[size];
    String[] data = new String[size];
    for (int i = 0; i < size; i++) {
      NewEvent event = events.get(i);
      ids[i] = event.id();
      types[i] = event.type().toString();
      times[i] = event.occurredAt().atOffset(ZoneOffset.UTC);
      data[i] = event.json();
    }
    return Tuple.tuple(
        List.of(stream.id(), expectedVersion, stream.tenantId(), ids, types, times, data));
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
