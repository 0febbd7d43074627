package io.lanyard.eventstore.consumer;

import io.lanyard.contracts.EventEnvelope;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * What a consumer does with each event: change its projection (or record a side effect to do)
 * through {@code tx}, the transaction that also marks the event as applied. A failure rolls both
 * back; an event that keeps failing goes to the dead-letter topic.
 */
public interface EventHandler {

  Uni<Void> apply(EventEnvelope event, SqlConnection tx);

  /** Drops everything this handler built, so that a rebuild from the topics starts clean. */
  default Uni<Void> reset(SqlConnection tx) {
    return Uni.createFrom().voidItem();
  }
}
