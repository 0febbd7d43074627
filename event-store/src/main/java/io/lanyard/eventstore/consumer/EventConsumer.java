package io.lanyard.eventstore.consumer;

import io.lanyard.contracts.EventEnvelope;
import io.lanyard.contracts.Topics;
import io.lanyard.eventstore.BackgroundLoop;
import io.lanyard.eventstore.LeaderLock;
import io.lanyard.eventstore.kafka.CloudEventRecords;
import io.lanyard.eventstore.kafka.DeadLetters;
import io.lanyard.eventstore.kafka.MalformedEventException;
import io.lanyard.eventstore.kafka.Partitions;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

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
 * stream goes on. When the database does not answer, nothing is skipped: the consumer waits.
 */
public final class EventConsumer implements Projection, AutoCloseable {

  private static final Logger LOG = Logger.getLogger(EventConsumer.class);
  private static final Duration DB_TIMEOUT = EventApplier.DB_TIMEOUT;

  /**
   * @param name the consumer's name, unique within the service (its checkpoints and lock)
   * @param deadLetterTopic where events it cannot process go, normally {@code lanyard.<module>.dlq}
   *     ({@link Topics#deadLetter})
   */
  public record Settings(
      String name,
      String deadLetterTopic,
      List<String> topics,
      int maxAttempts,
      Duration pollTimeout,
      Duration standbyRetry) {

    public static Settings of(String name, String deadLetterTopic, List<String> topics) {
      return new Settings(
          name,
          deadLetterTopic,
          List.copyOf(topics),
          3,
          Duration.ofMillis(200),
          Duration.ofSeconds(2));
    }

    public Settings withStandbyRetry(Duration retry) {
      return new Settings(name, deadLetterTopic, topics, maxAttempts, pollTimeout, retry);
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
  private final Supplier<Consumer<String, byte[]>> consumers;
  private final Supplier<Producer<String, byte[]>> deadLetterProducers;
  private final EventHandler handler;
  private final Counter applied;
  private final Counter skipped;
  private final Counter deadLettered;
  private final AtomicLong lag = new AtomicLong(-1);
  private final BackgroundLoop loop;
  private final EventApplier applier;
  private final ShadowTables shadow;
  private final Supplier<Consumer<String, byte[]>> rebuildConsumers;
  private final BetweenReads betweenReads = new BetweenReads();
  private volatile RebuildProgress lastRebuild;
  private Consumer<String, byte[]> consumer;
  private Producer<String, byte[]> deadLetterProducer;

  public EventConsumer(
      Settings settings,
      Pool pool,
      LeaderLock lock,
      Supplier<Consumer<String, byte[]>> consumers,
      Supplier<Producer<String, byte[]>> deadLetterProducers,
      EventHandler handler,
      MeterRegistry registry) {
    this.settings = settings;
    this.pool = pool;
    this.lock = lock;
    this.consumers = consumers;
    this.deadLetterProducers = deadLetterProducers;
    this.handler = handler;
    this.applier = new EventApplier(settings.name(), pool, handler, null);
    this.shadow = new ShadowTables(settings.name(), pool, handler);
    this.rebuildConsumers = consumers;
    this.loop = new BackgroundLoop("event-consumer-" + settings.name(), this::round);
    this.applied = counter(registry, "lanyard.consumer.applied", "Events applied");
    this.skipped =
        counter(registry, "lanyard.consumer.skipped", "Redelivered events skipped as applied");
    this.deadLettered =
        counter(registry, "lanyard.consumer.dead.letters", "Events sent to the dead-letter topic");
    Gauge.builder("lanyard.consumer.lag", lag, AtomicLong::get)
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
    loop.start();
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
    return loop.isRunning() && lock.isHeld() && consumer != null;
  }

  /** Records on the assigned partitions not read yet; -1 until the first poll. */
  @Override
  public long lag() {
    return lag.get();
  }

  /** The checkpoints: what has been applied, whichever replica applied it. */
  @Override
  public Map<String, Long> position() {
    return CatchUpReader.named(loadCheckpoints());
  }

  @Override
  public String checksum() {
    return shadow.liveChecksum();
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
            Rebuild.Live.of(this::loadCheckpoints, betweenReads, this::wakeUp),
            shadow);
    return lastRebuild;
  }

  @Override
  public Optional<RebuildProgress> lastRebuild() {
    return Optional.ofNullable(lastRebuild);
  }

  /** Cuts short a poll in progress (to stop, or to run work between reads). */
  private void wakeUp() {
    Consumer<String, byte[]> current = consumer;
    if (current != null) {
      current.wakeup();
    }
  }

  @Override
  public void close() {
    loop.stop(this::wakeUp);
    closeClients();
    lock.close();
  }

  private void round() {
    try {
      if (!lock.isHeld()) {
        closeClients();
        if (!lock.tryAcquire()) {
          BackgroundLoop.pause(settings.standbyRetry());
          return;
        }
        LOG.infof("consumer %s is active on %s", settings.name(), settings.topics());
      }
      betweenReads.runPending();
      if (consumer == null) {
        openConsumer();
      }
      consumeOnce();
    } catch (WakeupException e) {
      // close() or a rebuild's switch-over interrupted a poll; the next round sees to it.
    } catch (RuntimeException e) {
      LOG.warnf("consumer %s: %s; resuming from its checkpoints", settings.name(), e.toString());
      closeClients();
      BackgroundLoop.pause(Duration.ofSeconds(1));
    }
  }

  private void consumeOnce() {
    ConsumerRecords<String, byte[]> records = consumer.poll(settings.pollTimeout());
    if (!records.isEmpty() && !applyBatch(records)) {
      for (ConsumerRecord<String, byte[]> record : records) {
        if (!loop.isRunning() || betweenReads.pending()) {
          // Unprocessed records are read again from the checkpoint.
          closeClients();
          return;
        }
        process(record);
      }
    }
    long total = 0;
    for (TopicPartition partition : consumer.assignment()) {
      total += consumer.currentLag(partition).orElse(0);
    }
    lag.set(total);
  }

  /**
   * Applies all records of a poll in one transaction (one commit instead of one per event, which is
   * most of a consumer's cost). Answers false, having applied nothing, when any record cannot be
   * read or applied: the records then go one by one, where a poison event is retried and
   * dead-lettered alone.
   */
  private boolean applyBatch(ConsumerRecords<String, byte[]> records) {
    if (records.count() < 2 || !loop.isRunning() || betweenReads.pending()) {
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
        if (!applier.databaseAnswers()) {
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
    ProducerRecord<String, byte[]> letter =
        DeadLetters.letter(settings.deadLetterTopic(), settings.name(), record, error);
    try {
      deadLetterProducer().send(letter).get(DB_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while dead-lettering", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not write to " + settings.deadLetterTopic(), e);
    }
    saveCheckpoint(pool, record).await().atMost(DB_TIMEOUT);
    deadLettered.increment();
    LOG.warnf(
        "consumer %s: %s-%d@%d sent to %s: %s",
        settings.name(),
        record.topic(),
        record.partition(),
        record.offset(),
        settings.deadLetterTopic(),
        DeadLetters.describe(error));
  }

  private void openConsumer() {
    Consumer<String, byte[]> opened = consumers.get();
    try {
      Partitions.assignAll(opened, settings.topics(), loadCheckpoints());
      consumer = opened;
    } catch (RuntimeException e) {
      opened.close(Duration.ofSeconds(5));
      throw e;
    }
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

  private Producer<String, byte[]> deadLetterProducer() {
    if (deadLetterProducer == null) {
      deadLetterProducer = deadLetterProducers.get();
    }
    return deadLetterProducer;
  }

  private void closeClients() {
    if (consumer != null) {
      try {
        consumer.close(Duration.ofSeconds(5));
      } catch (RuntimeException e) {
        LOG.debugf("closing consumer %s: %s", settings.name(), e);
      }
      consumer = null;
    }
    if (deadLetterProducer != null) {
      deadLetterProducer.close(Duration.ofSeconds(5));
      deadLetterProducer = null;
    }
  }
}
