package io.lanyard.eventstore;

import static io.lanyard.eventstore.RelayFixture.appendInterleaved;
import static io.lanyard.eventstore.RelayFixture.header;
import static io.lanyard.eventstore.RelayFixture.relay;
import static io.lanyard.eventstore.RelayFixture.versionsByKey;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanyard.contracts.CloudEventAttributes;
import io.lanyard.eventstore.outbox.OutboxBacklog;
import io.lanyard.eventstore.outbox.OutboxRelay;
import io.lanyard.eventstore.tracing.EventTracing;
import io.lanyard.testplatform.TestTopics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OutboxRelayTest {

  TestDatabase db;
  String topic;

  @BeforeEach
  void freshDatabaseAndTopic() {
    db = TestDatabase.fresh("relay");
    topic = TestTopics.create("test.relay", 3);
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void publishesEveryEventInOrderPerKeyAsCloudEvents() throws Exception {
    List<String> streams = appendInterleaved(db, 12, 30, 3);
    try (OutboxRelay relay = relay(db, topic, new SimpleMeterRegistry())) {
      relay.start();
      List<ConsumerRecord<String, byte[]>> records =
          TestTopics.readAll(topic, 12 * 30, Duration.ofSeconds(30));
      assertEquals(12 * 30, records.size());
      Map<String, List<Long>> byKey = versionsByKey(records);
      List<Long> oneToThirty = LongStream.rangeClosed(1, 30).boxed().toList();
      for (String stream : streams) {
        assertEquals(oneToThirty, byKey.get(stream), "order of stream " + stream);
      }
      ConsumerRecord<String, byte[]> first = records.get(0);
      assertEquals("1.0", header(first, CloudEventAttributes.SPEC_VERSION));
      assertEquals("io.lanyard.test.Ticked.v1", header(first, CloudEventAttributes.TYPE));
      assertEquals("acme", header(first, CloudEventAttributes.TENANT_ID));
      assertEquals(first.key(), header(first, CloudEventAttributes.SUBJECT));
      assertEquals("test-relay", header(first, CloudEventAttributes.SOURCE));
      assertEquals("application/json", header(first, CloudEventAttributes.CONTENT_TYPE));
      assertTrue(new String(first.value(), StandardCharsets.UTF_8).startsWith("{\"n\":"));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> db.count("SELECT count(*) FROM event_store.outbox") == 0);
    }
  }

  @Test
  void theBacklogIsWhatWaitsAndHowLongTheOldestHasWaited() throws Exception {
    assertEquals(OutboxBacklog.EMPTY, OutboxBacklog.measure(db.pool).await().indefinitely());
    appendInterleaved(db, 3, 4, 2);
    // Time for the oldest event to wait: its age is what is measured.
    Thread.sleep(300);

    OutboxBacklog waiting = OutboxBacklog.measure(db.pool).await().indefinitely();
    assertEquals(12, waiting.depth());
    assertTrue(waiting.oldestAge().toMillis() >= 300, "waited " + waiting.oldestAge());
    try (OutboxRelay relay = relay(db, topic, new SimpleMeterRegistry())) {
      relay.start();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> OutboxBacklog.measure(db.pool).await().indefinitely().depth() == 0);
      assertEquals(OutboxBacklog.EMPTY, OutboxBacklog.measure(db.pool).await().indefinitely());
    }
  }

  @Test
  void republishingSendsEveryEventAgainInOrderPerStream() throws Exception {
    List<String> streams = appendInterleaved(db, 4, 10, 2);
    try (OutboxRelay relay = relay(db, topic, new SimpleMeterRegistry())) {
      relay.start();
      assertEquals(40, TestTopics.readAll(topic, 40, Duration.ofSeconds(30)).size());
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> db.count("SELECT count(*) FROM event_store.outbox") == 0);
      long from = db.count("SELECT min(position) FROM event_store.events WHERE version = 6");

      long queued = db.store().republishFrom(from).await().indefinitely();

      assertEquals(
          db.count("SELECT count(*) FROM event_store.events WHERE position >= " + from), queued);
      List<ConsumerRecord<String, byte[]>> records =
          TestTopics.readAll(topic, 40 + (int) queued, Duration.ofSeconds(30));
      assertEquals(40 + queued, records.size());
      Map<String, List<Long>> byKey = versionsByKey(records);
      for (String stream : streams) {
        List<Long> versions = byKey.get(stream);
        List<Long> again = versions.subList(10, versions.size());
        assertEquals(
            again.stream().sorted().toList(), again, "republished in order: stream " + stream);
      }
    }
  }

  @Test
  void aTopicDeletedAndRecreatedIsRepublishedWhole() throws Exception {
    appendInterleaved(db, 4, 10, 2);
    try (OutboxRelay relay = relay(db, topic, new SimpleMeterRegistry())) {
      relay.start();
      assertEquals(40, TestTopics.readAll(topic, 40, Duration.ofSeconds(30)).size());
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> db.count("SELECT count(*) FROM event_store.outbox") == 0);

      TestTopics.delete(topic);
      TestTopics.createNamed(topic, 3);
      assertEquals(40L, db.store().republishFrom(0).await().indefinitely());
      relay.renewProducer();

      // What the ops API does after a republish: the old producer's sequence numbers may be
      // refused by the new topic's partitions until its sends time out (seen: OperationsTest).
      assertEquals(40, TestTopics.readAll(topic, 40, Duration.ofSeconds(10)).size());
    }
  }

  @Test
  void wakesOnCommitRatherThanWaitingForItsPoll() throws Exception {
    OutboxRelay.Settings slowPoll =
        new OutboxRelay.Settings(
            "test-relay",
            topic,
            "test-relay",
            500,
            Duration.ofMinutes(5),
            Duration.ofMillis(200),
            Duration.ofSeconds(30));
    try (OutboxRelay relay =
        new OutboxRelay(
            slowPoll,
            TestDatabase.VERTX,
            db.options,
            TestTopics::producer,
            new SimpleMeterRegistry(),
            EventTracing.NONE)) {
      relay.start();
      await().atMost(Duration.ofSeconds(10)).until(relay::isActive);
      appendInterleaved(db, 1, 1, 1);
      // With a five-minute poll, only the NOTIFY at commit can bring the event out this soon.
      assertEquals(1, TestTopics.readAll(topic, 1, Duration.ofSeconds(10)).size());
    }
  }

  @Test
  void ofTwoRelaysForOneServiceOnlyOnePublishesAndTheOtherTakesOverWhenItStops() throws Exception {
    SimpleMeterRegistry firstMetrics = new SimpleMeterRegistry();
    SimpleMeterRegistry secondMetrics = new SimpleMeterRegistry();
    OutboxRelay first = relay(db, topic, firstMetrics);
    OutboxRelay second = relay(db, topic, secondMetrics);
    try {
      first.start();
      await().atMost(Duration.ofSeconds(10)).until(first::isActive);
      second.start();
      appendInterleaved(db, 5, 20, 2);
      assertEquals(100, TestTopics.readAll(topic, 100, Duration.ofSeconds(30)).size());
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> db.count("SELECT count(*) FROM event_store.outbox") == 0);
      assertFalse(second.isActive());
      assertEquals(100.0, published(firstMetrics));
      assertEquals(0.0, published(secondMetrics));
      // No duplicates while one relay publishes alone.
      assertEquals(100, TestTopics.readAll(topic, 101, Duration.ofSeconds(2)).size());

      first.close();
      await().atMost(Duration.ofSeconds(10)).until(second::isActive);
      appendInterleaved(db, 2, 10, 5);
      assertEquals(120, TestTopics.readAll(topic, 120, Duration.ofSeconds(30)).size());
      assertEquals(20.0, published(secondMetrics));
    } finally {
      first.close();
      second.close();
    }
  }

  private static double published(SimpleMeterRegistry registry) {
    return registry.get("lanyard.outbox.published").counter().count();
  }
}
