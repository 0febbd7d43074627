package io.lanyard.eventstore.consumer;

import io.lanyard.contracts.EventEnvelope;
import io.lanyard.contracts.Topics;
import io.lanyard.eventstore.BackgroundLoop;
import io.lanyard.eventstore.LeaderLock;
import io.lanyard.eventstore.kafka.CloudEventRecords;
import io.lanyard.eventstore.kafka.MalformedEventException;
import io.lanyard.eventstore.tracing.EventTracing;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;

/**
 * Feeds every event of some topics, in order per partition, to an {@link EventHandler}, exactly
 * once in effect: each event is applied in a transaction that also records, per source stream, the
 * highest version applied (so a redelivered or republished event is skipped) and the next offset to
 * read (the checkpoint, so a restart resumes where it stopped).
 *
 * <p>One replica consumes (it holds the consumer's {@link LeaderLock}); it reads all partitions
 * itself, without a consumer group, from its checkpoints in PostgreSQL. {@link #rebuild()} builds
 * the handler's tables afresh beside the live ones ({@link ShadowTables}) and swaps them in.
 *
 * <p>An event that cannot be read, or whose handler fails {@code maxAttempts} times while the
 * database answers, goes to the module's dead-letter topic with the error, is counted, and the
 * stream goes on. When the database does not answer, or the handler says that something it needs
 * does not ({@link ApplyLater}), nothing is skipped: the consumer waits and reads again.
 */
public final class EventConsumer implements Projection, AutoCloseable {

  private static final Duration DB_TIMEOUT = EventApplier.DB_TIMEOUT;

  /**
   * @param name the consumer's name, unique within the service (its checkpoints and lock)
   * @param deadLetterTopic where events it cannot process go, normally {@code lanyard.<module>.dlq}
   *     ({@link Topics#deadLetter})
   * @param rebuildStallLimit how long a rebuild may read nothing though events are still to read
   *     (the broker away) before it fails
   */
  public record Settings(
      String name,
      String deadLetterTopic,
      List<String> topics,
      int maxAttempts,
      Duration pollTimeout,
      Duration standbyRetry,
      Duration rebuildStallLimit) {

    public static Settings of(String name, String deadLetterTopic, List<String> topics) {
      return new Settings(
          name,
          deadLetterTopic,
          List.copyOf(topics),
          3,
          Duration.ofMillis(200),
          Duration.ofSeconds(2),
          Rebuild.STALL_LIMIT);
    }

    public Settings withStandbyRetry(Duration retry) {
      return new Settings(
          name, deadLetterTopic, topics, maxAttempts, pollTimeout, retry, rebuildStallLimit);
    }

    public Settings withRebuildStallLimit(Duration limit) {
      return new Settings(
          name, deadLetterTopic, topics, maxAttempts, pollTimeout, standbyRetry, limit);
    }
  }

  private static final String SAVE_CHECKPOINT =
      "INSERT INTO event_store.consumer_checkpoints"
          + " (consumer, topic, partition, next_offset, updated_at) VALUES ($1, $2, $3, $4, now())"
          + " ON CONFLICT (consumer, topic, partition)"
          + " DO UPDATE SET next_offset = excluded.next_offset, updated_at = now()";
  private static final String LOAD_CHECKPOINTS =
      "SELECT topic, partition, next_offset FROM event_store.consumer_checkpoints"
          + " WHERE consumer = $1";

  private final Settings settings;
  private final Pool pool;
  private final LeaderLock lock;
  private final EventHandler handler;
  private final Counter applied;
  private final Counter skipped;
  private final TopicReader reader;
  private final EventApplier applier;
  private final ShadowTables shadow;
  private final Supplier<Consumer<String, byte[]>> rebuildConsumers;
  private volatile RebuildProgress lastRebuild;
  private final ChecksumPerPosition checksums = new ChecksumPerPosition();
  private final EventTracing tracing;

  public EventConsumer(
      Settings settings,
      Pool pool,
      LeaderLock lock,
      Supplier<Consumer<String, byte[]>> consumers,
      Supplier<Producer<String, byte[]>> deadLetterProducers,
      EventHandler handler,
      MeterRegistry registry,
      EventTracing tracing) {
    this.tracing = tracing;
    this.settings = settings;
    this.pool = pool;
    this.lock = lock;
    this.handler = handler;
    this.applier = new EventApplier(settings.name(), pool, handler, null);
    this.shadow = new ShadowTables(settings.name(), pool, handler);
    this.rebuildConsumers = consumers;
    this.reader =
        new TopicReader(
            new TopicReader.Settings(
                settings.name(),
                settings.deadLetterTopic(),
                settings.topics(),
                settings.pollTimeout(),
                settings.standbyRetry()),
            consumers,
            deadLetterProducers,
            new Checkpointed(),
            registry,
            tracing,
            lock);
    this.applied = counter(registry, "lanyard.consumer.applied", "Events applied");
    this.skipped =
        counter(registry, "lanyard.consumer.skipped", "Redelivered events skipped as applied");
    Gauge.builder("lanyard.consumer.lag", reader, TopicReader::lag)
        .description("Records on the consumer's partitions not read yet (-1 before the first read)")
        .tag("consumer", settings.name())
        .register(registry);
  }

  private Counter counter(MeterRegistry registry, String name, String description) {
    return Counter.builder(name)
        .description(description)
        .tag("consumer", settings.name())
        .register(registry);
  }

  public void start() {
    reader.start();
  }

  /** Its name, topics and limits. */
  public Settings settings() {
    return settings;
  }

  @Override
  public String name() {
    return settings.name();
  }

  @Override
  public List<String> topics() {
    return settings.topics();
  }

  /** Whether this replica is the one consuming. */
  @Override
  public boolean active() {
    return reader.reading();
  }

