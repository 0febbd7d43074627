package io.lanyard.directory.infra;

import static io.lanyard.directory.infra.ScimUserEvents.AT;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lanyard.contracts.identity.UserCreatedV1;
import io.lanyard.directory.application.ScimUserRow;
import io.lanyard.directory.application.ScimUserStore;
import io.lanyard.directory.domain.DirectoryLink;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A SCIM create records the users identity-service answered while the feed inserts the same users
 * from identity's events: both write {@code scim_users}, in transactions of their own, at the same
 * moment (found by {@code ./lanyard bench scim}).
 */
@QuarkusTest
class ScimUsersWhileTheFeedWritesTest {

  @Inject ScimUsers users;
  @Inject Pool pool;

  /**
   * A SCIM create's link and identity's creation event are applied in two transactions at once,
   * each before the other commits, so neither sees the other's row and the user is left without the
   * name the link gave (found by {@code EntraProvisioningTest}: a create's answer had no name). The
   * create's answer, recorded after its link committed, brings the link's values in.
   */
  @Test
  void aCreateRecordedAfterItsLinkHasTheLinksNameThoughTheCreationMissedIt() {
    UUID id = UUID.randomUUID();
    SqlConnection feed = pool.getConnection().await().indefinitely();
    try {
      Transaction open = feed.begin().await().indefinitely();
      users.created(feed, creation(id), 1, AT).await().indefinitely();
      pool.withTransaction(tx -> users.applyLink(tx, link(id))).await().indefinitely();
      open.commit().await().indefinitely();
    } finally {
      feed.close().await().indefinitely();
    }
    assertEquals(null, familyName(id), "the race this test is about did not happen");

    Map<UUID, ScimUserRow> answered =
        users.record(pool, "acme", List.of(recorded(id))).await().indefinitely();

    assertEquals("Tester", familyName(id));
    assertEquals("Tester", answered.get(id).name().familyName());
  }

  /**
   * The feed holds one new user (its transaction not committed yet) and then inserts a second while
   * a run records both: the run waits for the feed, never the other way round as well (a batch in
   * one transaction held the second user and waited for the first: a deadlock, and the SCIM client
   * got a 500).
   */
  @Test
  void aRunRecordingUsersTheFeedIsInsertingWaitsForItAndNeverDeadlocks() throws Exception {
    UUID first = UUID.randomUUID();
    UUID second = UUID.randomUUID();
    SqlConnection feed = pool.getConnection().await().indefinitely();
    CompletableFuture<Map<UUID, ScimUserRow>> recording;
    try {
      Transaction open = feed.begin().await().indefinitely();
      users.created(feed, creation(first), 1, AT).await().indefinitely();
      recording =
          users
              .record(pool, "acme", List.of(recorded(second), recorded(first)))
              .subscribeAsCompletionStage()
              .toCompletableFuture();
      awaitWaitingOnALock();
      users.created(feed, creation(second), 1, AT).await().indefinitely();
      open.commit().await().indefinitely();
    } finally {
      feed.close().await().indefinitely();
    }
    recording.get(10, TimeUnit.SECONDS);
    assertEquals(
        2L,
        pool.preparedQuery("SELECT count(*) FROM scim_users WHERE user_id = ANY($1)")
            .execute(Tuple.of((Object) new UUID[] {first, second}))
            .await()
            .indefinitely()
            .iterator()
            .next()
            .getLong(0));
  }

  /** Until a statement of this database waits on a row lock (the run's, on the feed's row). */
  private void awaitWaitingOnALock() {
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(20))
        .alias("the run waits for the feed's row")
        .until(
            () ->
                pool.query(
                            "SELECT count(*) FROM pg_stat_activity WHERE datname ="
                                + " current_database() AND wait_event_type = 'Lock' AND query"
                                + " LIKE 'INSERT INTO scim_users%'")
                        .execute()
                        .await()
                        .indefinitely()
                        .iterator()
                        .next()
                        .getLong(0)
                    > 0);
  }

  private static UserCreatedV1 creation(UUID id) {
    return ScimUserEvents.creation(id, "kim");
  }

  private static DirectoryLink.Event link(UUID id) {
    return ScimUserEvents.link(id, "kim");
  }

  private static ScimUserStore.Recorded recorded(UUID id) {
    return new ScimUserStore.Recorded(
        id,
        "kim-" + id + "@acme.example",
        "Kim Tester",
        "kim@acme.example",
        null,
        "scim",
        "entra-kim",
        true,
        1,
        AT,
        AT);
  }

  private String familyName(UUID id) {
    return pool.preparedQuery("SELECT family_name FROM scim_users WHERE user_id = $1")
        .execute(Tuple.of(id))
        .await()
        .indefinitely()
        .iterator()
        .next()
        .getString(0);
  }
}
