package io.lanyard.eventstore;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Makes one replica of a service the one that does a piece of work (relay the outbox, run a
 * consumer): a PostgreSQL session advisory lock, held on a connection of its own. If the holder
 * dies or its connection breaks, PostgreSQL releases the lock and another replica takes it.
 *
 * <p>The lock's connection names the replica and the lock in its {@code application_name} ({@code
 * <host>:<pid> <lock>}), so an operator (or a test) finds the holder in {@code pg_stat_activity}
 * joined with {@code pg_locks}: which pod publishes, which one consumes.
 */
public final class LeaderLock implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(LeaderLock.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  /**
   * This replica as its lock connections show it: the host (in Kubernetes the pod's name) and the
   * process id (several replicas on one machine, as in the system tests).
   */
  private static final String REPLICA = hostName() + ":" + ProcessHandle.current().pid();

  private final Vertx vertx;
  private final PgConnectOptions options;
  private final String name;
  private volatile PgConnection connection;

  public LeaderLock(Vertx vertx, PgConnectOptions options, String name) {
    this.vertx = vertx;
    this.options = new PgConnectOptions(options);
    // The replica first: PostgreSQL cuts an application_name at 63 bytes, and a long lock name
    // may lose its end, while pg_locks still names the lock exactly.
    this.options.addProperty("application_name", REPLICA + " " + name);
    this.name = name;
  }

  /** This replica as the {@code application_name} of its lock connections begins: host:pid. */
  public static String replica() {
    return REPLICA;
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

  private static String hostName() {
    String pod = System.getenv("HOSTNAME");
    if (pod != null && !pod.isBlank()) {
      return pod.strip();
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown-host";
    }
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
