package io.lanyard.eventstore;

import io.lanyard.eventstore.outbox.OutboxRelay;
import io.lanyard.eventstore.tracing.EventTracing;
import io.lanyard.testplatform.TestPlatform;
import io.lanyard.testplatform.TestTopics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.mutiny.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import java.time.Duration;

/** A relay in a process of its own, for {@link RelayCrashTest} to kill. Runs until killed. */
public final class RelayMain {

  public static void main(String[] args) throws InterruptedException {
    String database = args[0];
    String topic = args[1];
    Vertx vertx = Vertx.vertx();
    PgConnectOptions options =
        new PgConnectOptions()
            .setHost(TestPlatform.postgresHost())
            .setPort(TestPlatform.postgresPort())
            .setUser(TestPlatform.postgresUser())
            .setDatabase(database);
    OutboxRelay relay =
        new OutboxRelay(
            OutboxRelay.Settings.of("test-relay", topic)
                .withBatchSize(100)
                .withStandbyRetry(Duration.ofMillis(200)),
            vertx,
            options,
            TestTopics::producer,
            new SimpleMeterRegistry(),
            EventTracing.NONE);
    relay.start();
    Thread.currentThread().join();
  }
}