  /** Records on the assigned partitions not read yet; -1 until the first poll. */
  @Override
  public long lag() {
    return reader.lag();
  }

  /** The checkpoints: what has been applied, whichever replica applied it. */
  @Override
  public Map<String, Long> position() {
    return CatchUpReader.named(loadCheckpoints());
  }

  @Override
  public String checksum() {
    return checksums.at(position(), lastRebuild, shadow::liveChecksum);
  }

  /**
   * Rebuilds the handler's {@link EventHandler#projectionTables()} from the beginning of the topics
   * beside the live ones, and swaps them in once caught up; the consumer goes on meanwhile.
   */
  @Override
  public synchronized RebuildProgress rebuild() {
    if (handler.projectionTables().isEmpty()) {
      throw new IllegalStateException(settings.name() + " names no tables to rebuild");
    }
    if (!active()) {
      throw new IllegalStateException(
          settings.name() + " is not consumed by this replica: ask the one that is");
    }
    if (lastRebuild != null && lastRebuild.running()) {
      throw new IllegalStateException("a rebuild of " + settings.name() + " is running already");
    }
    lastRebuild =
        Rebuild.start(
            settings.name(),
            settings.topics(),
            rebuildConsumers,
            reader.live(),
            shadow,
            settings.rebuildStallLimit(),
            tracing);
    return lastRebuild;
  }

  @Override
  public Optional<RebuildProgress> lastRebuild() {
    return Optional.ofNullable(lastRebuild);
  }

  @Override
  public void close() {
    reader.close();
    lock.close();
  }

  /** The reader's side: positions are the checkpoints, each poll is applied in transactions. */
  private final class Checkpointed implements TopicReader.Reading {
    @Override
    public Map<TopicPartition, Long> positions() {
      return loadCheckpoints();
    }

    @Override
    public boolean read(ConsumerRecords<String, byte[]> records) {
      if (records.isEmpty() || applyBatch(records)) {
        return true;
      }
      for (ConsumerRecord<String, byte[]> record : records) {
        if (reader.interrupted()) {
          return false; // Unprocessed records are read again from the checkpoint.
        }
        process(record);
      }
      return true;
    }
  }

  /**
   * Applies all records of a poll in one transaction (one commit instead of one per event, which is
   * most of a consumer's cost). Answers false, having applied nothing, when any record cannot be
   * read or applied: the records then go one by one, where a poison event is retried and
   * dead-lettered alone.
   */
  private boolean applyBatch(ConsumerRecords<String, byte[]> records) {
    if (records.count() < 2 || reader.interrupted()) {
      return false;
    }
    List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
    List<EventEnvelope> events = new ArrayList<>();
    try {
      for (ConsumerRecord<String, byte[]> record : records) {
        batch.add(record);
        events.add(CloudEventRecords.fromRecord(record));
      }
    } catch (MalformedEventException e) {
      return false;
    }
    Map<TopicPartition, ConsumerRecord<String, byte[]>> last = new HashMap<>();
    batch.forEach(
        record -> last.put(new TopicPartition(record.topic(), record.partition()), record));
    int fresh;
    try {
      fresh =
          applier.applyAll(
              events,
              (tx, applied) -> {
                Uni<Void> chain = Uni.createFrom().voidItem();
                for (ConsumerRecord<String, byte[]> record : last.values()) {
                  chain = chain.chain(() -> saveCheckpoint(tx, record)).replaceWithVoid();
                }
                return chain;
              });
    } catch (RuntimeException e) {
      // Event by event, what comes before an event that must wait is applied meanwhile.
      if (!applier.databaseAnswers()) {
        throw e;
      }
      return false;
    }
    applied.increment(fresh);
    skipped.increment(events.size() - fresh);
    return true;
  }

  private void process(ConsumerRecord<String, byte[]> record) {
    EventEnvelope event;
    try {
      event = CloudEventRecords.fromRecord(record);
    } catch (MalformedEventException e) {
      deadLetter(record, e);
      return;
    }
    for (int attempt = 1; ; attempt++) {
      try {
        applyOnce(record, event);
        return;
      } catch (RuntimeException e) {
        if (applier.mustWait(e)) {
          throw e;
        }
        if (attempt >= settings.maxAttempts()) {
          deadLetter(record, e);
          return;
        }
        BackgroundLoop.pause(Duration.ofMillis(100L * attempt));
      }
    }
  }

  private void applyOnce(ConsumerRecord<String, byte[]> record, EventEnvelope event) {
    int fresh = applier.applyAll(List.of(event), (tx, applied) -> saveCheckpoint(tx, record));
    (fresh > 0 ? applied : skipped).increment();
  }

  private Uni<?> saveCheckpoint(
      io.vertx.mutiny.sqlclient.SqlClient client, ConsumerRecord<String, byte[]> record) {
    return client
        .preparedQuery(SAVE_CHECKPOINT)
        .execute(
            Tuple.of(settings.name(), record.topic(), record.partition(), record.offset() + 1));
  }

  private void deadLetter(ConsumerRecord<String, byte[]> record, Exception error) {
    reader.deadLetter(record, error);
    saveCheckpoint(pool, record).await().atMost(DB_TIMEOUT);
  }

  private Map<TopicPartition, Long> loadCheckpoints() {
    Map<TopicPartition, Long> checkpoints = new HashMap<>();
    for (Row row :
        pool.preparedQuery(LOAD_CHECKPOINTS)
            .execute(Tuple.of(settings.name()))
            .await()
            .atMost(DB_TIMEOUT)) {
      checkpoints.put(
          new TopicPartition(row.getString("topic"), row.getInteger("partition")),
          row.getLong("next_offset"));
    }
    return checkpoints;
  }
}
