package io.lanyard.device.infra;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two replicas' lockout stores on one database (each with what it knows of its own requests only):
 * a success at one while a failure of the same device is under way at the other forgets nothing.
 * The order is forced by holding the device's row: the success queues for it first, then the
 * failure (begun before the success), and both go on when the row is let go.
 */
@QuarkusTest
class LockoutStoreReplicasTest {

  private static final String TENANT = "acme";

  @Inject Pool pool;
  @Inject LockoutMirror mirror;

  @Test
  void aSuccessAtOneReplicaWhileAFailureIsUnderWayAtTheOtherForgetsNothing() throws Exception {
    LockoutStore here = replica();
    LockoutStore there = replica();
    UUID device = UUID.randomUUID();
    Instant start = Instant.now();
    here.failed(device, TENANT, "code", start).await().indefinitely();
    here.failed(device, TENANT, "code", start.plusMillis(1)).await().indefinitely();

    SqlConnection holder = pool.getConnection().await().indefinitely();
    try {
      Transaction holding = holder.begin().await().indefinitely();
      holder
          .preparedQuery("SELECT 1 FROM device_lockouts WHERE device_id = $1 FOR UPDATE")
          .execute(Tuple.of(device))
          .await()
          .indefinitely();
      CompletableFuture<Optional<Duration>> success =
          there
              .succeeded(device, TENANT, start.plusMillis(10))
              .subscribeAsCompletionStage()
              .toCompletableFuture();
      awaitWaitingForLocks(1);
      CompletableFuture<LockoutStore.Failure> failure =
          here.failed(device, TENANT, "code", start.plusMillis(9))
              .subscribeAsCompletionStage()
              .toCompletableFuture();
      awaitWaitingForLocks(2);
      holding.commit().await().indefinitely();

      assertEquals(Optional.empty(), success.get(10, TimeUnit.SECONDS), "logged in");
      failure.get(10, TimeUnit.SECONDS);
    } finally {
      holder.close().await().indefinitely();
    }
    assertEquals(3, failuresInWindow(here, device, start.plusMillis(20)), "two, then one more");
  }

  @Test
  void aSuccessAfterTheFailuresWereDecidedForgetsThemWhicheverReplicaDecidesIt() {
    LockoutStore here = replica();
    LockoutStore there = replica();
    UUID device = UUID.randomUUID();
    Instant start = Instant.now();
    here.failed(device, TENANT, "code", start).await().indefinitely();
    here.failed(device, TENANT, "code", start.plusMillis(1)).await().indefinitely();

    there.succeeded(device, TENANT, start.plusMillis(10)).await().indefinitely();
    here.failed(device, TENANT, "code", start.plusMillis(20)).await().indefinitely();

    assertEquals(1, failuresInWindow(here, device, start.plusMillis(30)), "forgotten, then one");
  }

  private LockoutStore replica() {
    return new LockoutStore(pool, mirror, 20, 20);
  }

  private static int failuresInWindow(LockoutStore store, UUID device, Instant now) {
    return store
        .view(device)
        .await()
        .indefinitely()
        .lockout()
        .failuresInWindow(now, store.policy());
  }

  /** Until {@code count} statements of this database wait for a lock (a row or advisory one). */
  private void awaitWaitingForLocks(int count) {
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(10))
        .until(
            () ->
                pool.query(
                            "SELECT count(*) AS n FROM pg_stat_activity"
                                + " WHERE datname = current_database() AND wait_event_type = 'Lock'")
                        .execute()
                        .await()
                        .indefinitely()
                        .iterator()
                        .next()
                        .getLong("n")
                    >= count);
  }
}
