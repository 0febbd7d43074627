package io.lanyard.eventstore.outbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Duration;

/**
 * What waits in the outbox, as the database holds it: how many events, and how long the oldest has
 * waited. Read from the table rather than from the relay, so that a relay that stopped shows as an
 * outbox growing old.
 */
public record OutboxBacklog(long depth, Duration oldestAge) {

  public static final OutboxBacklog EMPTY = new OutboxBacklog(0, Duration.ZERO);

  // The oldest row by id is the oldest queued (ids follow appends): one index probe, not a scan.
  private static final String MEASURE =
      "SELECT (SELECT count(*) FROM event_store.outbox) AS depth,"
          + " (SELECT EXTRACT(EPOCH FROM now() - e.occurred_at) FROM event_store.outbox o"
          + " JOIN event_store.events e ON e.position = o.event_position"
          + " ORDER BY o.id LIMIT 1)::float8 AS age";

  public static Uni<OutboxBacklog> measure(Pool pool) {
    return pool.query(MEASURE)
        .execute()
        .map(
            rows -> {
              Row row = rows.iterator().next();
              Double age = row.getDouble("age");
              return new OutboxBacklog(
                  row.getLong("depth"),
                  age == null
                      ? Duration.ZERO
                      : Duration.ofMillis(Math.max(0, Math.round(age * 1000))));
            });
  }
}
