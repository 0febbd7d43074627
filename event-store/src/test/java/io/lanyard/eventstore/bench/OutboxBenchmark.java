package io.lanyard.eventstore.bench;

import io.lanyard.contracts.EventType;
import io.lanyard.eventstore.NewEvent;
import io.lanyard.eventstore.PgEventStore;
import io.lanyard.eventstore.StreamId;
import io.lanyard.eventstore.TestDatabase;
import io.lanyard.eventstore.outbox.OutboxRelay;
import io.lanyard.eventstore.tracing.EventTracing;
import io.lanyard.testplatform.KafkaTools;
import io.lanyard.testplatform.TestTopics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Measures the event store on this machine, against the real PostgreSQL and Kafka, in a database
 * and on a topic of its own: appends per second with the relay off, then append→on-Kafka latency
 * with the relay on at a paced rate. Run with {@code ./lanyard bench}.
 */
public final class OutboxBenchmark {

  static final EventType TICKED = EventType.of("bench", "Ticked", 1);

  public static void main(String[] args) throws Exception {
    int rate = Integer.parseInt(System.getProperty("bench.rate", "1000"));
    int seconds = Integer.parseInt(System.getProperty("bench.seconds", "30"));
    int concurrency = Integer.parseInt(System.getProperty("bench.concurrency", "16"));
    try (TestDatabase db = TestDatabase.fresh("bench")) {
      System.out.printf(
          "machine: %d cores, JDK %s%n",
          Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
      appendThroughput(db, concurrency, 10);
      appendThroughput(db, concurrency, 10);
      relayLatency(db, rate, seconds);
    }
    System.exit(0);
  }

  /** Single-event appends to many streams, as fast as {@code concurrency} writers go. */
  static void appendThroughput(TestDatabase db, int concurrency, int seconds) throws Exception {
    PgEventStore store = db.store();
    Semaphore inFlight = new Semaphore(concurrency);
    AtomicLong done = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    long[] versions = new long[1000];
    String[] streams = new String[versions.length];
    for (int i = 0; i < streams.length; i++) {
      streams[i] = UUID.randomUUID().toString();
    }
    long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    long start = System.nanoTime();
    int next = 0;
    // Each stream has at most one append in flight (a writer owns it until it completes).
    AtomicBoolean[] busy = new AtomicBoolean[streams.length];
    for (int i = 0; i < busy.length; i++) {
      busy[i] = new AtomicBoolean();
    }
    while (System.nanoTime() < end) {
      inFlight.acquire();
      int s = next;
      next = (next + 1) % streams.length;
      if (!busy[s].compareAndSet(false, true)) {
        inFlight.release();
        continue;
      }
      long expected = versions[s];
      store
          .append(
              new StreamId("bench", streams[s], "bench"),
              expected,
              List.of(NewEvent.of(TICKED, "{\"n\":" + (expected + 1) + "}")))
          .subscribe()
          .with(
              version -> {
                versions[s] = version;
                done.incrementAndGet();
                busy[s].set(false);
                inFlight.release();
              },
              error -> {
                failed.incrementAndGet();
                busy[s].set(false);
                inFlight.release();
              });
    }
    inFlight.acquire(concurrency);
    double elapsed = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "appends: %,d in %.1f s = %,.0f appends/s (%d in flight, %d failed)%n",
        done.get(), elapsed, done.get() / elapsed, concurrency, failed.get());
    // The throughput runs leave their events unpublished; the latency run must not relay them.
    db.pool.query("DELETE FROM event_store.outbox").execute().await().indefinitely();
  }

