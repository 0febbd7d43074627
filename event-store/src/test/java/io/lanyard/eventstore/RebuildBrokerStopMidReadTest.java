package io.lanyard.eventstore;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanyard.contracts.EventEnvelope;
import io.lanyard.contracts.Topics;
import io.lanyard.eventstore.consumer.EventConsumer;
import io.lanyard.eventstore.consumer.EventHandler;
import io.lanyard.eventstore.consumer.Rebuild;
import io.lanyard.eventstore.consumer.RebuildProgress;
import io.lanyard.eventstore.consumer.RebuildProgress.State;
import io.lanyard.eventstore.kafka.CloudEventRecords;
import io.lanyard.eventstore.tracing.EventTracing;
import io.lanyard.testplatform.TestTopics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The broker stopped while a projection rebuild is reading (issue 21): the rebuild waits and says
 * since when it is stalled, never DONE with a model it could not read; once the broker is back it
 * resumes and switches in exactly the live projection. A rebuild whose stall limit passes while the
 * broker is away ends FAILED with the reason and leaves the live projection as it was. The live
 * projections answer throughout, and rebuilds asked again afterwards work.
 *
 * <p>Two consumers of one topic, each over a database of its own: one with the default stall limit
 * (it must resume), one with a limit shorter than the outage (it must fail). Their handler pauses 2
 * ms per event during the rebuild and their Kafka clients fetch little at a time, so that the
 * rebuilds are well into their reading, with little buffered, when the broker stops.
 */
class RebuildBrokerStopMidReadTest {

  static final int STREAMS = 60;
  static final int VERSIONS = 200;
  static final int EVENTS = STREAMS * VERSIONS;
  static final long STOP_AFTER_READ = 1_500;
  static final Duration OUTAGE = Duration.ofSeconds(8);
  static final Duration SHORT_STALL_LIMIT = Duration.ofSeconds(3);

  TestDatabase resumingDb;
  TestDatabase limitedDb;
  String topic;
  String deadLetters;
  KafkaProducer<String, byte[]> producer;
  final AtomicBoolean slow = new AtomicBoolean();

  @BeforeEach
  void setUp() {
    resumingDb = TestDatabase.fresh("rebuild_outage_resumes");
    limitedDb = TestDatabase.fresh("rebuild_outage_limited");
    for (TestDatabase db : List.of(resumingDb, limitedDb)) {
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
    }
    topic = TestTopics.create("test.rebuild.outage", 3);
    deadLetters = Topics.deadLetter(EventConsumerTest.MODULE);
    if (!EventConsumerTest.topicExists(deadLetters)) {
      TestTopics.createNamed(deadLetters, 1);
    }
    producer = TestTopics.producer();
  }

  @AfterEach
  void tearDown() {
    producer.close();
    resumingDb.close();
    limitedDb.close();
  }

  /** {@link EventConsumerTest.TickCounts}, 2 ms slower per event while {@link #slow} is set. */
  final class SlowTicks implements EventHandler {
    final EventHandler ticks = new EventConsumerTest.TickCounts();

    @Override
    public Uni<Void> apply(EventEnvelope event, SqlConnection tx) {
      Uni<Void> pause =
          slow.get()
              ? tx.query("SELECT pg_sleep(0.002)").execute().replaceWithVoid()
              : Uni.createFrom().voidItem();
      return pause.chain(() -> ticks.apply(event, tx));
    }

    @Override
    public List<String> projectionTables() {
      return ticks.projectionTables();
    }

    @Override
    public List<String> keptTables() {
      return ticks.keptTables();
    }
  }

