package io.lanyard.eventstore;

import io.lanyard.testsupport.TestPlatform;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgPool;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import org.flywaydb.core.Flyway;

/** A fresh database with the event store migrated into it, on the real PostgreSQL. */
final class TestDatabase implements AutoCloseable {

  static final Vertx VERTX = Vertx.vertx();

  final String name;
  final PgConnectOptions options;
  final Pool pool;

  private TestDatabase(String name) {
    this.name = name;
    TestPlatform.requireKafka();
    TestPlatform.recreateDatabase(name);
    Flyway.configure()
        .dataSource(TestPlatform.jdbcUrl(name), TestPlatform.postgresUser(), "")
        .schemas("event_store")
        .locations("classpath:db/event-store")
        .load()
        .migrate();
    options =
        new PgConnectOptions()
            .setHost(TestPlatform.postgresHost())
            .setPort(TestPlatform.postgresPort())
            .setUser(TestPlatform.postgresUser())
            .setDatabase(name);
    pool = PgPool.pool(VERTX, options, new PoolOptions().setMaxSize(8));
  }

  static TestDatabase fresh(String name) {
    return new TestDatabase("event_store_test_" + name);
  }

  PgEventStore store() {
    return new PgEventStore(pool, Upcasters.none());
  }

  LeaderLock lock(String lockName) {
    return new LeaderLock(VERTX, options, lockName);
  }

  long count(String sql) {
    return pool.query(sql).execute().await().indefinitely().iterator().next().getLong(0);
  }

  @Override
  public void close() {
    pool.closeAndAwait();
  }
}
