package io.lanyard.eventstore;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanyard.contracts.EventEnvelope;
import io.lanyard.contracts.EventType;
import io.lanyard.eventstore.consumer.TopicReader;
import io.lanyard.eventstore.kafka.CloudEventRecords;
import io.lanyard.eventstore.kafka.MalformedEventException;
import io.lanyard.eventstore.tracing.EventTracing;
import io.lanyard.testplatform.TestPlatform;
import io.lanyard.testplatform.TestTopics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reading loop under the consumers, with positions in memory as the login model keeps them. */
class TopicReaderTest {

  static final EventType TICKED = EventType.of("test", "Ticked", 1);

  String topic;
  String deadLetters;
  SimpleMeterRegistry metrics;
  KafkaProducer<String, byte[]> producer;

  @BeforeEach
  void setUp() {
    TestPlatform.requireKafka();
    topic = TestTopics.create("test.reader", 2);
    deadLetters = TestTopics.create("test.reader.dlq", 1);
    metrics = new SimpleMeterRegistry();
    producer = TestTopics.producer();
  }

  @AfterEach
  void tearDown() {
    producer.close();
  }

  /** Events read into memory, with the next offset per partition beside them. */
  class InMemory implements TopicReader.Reading {
    final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    final List<String> subjects = new CopyOnWriteArrayList<>();
    final AtomicReference<Boolean> letterOutBeforeMovingOn = new AtomicReference<>();
    final AtomicBoolean failOnce = new AtomicBoolean();
    volatile int failOnceAt = 1;
    TopicReader reader;

    @Override
    public Map<TopicPartition, Long> positions() {
      return Map.copyOf(positions);
    }

    @Override
    public boolean read(ConsumerRecords<String, byte[]> records) {
      for (ConsumerRecord<String, byte[]> record : records) {
        if (subjects.size() == failOnceAt && failOnce.compareAndSet(true, false)) {
          throw new IllegalStateException("the model failed");
        }
        try {
          subjects.add(CloudEventRecords.fromRecord(record).subject());
        } catch (MalformedEventException e) {
          reader.deadLetter(record, e);
          letterOutBeforeMovingOn.set(letterFor(record));
        }
        positions.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
      }
      return true;
    }
  }

  TopicReader reader(InMemory reading, Duration pollTimeout) {
    reading.reader =
        new TopicReader(
            new TopicReader.Settings(
                "reader-test", deadLetters, List.of(topic), pollTimeout, Duration.ofMillis(200)),
            TestTopics::consumer,
            TestTopics::producer,
            reading,
            metrics,
            EventTracing.NONE);
    return reading.reader;
  }

  boolean letterFor(ConsumerRecord<String, byte[]> record) {
    return TestTopics.readToEnd(deadLetters).stream()
        .anyMatch(
            letter ->
                String.valueOf(record.offset())
                        .equals(RelayFixture.header(letter, "lanyard_dlq_offset"))
                    && String.valueOf(record.partition())
                        .equals(RelayFixture.header(letter, "lanyard_dlq_partition")));
  }

  void send(String subject) throws Exception {
    producer.send(CloudEventRecords.toRecord(topic, event(subject))).get();
  }

  void sendTo(int partition, String subject) throws Exception {
    ProducerRecord<String, byte[]> record = CloudEventRecords.toRecord(topic, event(subject));
    producer
        .send(
            new ProducerRecord<>(topic, partition, record.key(), record.value(), record.headers()))
        .get();
  }

