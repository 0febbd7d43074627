package io.lanyard.eventstore.consumer;

import io.lanyard.eventstore.BackgroundLoop;
import io.lanyard.eventstore.LeaderLock;
import io.lanyard.eventstore.kafka.DeadLetters;
import io.lanyard.eventstore.kafka.Partitions;
import io.lanyard.eventstore.tracing.EventTracing;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * The reading loop every consumer of whole topics runs on: on a thread of its own, it reads every
 * partition of some topics without a consumer group, from the positions its {@link Reading} keeps
 * (in PostgreSQL, in memory), and hands it each poll's records.
 *
 * <p>It owns the Kafka clients: when reading fails, it closes them, pauses and reopens at the
 * positions the reading has recorded, so nothing it did not record is lost. Work handed over from
 * other threads ({@link #live()}, a rebuild's switch-over) runs between two polls. With a {@link
 * LeaderLock}, only the replica holding it reads; the others stand by.
 *
 * <p>{@link #deadLetter} sets aside a record that can never be processed, the same way for every
 * consumer: the letter is on the dead-letter topic before the reading records its position past it.
 */
public final class TopicReader implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(TopicReader.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration ERROR_PAUSE = Duration.ofSeconds(1);
  private static final Duration DEAD_LETTER_TIMEOUT = Duration.ofSeconds(30);

  /**
   * @param name the consumer's name: its thread, logs and the {@code consumer} tag of its metrics
   * @param deadLetterTopic where {@link #deadLetter} sends records
   * @param standbyRetry how often a replica without the lock tries to take it
   */
  public record Settings(
      String name,
      String deadLetterTopic,
      List<String> topics,
      Duration pollTimeout,
      Duration standbyRetry) {

    public Settings {
      topics = List.copyOf(topics);
    }

    /** Polls of 200 ms; a standby replica tries for the lock every 2 s. */
    public static Settings of(String name, String deadLetterTopic, List<String> topics) {
      return new Settings(
          name, deadLetterTopic, topics, Duration.ofMillis(200), Duration.ofSeconds(2));
    }
  }

  /** What the reader feeds. */
  public interface Reading {

    /**
     * Per partition, the next offset to read, whenever the reader (re)opens; a partition it does
     * not name is read from its beginning. Also the live position a rebuild catches up to, so it is
     * called from other threads too and answers a copy.
     */
    Map<TopicPartition, Long> positions();

    /**
     * On the reader's thread: processes one poll's records (possibly none), in order per partition,
     * recording the position past each. Answers false when it stopped early (the reader should
     * stop, or has work between reads): the reader then reopens at {@link #positions()}. Throwing
     * does the same after a pause.
     */
    boolean read(ConsumerRecords<String, byte[]> records);

    /**
     * Whether it reads its topics from the beginning at every start (a model in memory): what it
     * reads before it caught up with the topics' ends at its start is a replay, traced apart.
     */
    default boolean readsFromStart() {
      return false;
    }
  }

  private final Settings settings;
  private final Supplier<Consumer<String, byte[]>> consumers;
  private final Supplier<Producer<String, byte[]>> deadLetterProducers;
  private final Reading reading;
  private final EventTracing tracing;
  private final LeaderLock leader;
  private final Counter deadLettered;
  private final BackgroundLoop loop;
  private final BetweenReads betweenReads = new BetweenReads();
  private volatile long lag = -1;
  private volatile Map<TopicPartition, Long> endsAtStart;
  private volatile Consumer<String, byte[]> consumer;
  private Producer<String, byte[]> deadLetterProducer;

  /** A reader on every replica. */
  public TopicReader(
      Settings settings,
      Supplier<Consumer<String, byte[]>> consumers,
      Supplier<Producer<String, byte[]>> deadLetterProducers,
      Reading reading,
      MeterRegistry registry,
      EventTracing tracing) {
    this(settings, consumers, deadLetterProducers, reading, registry, tracing, null);
  }

  /** A reader on the one replica that holds {@code leader}; the caller closes the lock. */
  public TopicReader(
      Settings settings,
      Supplier<Consumer<String, byte[]>> consumers,
      Supplier<Producer<String, byte[]>> deadLetterProducers,
      Reading reading,
      MeterRegistry registry,
      EventTracing tracing,
      LeaderLock leader) {
    this.settings = settings;
    this.tracing = tracing;
    this.consumers = consumers;
    this.deadLetterProducers = deadLetterProducers;
    this.reading = reading;
    this.leader = leader;
    this.loop = new BackgroundLoop("topic-reader-" + settings.name(), this::round);
    this.deadLettered =
        Counter.builder("lanyard.consumer.dead.letters")
            .description("Events sent to the dead-letter topic")
            .tag("consumer", settings.name())
            .register(registry);
  }

  public void start() {
    loop.start();
  }

  public Settings settings() {
    return settings;
  }

  /** Whether the loop runs (it may be standing by for the lock, or reopening). */
  public boolean running() {
    return loop.isRunning();
  }

  /** Whether this replica reads now: running, holding the lock if there is one, clients open. */
  public boolean reading() {
    return loop.isRunning() && (leader == null || leader.isHeld()) && consumer != null;
  }

  /**
   * Whether the reading should stop processing a poll's records and answer false: the reader is
   * stopping, or work waits to run between reads.
   */
  public boolean interrupted() {
    return !loop.isRunning() || betweenReads.pending();
  }

  /** Records on the assigned partitions not read yet; -1 until the first poll. */
  public long lag() {
    return lag;
  }

  /**
   * The end offset of every partition when the reader first opened (what was on the topics when it
   * started), or null before that.
   */
  public Map<TopicPartition, Long> endsAtStart() {
    return endsAtStart;
  }

  /** The live side of a rebuild: this reader's positions and its work between reads. */
  public Rebuild.Live live() {
    return Rebuild.Live.of(reading::positions, betweenReads, this::wakeUp);
  }

  /**
   * Sends {@code record} to the dead-letter topic with {@code error} and waits for the broker to
   * take it; then the caller records the position past it. On the reader's thread.
   *
   * @throws IllegalStateException when the letter could not be written: the reader then reopens at
   *     the recorded positions and meets the record again
   */
  public void deadLetter(ConsumerRecord<String, byte[]> record, Exception error) {
    ProducerRecord<String, byte[]> letter =
        DeadLetters.letter(settings.deadLetterTopic(), settings.name(), record, error);
    try {
      deadLetterProducer().send(letter).get(DEAD_LETTER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while dead-lettering", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not write to " + settings.deadLetterTopic(), e);
    }
    deadLettered.increment();
    LOG.warnf(
        "%s: %s-%d@%d sent to %s: %s",
        settings.name(),
        record.topic(),
        record.partition(),
        record.offset(),
        settings.deadLetterTopic(),
        DeadLetters.describe(error));
  }

  /** Stops the loop, cutting short a poll in progress, and closes the clients. */
  @Override
  public void close() {
    loop.stop(this::wakeUp);
    closeClients();
  }

  /** Cuts short a poll in progress (to stop, or to run work between reads). */
  private void wakeUp() {
    Consumer<String, byte[]> current = consumer;
    if (current != null) {
      current.wakeup();
    }
  }

  private void round() {
    try {
      if (!mayRead()) {
        return;
      }
      betweenReads.runPending();
      if (consumer == null) {
        open();
      }
      if (!readTraced(consumer.poll(settings.pollTimeout()))) {
        closeClients();
        return;
      }
      measureLag();
    } catch (WakeupException e) {
      // close() or work between reads cut a poll short; the next round sees to it.
    } catch (RuntimeException e) {
      LOG.warnf("%s: %s; reopening at its positions", settings.name(), e.toString());
      closeClients();
      BackgroundLoop.pause(ERROR_PAUSE);
    }
  }

  private boolean readTraced(ConsumerRecords<String, byte[]> records) {
    if (records.isEmpty()) {
      return reading.read(records);
    }
    EventTracing.Applying spans = tracing.applying(settings.name(), records, this::replayed);
    try {
      return reading.read(records);
    } catch (RuntimeException e) {
      spans.failed(e);
      throw e;
    } finally {
      spans.end();
    }
  }

  /** A record a reader from the start reads before the end its topics had when it started. */
  private boolean replayed(ConsumerRecord<String, byte[]> record) {
    if (!reading.readsFromStart()) {
      return false;
    }
    Long end = endsAtStart.get(new TopicPartition(record.topic(), record.partition()));
    return end != null && record.offset() < end;
  }

  /** Whether this replica may read; without the lock it stands by and tries again later. */
  private boolean mayRead() {
    if (leader == null || leader.isHeld()) {
      return true;
    }
    closeClients();
    if (!leader.tryAcquire()) {
      BackgroundLoop.pause(settings.standbyRetry());
      return false;
    }
    LOG.infof("consumer %s is active on %s", settings.name(), settings.topics());
    return true;
  }

  private void open() {
    Consumer<String, byte[]> opened = consumers.get();
    try {
      List<TopicPartition> partitions =
          Partitions.assignAll(opened, settings.topics(), reading.positions());
      if (endsAtStart == null) {
        endsAtStart = Map.copyOf(opened.endOffsets(partitions));
      }
      consumer = opened;
    } catch (RuntimeException e) {
      opened.close(CLOSE_TIMEOUT);
      throw e;
    }
  }

  private void measureLag() {
    Consumer<String, byte[]> current = consumer;
    long total = 0;
    for (TopicPartition partition : current.assignment()) {
      total += current.currentLag(partition).orElse(0);
    }
    lag = total;
  }

  private Producer<String, byte[]> deadLetterProducer() {
    if (deadLetterProducer == null) {
      deadLetterProducer = deadLetterProducers.get();
    }
    return deadLetterProducer;
  }

  private void closeClients() {
    Consumer<String, byte[]> current = consumer;
    if (current != null) {
      consumer = null;
      try {
        current.close(CLOSE_TIMEOUT);
      } catch (RuntimeException e) {
        LOG.debugf("closing consumer %s: %s", settings.name(), e);
      }
    }
    if (deadLetterProducer != null) {
      deadLetterProducer.close(CLOSE_TIMEOUT);
      deadLetterProducer = null;
    }
  }
}
