package io.lanyard.eventstore;

import io.lanyard.eventstore.tracing.EventTracing;
import io.lanyard.testplatform.TestPlatform;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgPool;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import org.flywaydb.core.Flyway;

/** A fresh database with the event store migrated into it, on the real PostgreSQL. */
public final class TestDatabase implements AutoCloseable {

  public static final Vertx VERTX = Vertx.vertx();

  public final String name;
  public final PgConnectOptions options;
  public final Pool pool;

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
            .setDatabase(name)
            .setCachePreparedStatements(true);
    pool = PgPool.pool(VERTX, options, new PoolOptions().setMaxSize(8));
  }

  public static TestDatabase fresh(String name) {
    return new TestDatabase("event_store_test_" + name);
  }

  public PgEventStore store() {
    return store(EventTracing.NONE);
  }

  public PgEventStore store(EventTracing tracing) {
    return new PgEventStore(pool, Upcasters.none(), tracing);
  }

  public LeaderLock lock(String lockName) {
    return new LeaderLock(VERTX, options, lockName);
  }

  public long count(String sql) {
    return pool.query(sql).execute().await().indefinitely().iterator().next().getLong(0);
  }

  @Override
  public void close() {
    pool.closeAndAwait();
  }
}