  static EventEnvelope event(String subject) {
    return new EventEnvelope(
        UUID.randomUUID(),
        "test-service",
        TICKED,
        subject,
        Instant.now(),
        "acme",
        1,
        "{}".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aMalformedRecordIsDeadLetteredBeforeItsPositionMovesPastItAndReadingGoesOn()
      throws Exception {
    send("a");
    producer
        .send(new ProducerRecord<>(topic, 0, "a", "not an event".getBytes(StandardCharsets.UTF_8)))
        .get();
    send("b");
    InMemory reading = new InMemory();
    try (TopicReader reader = reader(reading, Duration.ofMillis(200))) {
      reader.start();
      await().atMost(Duration.ofSeconds(30)).until(() -> reading.subjects.size() == 2);
      await().atMost(Duration.ofSeconds(10)).until(() -> reader.lag() == 0);
    }
    assertEquals(Boolean.TRUE, reading.letterOutBeforeMovingOn.get());
    assertEquals(
        1.0,
        metrics
            .get("lanyard.consumer.dead.letters")
            .tag("consumer", "reader-test")
            .counter()
            .count());
    List<ConsumerRecord<String, byte[]>> letters = TestTopics.readToEnd(deadLetters);
    assertEquals(1, letters.size());
    assertTrue(
        RelayFixture.header(letters.get(0), "lanyard_dlq_error")
            .contains("MalformedEventException"));
    assertEquals("reader-test", RelayFixture.header(letters.get(0), "lanyard_dlq_consumer"));
    assertEquals(3L, reading.positions.values().stream().mapToLong(Long::longValue).sum());
  }

  @Test
  void aFailedReadReopensAtTheRecordedPositionsAndLosesNothing() throws Exception {
    for (String subject : List.of("a", "b", "c", "d")) {
      send(subject);
    }
    InMemory reading = new InMemory();
    reading.failOnce.set(true);
    try (TopicReader reader = reader(reading, Duration.ofMillis(200))) {
      reader.start();
      await().atMost(Duration.ofSeconds(30)).until(() -> reading.subjects.size() == 4);
      await().atMost(Duration.ofSeconds(10)).until(() -> reader.lag() == 0);
      assertEquals(4L, reader.endsAtStart().values().stream().mapToLong(Long::longValue).sum());
    }
    assertFalse(reading.failOnce.get(), "the read failed once");
    assertEquals(List.of("a", "b", "c", "d"), reading.subjects.stream().sorted().toList());
  }

  @Test
  void aReopenWithEveryPartitionPositionedReadsNothingTwice() throws Exception {
    sendTo(0, "a");
    sendTo(1, "b");
    InMemory reading = new InMemory();
    reading.failOnceAt = 2;
    reading.failOnce.set(true);
    try (TopicReader reader = reader(reading, Duration.ofMillis(200))) {
      reader.start();
      await().atMost(Duration.ofSeconds(30)).until(() -> reading.positions.size() == 2);
      // Kafka's seekToBeginning of no partitions means all of them: a reopen must not ask it.
      sendTo(0, "c");
      sendTo(1, "d");
      await().atMost(Duration.ofSeconds(30)).until(() -> !reading.failOnce.get());
      await().atMost(Duration.ofSeconds(30)).until(() -> reading.subjects.size() >= 4);
      await().atMost(Duration.ofSeconds(10)).until(() -> reader.lag() == 0);
    }
    assertEquals(List.of("a", "b", "c", "d"), reading.subjects.stream().sorted().toList());
  }

  @Test
  void stoppingCutsAPollInProgressShort() {
    InMemory reading = new InMemory();
    TopicReader reader = reader(reading, Duration.ofMinutes(1));
    reader.start();
    await().atMost(Duration.ofSeconds(30)).until(reader::reading);
    long started = System.nanoTime();
    reader.close();
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertTrue(tookMillis < 10_000, "stopping took " + tookMillis + " ms");
    assertFalse(reader.running());
    assertFalse(reader.reading());
  }

  @Test
  void workBetweenReadsRunsOnTheReadersThreadWithoutWaitingForThePoll() throws Exception {
    InMemory reading = new InMemory();
    try (TopicReader reader = reader(reading, Duration.ofMinutes(1))) {
      reader.start();
      await().atMost(Duration.ofSeconds(30)).until(reader::reading);
      AtomicReference<String> ranOn = new AtomicReference<>();
      reader
          .live()
          .betweenReads(() -> ranOn.set(Thread.currentThread().getName()))
          .get(10, TimeUnit.SECONDS);
      assertEquals("topic-reader-reader-test", ranOn.get());
      // The poll it cut short goes on reading.
      send("a");
      await().atMost(Duration.ofSeconds(30)).until(() -> reading.subjects.size() == 1);
    }
  }
}