  /** Clients that fetch little at a time: what is buffered when the broker stops is soon read. */
  static KafkaConsumer<String, byte[]> smallFetches() {
    Properties config = TestTopics.consumerConfig();
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50);
    config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024);
    config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 48 * 1024);
    return new KafkaConsumer<>(config);
  }

  EventConsumer consumer(TestDatabase db, String name, Duration stallLimit) {
    return new EventConsumer(
        EventConsumer.Settings.of(name, deadLetters, List.of(topic))
            .withStandbyRetry(Duration.ofMillis(200))
            .withRebuildStallLimit(stallLimit),
        db.pool,
        db.lock("consumer:" + name),
        RebuildBrokerStopMidReadTest::smallFetches,
        TestTopics::producer,
        new SlowTicks(),
        new SimpleMeterRegistry(),
        EventTracing.NONE);
  }

  @Test
  void aRebuildReadingWhenTheBrokerStopsSaysItIsStalledAndResumesOrFailsAtItsLimit()
      throws Exception {
    List<String> streams = new ArrayList<>();
    for (int s = 0; s < STREAMS; s++) {
      streams.add(UUID.randomUUID().toString());
    }
    for (int v = 1; v <= VERSIONS; v++) {
      for (String stream : streams) {
        producer.send(CloudEventRecords.toRecord(topic, EventConsumerTest.tick(stream, v)));
      }
    }
    producer.flush();

    try (EventConsumer resuming = consumer(resumingDb, "outage-resumes", Rebuild.STALL_LIMIT);
        EventConsumer limited = consumer(limitedDb, "outage-limited", SHORT_STALL_LIMIT)) {
      resuming.start();
      limited.start();
      await()
          .atMost(Duration.ofSeconds(120))
          .until(
              () ->
                  total(resumingDb) == EVENTS
                      && total(limitedDb) == EVENTS
                      && resuming.lag() == 0
                      && limited.lag() == 0);
      Map<String, String> liveRows = rows(resumingDb);
      assertEquals(liveRows, rows(limitedDb));
      assertTrue(
          liveRows.values().stream().allMatch(row -> row.startsWith(VERSIONS + "/" + VERSIONS)));
      String liveChecksum = resuming.checksum();
      assertEquals(liveChecksum, limited.checksum());
      long mails = resumingDb.count("SELECT count(*) FROM tick_mails");

      slow.set(true);
      long rebuildStarted = System.nanoTime();
      RebuildProgress resumes = resuming.rebuild();
      RebuildProgress fails = limited.rebuild();
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  resumes.status().eventsRead() >= STOP_AFTER_READ
                      && fails.status().eventsRead() >= STOP_AFTER_READ);
      long readingFor = millisSince(rebuildStarted);

      TreeSet<State> statesWhileAway = new TreeSet<>();
      RebuildProgress.Status atStop;
      RebuildProgress.Status stalled = null;
      RebuildProgress.Status failedWhileAway = null;
      int liveReads = 0;
      long slowestLiveRead = 0;
      long stopTook;
      long startTook;
      try {
        long stopping = System.nanoTime();
        TestBroker.stop();
        stopTook = millisSince(stopping);
        atStop = resumes.status();
        assertEquals(State.READING, atStop.state(), "mid-read when the broker stopped: " + atStop);
        assertTrue(atStop.eventsRead() < atStop.eventsTotal(), "mid-read: " + atStop);
        long until = System.nanoTime() + OUTAGE.toNanos();
        while (System.nanoTime() < until) {
          RebuildProgress.Status status = resumes.status();
          statesWhileAway.add(status.state());
          assertFalse(status.finished(), "finished without a broker: " + status);
          if (status.stalledSince() != null) {
            stalled = status;
          }
          if (!fails.running() && failedWhileAway == null) {
            failedWhileAway = fails.status();
          }
          // The live projections answer from their own tables.
          long asked = System.nanoTime();
          assertEquals(EVENTS, total(resumingDb));
          assertEquals(liveChecksum, resuming.checksum());
          assertEquals(EVENTS, total(limitedDb));
          assertEquals(liveChecksum, limited.checksum());
          slowestLiveRead = Math.max(slowestLiveRead, millisSince(asked));
          liveReads++;
          TimeUnit.MILLISECONDS.sleep(100);
        }
      } finally {
        long starting = System.nanoTime();
        TestBroker.start();
        startTook = millisSince(starting);
      }
      long backAt = System.nanoTime();
      slow.set(false);

      // While away: stalled, saying since when, with no error and nothing switched in.
      assertNotNull(stalled, "the status never said the rebuild was stalled");
      assertEquals(State.READING, stalled.state(), stalled.toString());
      assertNull(stalled.error(), stalled.toString());
      assertTrue(stalled.eventsRead() < stalled.eventsTotal(), stalled.toString());
      assertEquals(Set.of(State.READING), statesWhileAway);
      // The one with the short limit failed while the broker was away, saying why.
      assertNotNull(failedWhileAway, "the short stall limit passed without a failure");
      assertEquals(State.FAILED, failedWhileAway.state(), failedWhileAway.toString());
      assertTrue(
          failedWhileAway.error().contains("is the broker reachable"), failedWhileAway.error());
      assertNotNull(failedWhileAway.stalledSince(), failedWhileAway.toString());

      // Back: the first resumes and switches in exactly what the live projection holds.
      await().atMost(Duration.ofSeconds(120)).until(() -> !resumes.running());
      long doneAfter = millisSince(backAt);
      RebuildProgress.Status done = resumes.status();
      assertEquals(State.DONE, done.state(), String.valueOf(done.error()));
      assertEquals(liveChecksum, done.liveChecksum());
      assertEquals(liveChecksum, done.rebuiltChecksum());
      assertEquals(EVENTS, done.eventsTotal());
      assertEquals(EVENTS, done.eventsRead());
      assertNull(done.stalledSince());
      assertEquals(liveRows, rows(resumingDb), "each event applied once, as live");
      assertEquals(mails, resumingDb.count("SELECT count(*) FROM tick_mails"));
      // The failed one left the live projection as it was, and its rebuild schema dropped.
      assertEquals(liveRows, rows(limitedDb));
      for (TestDatabase db : List.of(resumingDb, limitedDb)) {
        assertEquals(
            0L,
            db.count(
                "SELECT count(*) FROM information_schema.schemata"
                    + " WHERE schema_name LIKE 'rebuild_%'"));
      }

      // Asked again with the broker back, both rebuilds switch in the live projection.
      for (EventConsumer consumer : List.of(resuming, limited)) {
        await().atMost(Duration.ofSeconds(30)).until(consumer::active);
        RebuildProgress again = consumer.rebuild();
        await().atMost(Duration.ofSeconds(120)).until(() -> !again.running());
        RebuildProgress.Status status = again.status();
        assertEquals(State.DONE, status.state(), String.valueOf(status.error()));
        assertEquals(liveChecksum, status.liveChecksum());
        assertEquals(liveChecksum, status.rebuiltChecksum());
        assertEquals(EVENTS, status.eventsRead());
      }
      assertEquals(liveRows, rows(resumingDb));
      assertEquals(liveRows, rows(limitedDb));

      System.out.printf(
          "%d events; broker stopped %d ms into the rebuilds (%d and %d read; stop took %d ms),"
              + " away %d s (start took %d ms): the resuming rebuild in %s, stalled since %s at %d/%d"
              + " events; the one with a %d s limit FAILED (%s); %d live reads answered, slowest"
              + " %d ms; DONE %d ms after the broker was back%n",
          EVENTS,
          readingFor,
          atStop.eventsRead(),
          fails.status().eventsRead(),
          stopTook,
          OUTAGE.toSeconds(),
          startTook,
          statesWhileAway,
          stalled.stalledSince(),
          stalled.eventsRead(),
          stalled.eventsTotal(),
          SHORT_STALL_LIMIT.toSeconds(),
          failedWhileAway.error(),
          liveReads,
          slowestLiveRead,
          doneAfter);
    }
  }

  static long millisSince(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
  }

  static long total(TestDatabase db) {
    return db.count("SELECT coalesce(sum(applied), 0) FROM tick_counts");
  }

  /** Per stream: applied/last version/digest. */
  static Map<String, String> rows(TestDatabase db) {
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
}