  /** Appends at a fixed rate with the relay running; times each event until a consumer has it. */
  static void relayLatency(TestDatabase db, int rate, int seconds) throws Exception {
    String topic = TestTopics.create("bench.outbox", 6);
    int referenceMessages = Math.max(500, seconds * 100);
    String referenceTopic = TestTopics.create("bench.outbox.e2e", 1);
    PgEventStore store = db.store();
    Map<String, Long> appendStarted = new ConcurrentHashMap<>();
    Map<String, Long> committed = new ConcurrentHashMap<>();
    Histogram fromAppend = new Histogram(Duration.ofSeconds(60).toNanos(), 3);
    Histogram fromCommit = new Histogram(Duration.ofSeconds(60).toNanos(), 3);
    int warmUp = rate * 10;
    int total = warmUp + rate * seconds;
    CountDownLatch received = new CountDownLatch(total);
    AtomicBoolean reading = new AtomicBoolean(true);

    Thread reader =
        new Thread(
            () -> {
              try (KafkaConsumer<String, byte[]> consumer = TestTopics.consumer()) {
                List<TopicPartition> partitions = new ArrayList<>();
                consumer
                    .partitionsFor(topic)
                    .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                int seen = 0;
                while (reading.get()) {
                  for (ConsumerRecord<String, byte[]> record :
                      consumer.poll(Duration.ofMillis(50))) {
                    long now = System.nanoTime();
                    String id = new String(record.headers().lastHeader("ce_id").value());
                    Long started = appendStarted.remove(id);
                    Long commit = committed.remove(id);
                    if (started != null && seen++ >= warmUp) {
                      fromAppend.recordValue(now - started);
                      if (commit != null) {
                        fromCommit.recordValue(Math.max(0, now - commit));
                      }
                    }
                    received.countDown();
                  }
                }
              }
            },
            "bench-reader");
    reader.start();

    try (OutboxRelay relay =
        new OutboxRelay(
            OutboxRelay.Settings.of("bench-relay", topic),
            TestDatabase.VERTX,
            db.options,
            TestTopics::producer,
            new SimpleMeterRegistry(),
            EventTracing.NONE)) {
      relay.start();
      // Kafka's own tool on the same broker while the relay runs, after the warm-up: the reference
      // the relay's latency is judged against on a machine whose noise varies from run to run.
      KafkaTools.Latency[] kafka = new KafkaTools.Latency[1];
      Thread reference =
          new Thread(
              () -> {
                LockSupport.parkNanos(Duration.ofSeconds(10).toNanos());
                kafka[0] = KafkaTools.endToEndLatency(referenceTopic, referenceMessages, 200);
              },
              "bench-kafka-e2e");
      reference.start();
      long interval = 1_000_000_000L / rate;
      long begin = System.nanoTime();
      for (int i = 0; i < total; i++) {
        long due = begin + i * interval;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
        NewEvent event = NewEvent.of(TICKED, "{\"n\":" + i + "}");
        String id = event.id().toString();
        appendStarted.put(id, System.nanoTime());
        Uni<Long> append =
            store.append(
                new StreamId("bench", UUID.randomUUID().toString(), "bench"), 0, List.of(event));
        append
            .subscribe()
            .with(version -> committed.put(id, System.nanoTime()), error -> received.countDown());
      }
      double sendSeconds = (System.nanoTime() - begin) / 1e9;
      boolean all = received.await(60, java.util.concurrent.TimeUnit.SECONDS);
      reading.set(false);
      reader.join();
      System.out.printf(
          "relay: %,d events at %,d appends/s for %d s (offered in %.1f s)%s%n",
          total - warmUp, rate, seconds, sendSeconds - 10, all ? "" : " — NOT ALL RECEIVED");
      print("append→on-Kafka (from the append call)", fromAppend);
      print("commit→on-Kafka (from the commit)", fromCommit);
      reference.join();
      TestTopics.delete(referenceTopic);
      System.out.println("meanwhile on the same broker: " + kafka[0]);
      System.out.printf(
          "append→on-Kafka p99 ÷ Kafka's own p99: %.1f× (target ≤ 3×)%n",
          fromAppend.getValueAtPercentile(99) / 1e6 / Math.max(1, kafka[0].p99()));
    }
  }

  static void print(String what, Histogram histogram) {
    System.out.printf(
        "%s: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms (n=%,d)%n",
        what,
        histogram.getValueAtPercentile(50) / 1e6,
        histogram.getValueAtPercentile(90) / 1e6,
        histogram.getValueAtPercentile(99) / 1e6,
        histogram.getMaxValue() / 1e6,
        histogram.getTotalCount());
  }
}
