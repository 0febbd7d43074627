package io.lanyard.eventstore.consumer;

import io.lanyard.contracts.EventEnvelope;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Applies events to a handler's projection once per consumer name: each event in a transaction that
 * also claims its stream version for the consumer, so a redelivered or republished event changes
 * nothing. The live consumer and a rebuild beside it are two names over the same handler.
 */
final class EventApplier {

  static final Duration DB_TIMEOUT = Duration.ofSeconds(30);

  private static final String CLAIM =
      "INSERT INTO event_store.consumer_streams (consumer, source, stream_id, version)"
          + " VALUES ($1, $2, $3, $4) ON CONFLICT (consumer, source, stream_id)"
          + " DO UPDATE SET version = excluded.version"
          + " WHERE consumer_streams.version < excluded.version";

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
   * failure rolls all of it back.
   */
  int applyAll(List<EventEnvelope> events, BiFunction<SqlClient, Integer, Uni<?>> after) {
    int[] fresh = {0};
    pool.withTransaction(
            tx -> {
              Uni<Void> chain = prepare(tx);
              for (EventEnvelope event : events) {
                chain =
                    chain.chain(
                        () ->
                            claim(tx, event)
                                .call(
                                    isNew -> {
                                      if (!isNew) {
                                        return Uni.createFrom().voidItem();
                                      }
                                      fresh[0]++;
                                      return handler.apply(event, tx);
                                    })
                                .replaceWithVoid());
              }
              return chain.chain(() -> after.apply(tx, fresh[0])).replaceWithVoid();
            })
        .await()
        .atMost(DB_TIMEOUT);
    return fresh[0];
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
   */
  private Uni<Void> prepare(SqlConnection tx) {
    Uni<Void> relaxed = tx.query("SET LOCAL synchronous_commit = off").execute().replaceWithVoid();
    if (searchPath == null) {
      return relaxed;
    }
    return relaxed.chain(
        () -> tx.query("SET LOCAL search_path TO " + searchPath).execute().replaceWithVoid());
  }

  private Uni<Boolean> claim(SqlConnection tx, EventEnvelope event) {
    return tx.preparedQuery(CLAIM)
        .execute(Tuple.of(consumerName, event.source(), event.subject(), event.streamVersion()))
        .map(rows -> rows.rowCount() > 0);
  }
}
