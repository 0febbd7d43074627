package io.lanyard.eventstore;

import io.lanyard.contracts.CloudEventAttributes;
import io.lanyard.contracts.EventType;
import io.lanyard.eventstore.outbox.OutboxRelay;
import io.lanyard.eventstore.tracing.EventTracing;
import io.lanyard.testplatform.TestTopics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** What the relay tests share: writing many streams at once, and reading them back per key. */
final class RelayFixture {

  static final EventType TICKED = EventType.of("test", "Ticked", 1);

  private RelayFixture() {}

  static OutboxRelay relay(TestDatabase db, String topic, SimpleMeterRegistry registry) {
    return new OutboxRelay(
        OutboxRelay.Settings.of("test-relay", topic).withStandbyRetry(Duration.ofMillis(200)),
        TestDatabase.VERTX,
        db.options,
        TestTopics::producer,
        registry,
        EventTracing.NONE);
  }

  /** Appends {@code perStream} events to each of {@code streams} streams, streams in parallel. */
  static List<String> appendInterleaved(TestDatabase db, int streams, int perStream, int batch)
      throws Exception {
    PgEventStore store = db.store();
    List<String> ids = new ArrayList<>();
    ExecutorService writers = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int s = 0; s < streams; s++) {
        String id = UUID.randomUUID().toString();
        ids.add(id);
        done.add(
            writers.submit(
                () -> {
                  StreamId stream = new StreamId("ticker", id, "acme");
                  for (int v = 0; v < perStream; v += batch) {
                    List<NewEvent> events = new ArrayList<>();
                    for (int k = 0; k < batch && v + k < perStream; k++) {
                      events.add(NewEvent.of(TICKED, "{\"n\":" + (v + k + 1) + "}"));
                    }
                    store.append(stream, v, events).await().indefinitely();
                  }
                  return null;
                }));
      }
      for (Future<?> future : done) {
        future.get();
      }
    } finally {
      writers.shutdown();
    }
    return ids;
  }

  static long version(ConsumerRecord<String, byte[]> record) {
    return Long.parseLong(header(record, CloudEventAttributes.STREAM_VERSION));
  }

  static String header(ConsumerRecord<String, byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  /** Per key, the stream versions in the order the topic holds them. */
  static Map<String, List<Long>> versionsByKey(List<ConsumerRecord<String, byte[]>> records) {
    Map<String, List<Long>> byKey = new HashMap<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      byKey.computeIfAbsent(record.key(), key -> new ArrayList<>()).add(version(record));
    }
    return byKey;
  }

  /**
   * Whether a key's sequence never shows a version before all earlier ones have shown: each record
   * is either a repeat of something seen or the next version. Duplicates are allowed.
   */
  static boolean neverAheadOfItsPredecessor(List<Long> versions) {
    long highest = 0;
    for (long version : versions) {
      if (version > highest + 1) {
        return false;
      }
      highest = Math.max(highest, version);
    }
    return true;
  }
}
