package io.lanyard.eventstore.consumer;

import io.lanyard.contracts.EventEnvelope;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.util.List;

/**
 * What a consumer does with each event: change its projection (or record a side effect to do)
 * through {@code tx}, the transaction that also marks the event as applied. A failure rolls both
 * back; an event that keeps failing goes to the dead-letter topic.
 *
 * <p>Tables are named unqualified: a rebuild points them at fresh copies of its own.
 */
public interface EventHandler {

  Uni<Void> apply(EventEnvelope event, SqlConnection tx);

  /**
   * A poll's new events, in their order, in one transaction. By default one at a time; a handler
   * overrides it to write runs of like events with one statement per table ({@link EventRuns}),
   * which is where a consumer of a busy topic spends its database's time.
   */
  default Uni<Void> applyAll(List<EventEnvelope> events, SqlConnection tx) {
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (EventEnvelope event : events) {
      chain = chain.chain(() -> apply(event, tx));
    }
    return chain;
  }

  /**
   * Called with a poll's events before their transaction opens: what applying them needs from
   * another service (the keys that open sealed events) is fetched here, so that no connection sits
   * idle in a transaction while that service answers. A failure is the poll's ({@link ApplyLater}:
   * it waits). By default nothing.
   */
  default Uni<Void> beforeTransaction(List<EventEnvelope> events) {
    return Uni.createFrom().voidItem();
  }

  /**
   * The tables that make up the projection: a rebuild builds fresh copies from the topics and puts
   * their rows in place of the live ones. None: the projection cannot be rebuilt.
   */
  default List<String> projectionTables() {
    return List.of();
  }

  /**
   * Tables the handler writes that a rebuild leaves as they are: side effects to carry out once (an
   * email owed), or state that is not only the events' (a run's heartbeat). During a rebuild its
   * writes to them land in throwaway copies, so that a replay causes nothing a second time.
   * Anything else it writes during a rebuild must be idempotent (a command that changes nothing the
   * second time).
   */
  default List<String> keptTables() {
    return List.of();
  }
}
