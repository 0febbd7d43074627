package io.lanyard.eventstore;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Makes one replica of a service the one that does a piece of work (relay the outbox, run a
 * consumer): a PostgreSQL session advisory lock, held on a connection of its own. If the holder
 * dies or its connection breaks, PostgreSQL releases the lock and another replica takes it.
 */
public final class LeaderLock implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(LeaderLock.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final Vertx vertx;
  private final PgConnectOptions options;
  private final String name;
  private volatile PgConnection connection;

  public LeaderLock(Vertx vertx, PgConnectOptions options, String name) {
    this.vertx = vertx;
    this.options = options;
    this.name = name;
  }

  /**
   * Takes the lock if no one holds it; answers whether this process holds it now. Blocks: call it
   * from the worker that needs the lock, never from an event loop.
   */
  public boolean tryAcquire() {
    if (isHeld()) {
      return true;
    }
    PgConnection candidate = PgConnection.connect(vertx, options).await().atMost(TIMEOUT);
    try {
      boolean acquired =
          candidate
              .preparedQuery("SELECT pg_try_advisory_lock(hashtext($1)) AS acquired")
              .execute(Tuple.of(name))
              .await()
              .atMost(TIMEOUT)
              .iterator()
              .next()
              .getBoolean("acquired");
      if (!acquired) {
        candidate.closeAndAwait();
        return false;
      }
      candidate.closeHandler(
          () -> {
            if (connection == candidate) {
              connection = null;
              LOG.warnf("lost the lock %s: its connection closed", name);
            }
          });
      connection = candidate;
      LOG.infof("holding the lock %s", name);
      return true;
    } catch (RuntimeException e) {
      candidate.closeAndForget();
      throw e;
    }
  }

  /** The connection that holds the lock, for work that must stop when the lock goes (LISTEN). */
  public PgConnection connection() {
    return connection;
  }

  public boolean isHeld() {
    return connection != null;
  }

  @Override
  public void close() {
    PgConnection current = connection;
    connection = null;
    if (current != null) {
      current.closeAndForget();
    }
  }
}
