package io.lanyard.eventstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LeaderLockTest {

  /**
   * Who holds an advisory lock taken as {@code pg_try_advisory_lock(hashtext(name))}: the lock's
   * bigint key shows its low half in {@code objid} (the runbooks' query).
   */
  private static final String HOLDERS =
      "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
          + " WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1"
          + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
          + " AND l.objid = (hashtext($1)::bigint & 4294967295)::oid";

  TestDatabase db;

  @BeforeEach
  void freshDatabase() {
    db = TestDatabase.fresh("leader_lock");
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void theHolderIsFoundInPostgresByItsReplicaAndLockName() {
    try (LeaderLock holder = db.lock("outbox-relay:some-service");
        LeaderLock standby = db.lock("outbox-relay:some-service")) {
      assertTrue(holder.tryAcquire());
      assertFalse(standby.tryAcquire(), "one holder at a time");

      assertEquals(
          List.of(LeaderLock.replica() + " outbox-relay:some-service"),
          holders("outbox-relay:some-service"));
      assertTrue(
          LeaderLock.replica().matches(".+:" + ProcessHandle.current().pid()),
          LeaderLock.replica());

      holder.close();
      assertTrue(standby.tryAcquire(), "the lock goes with its connection");
      assertEquals(1, holders("outbox-relay:some-service").size());
    }
  }

  @Test
  void aLongLockNameKeepsTheReplicaInTheApplicationName() {
    String name = "consumer:a-service-with-a-rather-long-name.and-a-long-projection-name";
    try (LeaderLock lock = db.lock(name)) {
      assertTrue(lock.tryAcquire());
      List<String> holders = holders(name);
      assertEquals(1, holders.size());
      assertTrue(holders.get(0).startsWith(LeaderLock.replica() + " "), holders.get(0));
    }
  }

  private List<String> holders(String lockName) {
    RowSet<Row> rows =
        db.pool.preparedQuery(HOLDERS).execute(Tuple.of(lockName)).await().indefinitely();
    List<String> names = new ArrayList<>();
    rows.forEach(row -> names.add(row.getString("application_name")));
    return names;
  }
}
