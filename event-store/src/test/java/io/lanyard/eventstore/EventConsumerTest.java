package io.lanyard.eventstore;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanyard.contracts.EventEnvelope;
import io.lanyard.contracts.EventType;
import io.lanyard.eventstore.consumer.EventConsumer;
import io.lanyard.eventstore.consumer.EventHandler;
import io.lanyard.eventstore.consumer.RebuildProgress;
import io.lanyard.eventstore.kafka.CloudEventRecords;
import io.lanyard.eventstore.tracing.EventTracing;
import io.lanyard.testplatform.TestTopics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventConsumerTest {

  static final EventType TICKED = EventType.of("test", "Ticked", 1);
  static final EventType POISON = EventType.of("test", "Poison", 1);

  /** Applies only while {@link #DEPENDENCY_ANSWERS}: needs another service, say. */
  static final EventType NEEDS_DEPENDENCY = EventType.of("test", "NeedsDependency", 1);

  static final java.util.concurrent.atomic.AtomicBoolean DEPENDENCY_ANSWERS =
      new java.util.concurrent.atomic.AtomicBoolean(true);
  static final String MODULE = "event-store-test";

  TestDatabase db;
  String topic;
  String deadLetters;
  SimpleMeterRegistry metrics;
  KafkaProducer<String, byte[]> producer;

  @BeforeEach
  void setUp() {
    db = TestDatabase.fresh("consumer");
    db.pool
        .query(
            "CREATE TABLE tick_counts (stream_id text PRIMARY KEY, applied int NOT NULL,"
                + " last_version bigint NOT NULL, digest text NOT NULL)")
        .execute()
        .await()
        .indefinitely();
    db.pool
        .query("CREATE TABLE tick_mails (event_id uuid PRIMARY KEY)")
        .execute()
        .await()
        .indefinitely();
    topic = TestTopics.create("test.consumer", 3);
    deadLetters = io.lanyard.contracts.Topics.deadLetter(MODULE);
    if (!topicExists(deadLetters)) {
      TestTopics.createNamed(deadLetters, 1);
    }
    metrics = new SimpleMeterRegistry();
    producer = TestTopics.producer();
  }

  @AfterEach
  void tearDown() {
    producer.close();
    db.close();
  }

  /**
   * A projection: per stream, how many events were applied, the last version, a digest; and a side
   * effect owed for every tenth version (an email, say).
   */
  static final class TickCounts implements EventHandler {
    @Override
    public Uni<Void> apply(EventEnvelope event, SqlConnection tx) {
      if (event.type().equals(POISON)) {
        return Uni.createFrom().failure(new IllegalArgumentException("cannot apply a poison"));
      }
      if (event.type().equals(NEEDS_DEPENDENCY) && !DEPENDENCY_ANSWERS.get()) {
        return Uni.createFrom()
            .failure(
                new io.lanyard.eventstore.consumer.ApplyLater(
                    "the dependency does not answer", new java.net.ConnectException()));
      }
      return tx.preparedQuery(
              "INSERT INTO tick_counts VALUES ($1, 1, $2, md5($3))"
                  + " ON CONFLICT (stream_id) DO UPDATE SET applied = tick_counts.applied + 1,"
                  + " last_version = $2, digest = md5(tick_counts.digest || $3)")
          .execute(
              Tuple.of(
                  event.subject(),
                  event.streamVersion(),
                  new String(event.data(), StandardCharsets.UTF_8)))
          .call(
              () ->
                  event.streamVersion() % 10 == 0
                      ? tx.preparedQuery(
                              "INSERT INTO tick_mails VALUES ($1) ON CONFLICT DO NOTHING")
                          .execute(Tuple.of(event.id()))
                      : Uni.createFrom().voidItem())
          .replaceWithVoid();
    }

    @Override
    public List<String> projectionTables() {
      return List.of("tick_counts");
    }

    @Override
    public List<String> keptTables() {
      return List.of("tick_mails");
    }
  }

  EventConsumer consumer(String name) {
    return new EventConsumer(
        EventConsumer.Settings.of(name, deadLetters, List.of(topic))
            .withStandbyRetry(Duration.ofMillis(200)),
        db.pool,
        db.lock("consumer:" + name),
        TestTopics::consumer,
        TestTopics::producer,
        new TickCounts(),
        metrics,
        EventTracing.NONE);
  }

  /** Runs a consumer until {@code done} holds and it has read everything, then stops it. */
  void consumeUntil(String name, java.util.concurrent.Callable<Boolean> done) {
    try (EventConsumer consumer = consumer(name)) {
      consumer.start();
      await().atMost(Duration.ofSeconds(30)).until(() -> done.call() && consumer.lag() == 0);
    }
  }

  void send(EventEnvelope event) throws Exception {
    producer.send(CloudEventRecords.toRecord(topic, event)).get();
  }

  static EventEnvelope tick(String stream, long version) {
    return event(TICKED, stream, version);
  }

  static EventEnvelope event(EventType type, String stream, long version) {
    return new EventEnvelope(
        UUID.randomUUID(),
        "test-service",
        type,
        stream,
        Instant.now(),
        "acme",
        version,
        ("{\"n\":" + version + "}").getBytes(StandardCharsets.UTF_8));
  }

  Map<String, String> projection() {
    Map<String, String> rows = new TreeMap<>();
    for (Row row : db.pool.query("SELECT * FROM tick_counts").execute().await().indefinitely()) {
      rows.put(
          row.getString("stream_id"),
          row.getInteger("applied")
              + "/"
              + row.getLong("last_version")
              + "/"
              + row.getString("digest"));
    }
    return rows;
  }

  long applied(String stream) {
    return db.count(
        "SELECT coalesce(sum(applied), 0) FROM tick_counts WHERE stream_id = '" + stream + "'");
  }

  @Test
  void aRedeliveredOrRepublishedEventIsAppliedOnce() throws Exception {
    String stream = UUID.randomUUID().toString();
    EventEnvelope first = tick(stream, 1);
    send(first);
    send(tick(stream, 2));
    send(first); // the relay published it again after a crash
    send(tick(stream, 3));
    consumeUntil("redelivery", () -> applied(stream) == 3);
    // Offsets redelivered as well: forget the checkpoints, keep what was applied.
    db.pool.query("DELETE FROM event_store.consumer_checkpoints").execute().await().indefinitely();
    consumeUntil("redelivery", () -> true);
    assertEquals(3, applied(stream));
    assertEquals(3.0, metrics.get("lanyard.consumer.applied").counter().count());
    assertEquals(5.0, metrics.get("lanyard.consumer.skipped").counter().count());
  }

  @Test
  void aRestartedConsumerResumesFromItsCheckpoint() throws Exception {
    String stream = UUID.randomUUID().toString();
    send(tick(stream, 1));
    send(tick(stream, 2));
    consumeUntil("resume", () -> applied(stream) == 2);
    send(tick(stream, 3));
    consumeUntil("resume", () -> applied(stream) == 3);
    assertEquals(0.0, metrics.get("lanyard.consumer.skipped").counter().count());
  }

  @Test
  void aPoisonEventGoesToTheDeadLetterTopicAndTheStreamGoesOn() throws Exception {
    int lettersBefore = TestTopics.readToEnd(deadLetters).size();
    String stream = UUID.randomUUID().toString();
    send(tick(stream, 1));
    producer
        .send(new ProducerRecord<>(topic, stream, "not an event".getBytes(StandardCharsets.UTF_8)))
        .get();
    send(event(POISON, stream, 2));
    send(tick(stream, 3));
    consumeUntil("poison", () -> applied(stream) == 2);
    assertEquals(
        3L, db.count("SELECT last_version FROM tick_counts WHERE stream_id = '" + stream + "'"));
    assertEquals(2.0, metrics.get("lanyard.consumer.dead.letters").counter().count());

    List<ConsumerRecord<String, byte[]>> letters = TestTopics.readToEnd(deadLetters);
    List<ConsumerRecord<String, byte[]>> ours =
        new ArrayList<>(letters.subList(lettersBefore, letters.size()));
    assertEquals(2, ours.size());
    assertEquals(stream, ours.get(0).key());
    assertTrue(
        RelayFixture.header(ours.get(0), "lanyard_dlq_error").contains("MalformedEventException"));
    assertTrue(
        RelayFixture.header(ours.get(1), "lanyard_dlq_error").contains("cannot apply a poison"));
    assertEquals("io.lanyard.test.Poison.v1", RelayFixture.header(ours.get(1), "ce_type"));
    assertEquals(topic, RelayFixture.header(ours.get(1), "lanyard_dlq_topic"));
    assertEquals("poison", RelayFixture.header(ours.get(1), "lanyard_dlq_consumer"));
  }

  @Test
  void anEventWhoseDependencyIsAwayWaitsForItAndIsNeverDeadLettered() throws Exception {
    int lettersBefore = TestTopics.readToEnd(deadLetters).size();
    String stream = UUID.randomUUID().toString();
    DEPENDENCY_ANSWERS.set(false);
    try (EventConsumer consumer = consumer("waits")) {
      consumer.start();
      send(tick(stream, 1));
      send(event(NEEDS_DEPENDENCY, stream, 2));
      send(tick(stream, 3));
      await().atMost(Duration.ofSeconds(30)).until(() -> applied(stream) == 1);
      // Far longer than the attempts before a poison event is set aside (3, 100 ms apart).
      Thread.sleep(3_000);
      assertEquals(1, applied(stream), "nothing after the waiting event is applied before it");
      DEPENDENCY_ANSWERS.set(true);
      await().atMost(Duration.ofSeconds(30)).until(() -> applied(stream) == 3);
    } finally {
      DEPENDENCY_ANSWERS.set(true);
    }
    assertEquals(lettersBefore, TestTopics.readToEnd(deadLetters).size());
    assertEquals(
        3L, db.count("SELECT last_version FROM tick_counts WHERE stream_id = '" + stream + "'"));
  }

  @Test
  void aRebuildWhileEventsArriveSwapsInTheSameProjectionAndCausesNothingTwice() throws Exception {
    List<String> streams = new ArrayList<>();
    for (int s = 0; s < 10; s++) {
      String stream = UUID.randomUUID().toString();
      streams.add(stream);
      for (int v = 1; v <= 200; v++) {
        send(tick(stream, v));
      }
    }
    try (EventConsumer consumer = consumer("rebuild")) {
      consumer.start();
      await().atMost(Duration.ofSeconds(60)).until(() -> total() == 2000 && consumer.lag() == 0);
      // One owed side effect done and cleared: a replay must not owe it again.
      db.pool
          .query(
              "DELETE FROM tick_mails WHERE event_id IN (SELECT event_id FROM tick_mails"
                  + " LIMIT 1)")
          .execute()
          .await()
          .indefinitely();
      long mailsBefore = db.count("SELECT count(*) FROM tick_mails");
      String before = consumer.checksum();

      RebuildProgress rebuild = consumer.rebuild();
      assertThrows(IllegalStateException.class, consumer::rebuild);
      // The live projection goes on answering and following the topic during the rebuild.
      for (int v = 201; v <= 230; v++) {
        for (String stream : streams) {
          send(tick(stream, v));
        }
        assertTrue(total() >= 2000);
      }
      await().atMost(Duration.ofSeconds(60)).until(() -> !rebuild.running());
      RebuildProgress.Status done = rebuild.status();
      assertEquals(RebuildProgress.State.DONE, done.state(), String.valueOf(done.error()));
      assertEquals(done.liveChecksum(), done.rebuiltChecksum());
      assertTrue(done.eventsRead() >= 2000, "read " + done.eventsRead());
      assertEquals(done.eventsTotal(), done.eventsRead());

      await().atMost(Duration.ofSeconds(30)).until(() -> total() == 2300 && consumer.lag() == 0);
      for (String stream : streams) {
        assertEquals(230, applied(stream));
      }
      assertEquals(mailsBefore + 30, db.count("SELECT count(*) FROM tick_mails"));
      assertTrue(!before.equals(consumer.checksum()));
      assertEquals(
          0L,
          db.count(
              "SELECT count(*) FROM information_schema.schemata"
                  + " WHERE schema_name LIKE 'rebuild_%'"));
    }
  }

  @Test
  void aRebuildWhoseDependencyIsAwayWaitsForItAndThenFinishes() throws Exception {
    String stream = UUID.randomUUID().toString();
    try (EventConsumer consumer = consumer("rebuild-waits")) {
      consumer.start();
      send(tick(stream, 1));
      send(event(NEEDS_DEPENDENCY, stream, 2));
      send(tick(stream, 3));
      await().atMost(Duration.ofSeconds(30)).until(() -> applied(stream) == 3);
      DEPENDENCY_ANSWERS.set(false);
      RebuildProgress rebuild = consumer.rebuild();
      Thread.sleep(3_000);
      assertTrue(rebuild.running(), "waiting, not failed: " + rebuild.status());
      DEPENDENCY_ANSWERS.set(true);
      await().atMost(Duration.ofSeconds(60)).until(() -> !rebuild.running());
      RebuildProgress.Status done = rebuild.status();
      assertEquals(RebuildProgress.State.DONE, done.state(), String.valueOf(done.error()));
      assertEquals(done.liveChecksum(), done.rebuiltChecksum());
    } finally {
      DEPENDENCY_ANSWERS.set(true);
    }
  }

  long total() {
    return db.count("SELECT coalesce(sum(applied), 0) FROM tick_counts");
  }

  @Test
  void onlyOneReplicaConsumes() throws Exception {
    String stream = UUID.randomUUID().toString();
    try (EventConsumer first = consumer("single");
        EventConsumer second = consumer("single")) {
      first.start();
      await().atMost(Duration.ofSeconds(10)).until(first::active);
      second.start();
      for (int v = 1; v <= 5; v++) {
        send(tick(stream, v));
      }
      await().atMost(Duration.ofSeconds(20)).until(() -> applied(stream) == 5);
      assertTrue(!second.active());
      first.close();
      await().atMost(Duration.ofSeconds(10)).until(second::active);
      send(tick(stream, 6));
      await().atMost(Duration.ofSeconds(20)).until(() -> applied(stream) == 6);
    }
  }

  static boolean topicExists(String name) {
    try (var admin =
        org.apache.kafka.clients.admin.Admin.create(
            Map.of(
                "bootstrap.servers",
                io.lanyard.testplatform.TestPlatform.kafkaBootstrapServers()))) {
      return admin.listTopics().names().get().contains(name);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
