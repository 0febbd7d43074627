package io.lanyard.device.infra;

import io.lanyard.contracts.EventEnvelope;
import io.lanyard.device.model.CurrentLoginModel;
import io.lanyard.device.model.LoginModel;
import io.lanyard.eventstore.BackgroundLoop;
import io.lanyard.eventstore.consumer.BetweenReads;
import io.lanyard.eventstore.consumer.CatchUpReader;
import io.lanyard.eventstore.consumer.Projection;
import io.lanyard.eventstore.consumer.Rebuild;
import io.lanyard.eventstore.consumer.RebuildProgress;
import io.lanyard.eventstore.kafka.CloudEventRecords;
import io.lanyard.eventstore.kafka.DeadLetters;
import io.lanyard.eventstore.kafka.MalformedEventException;
import io.lanyard.eventstore.kafka.Partitions;
import io.lanyard.runtime.events.EventsConfig;
import io.lanyard.runtime.events.LanyardInfrastructure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Feeds the {@link CurrentLoginModel} of this replica from every partition of the identity,
 * credential and device topics, from their beginning: every replica holds the whole model, and a
 * restart rebuilds it, and so does {@link #rebuild()} beside the live model. The model is caught up
 * once every partition has been read up to the end it had when this replica started; until then the
 * replica is not ready.
 *
 * <p>No consumer group and no committed offsets: positions live in memory with the model they
 * describe. An event that cannot be read goes to the dead-letter topic (once per replica that meets
 * it) and the feed goes on.
 */
@ApplicationScoped
public class ModelFeed implements Projection {

  private static final Logger LOG = Logger.getLogger(ModelFeed.class);
  private static final String CONSUMER = "device-gateway.login-model";

  private final CurrentLoginModel model;
  private final LanyardInfrastructure infrastructure;
  private final List<String> topics;
  private final String deadLetterTopic;
  private final String clientId = "device-gateway.login-model." + UUID.randomUUID();
  private final BackgroundLoop loop;
  private final Map<TopicPartition, Long> nextOffsets = new ConcurrentHashMap<>();
  private final BetweenReads betweenReads = new BetweenReads();
  private final AtomicInteger rebuilds = new AtomicInteger();
  private volatile RebuildProgress lastRebuild;
  private final AtomicLong lag = new AtomicLong(-1);
  private final Counter applied;
  private final Counter deadLettered;
  private volatile Map<TopicPartition, Long> startEnds;
  private volatile boolean caughtUp;
  private volatile long startedAt;
  private volatile long caughtUpAfterMillis = -1;
  private Consumer<String, byte[]> consumer;
  private Producer<String, byte[]> deadLetterProducer;

  public ModelFeed(
      CurrentLoginModel model,
      LanyardInfrastructure infrastructure,
      EventsConfig events,
      MeterRegistry registry,
      @ConfigProperty(name = "lanyard.topics.identity") String identity,
      @ConfigProperty(name = "lanyard.topics.credential") String credential) {
    this.model = model;
    this.infrastructure = infrastructure;
    // Its own topic too: every replica learns of the devices any replica registered.
    this.topics = List.of(identity, credential, events.topic());
    this.deadLetterTopic = events.deadLetterTopic();
    this.loop = new BackgroundLoop("login-model-feed", this::round);
    this.applied =
        Counter.builder("lanyard.login.model.applied")
            .description("Events read into the login model")
            .register(registry);
    this.deadLettered =
        Counter.builder("lanyard.consumer.dead.letters")
            .description("Events sent to the dead-letter topic")
            .tag("consumer", CONSUMER)
            .register(registry);
    Gauge.builder("lanyard.login.model.lag", lag, AtomicLong::get)
        .description("Records on the model's partitions not read yet (-1 before the first read)")
        .register(registry);
  }

  public void start(@Observes StartupEvent started) {
    startedAt = System.nanoTime();
    loop.start();
  }

  public void stop(@Observes ShutdownEvent stopping) {
    loop.stop(this::wakeUp);
    closeClients();
  }

  /** Whether the model holds everything that was on the topics when this replica started. */
  public boolean caughtUp() {
    return caughtUp;
  }

  /** How long the start-up catch-up took, or -1 while it runs. */
  public long caughtUpAfterMillis() {
    return caughtUpAfterMillis;
  }

  /** Records not read yet; -1 until the first read. */
  public long lag() {
    return lag.get();
  }

  @Override
  public String name() {
    return CONSUMER;
  }

  @Override
  public List<String> topics() {
    return topics;
  }

  /** Every replica keeps its own model. */
  @Override
  public boolean active() {
    return loop.isRunning();
  }

  @Override
  public Map<String, Long> position() {
    return CatchUpReader.named(nextOffsets);
  }

  @Override
  public String checksum() {
    return checksumOf(model.get());
  }

  /**
   * Builds a fresh model from the beginning of the topics on a thread of its own while this one
   * answers and follows the topics, and swaps it in between two reads of the feed.
   */
  @Override
  public synchronized RebuildProgress rebuild() {
    if (lastRebuild != null && lastRebuild.running()) {
      throw new IllegalStateException("a rebuild of the login model is running already");
    }
    LoginModel fresh = new LoginModel();
    String rebuildClient = clientId + "-rebuild-" + rebuilds.incrementAndGet();
    lastRebuild =
        Rebuild.start(
            CONSUMER,
            topics,
            () -> infrastructure.consumer(rebuildClient),
            Rebuild.Live.of(() -> Map.copyOf(nextOffsets), betweenReads, this::wakeUp),
            new Rebuild.Candidate() {
              @Override
              public void prepare() {}

              @Override
              public void apply(List<ConsumerRecord<String, byte[]>> records) {
                for (ConsumerRecord<String, byte[]> record : records) {
                  try {
                    ModelEvents.apply(fresh, CloudEventRecords.fromRecord(record));
                  } catch (MalformedEventException | IllegalArgumentException e) {
                    // Dead-lettered by the live feed already.
                  }
                }
              }

              @Override
              public RebuildProgress.Checksums switchIn() {
                RebuildProgress.Checksums checksums =
                    new RebuildProgress.Checksums(checksumOf(model.get()), checksumOf(fresh));
                model.replace(fresh);
                return checksums;
              }

              @Override
              public void discard() {}
            });
    return lastRebuild;
  }

  @Override
  public Optional<RebuildProgress> lastRebuild() {
    return Optional.ofNullable(lastRebuild);
  }

  private static String checksumOf(LoginModel model) {
    return String.format("%016x", model.checksum());
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
      betweenReads.runPending();
      if (consumer == null) {
        open();
      }
      ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
      for (ConsumerRecord<String, byte[]> record : records) {
        apply(record);
        nextOffsets.put(
            new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
      }
      measure();
    } catch (WakeupException e) {
      // stop() interrupted a poll.
    } catch (RuntimeException e) {
      LOG.warnf("login model feed: %s; reopening at the positions read", e.toString());
      closeClients();
      BackgroundLoop.pause(Duration.ofSeconds(1));
    }
  }

  private void apply(ConsumerRecord<String, byte[]> record) {
    EventEnvelope event;
    try {
      event = CloudEventRecords.fromRecord(record);
      ModelEvents.apply(model.get(), event);
      applied.increment();
    } catch (MalformedEventException | IllegalArgumentException e) {
      deadLetter(record, e);
    }
  }

  private void measure() {
    Map<TopicPartition, Long> ends = startEnds;
    long total = 0;
    boolean reachedStartEnds = true;
    for (TopicPartition partition : consumer.assignment()) {
      total += consumer.currentLag(partition).orElse(0);
      long position = nextOffsets.getOrDefault(partition, 0L);
      if (position < ends.getOrDefault(partition, 0L)) {
        reachedStartEnds = false;
      }
    }
    lag.set(total);
    if (reachedStartEnds && !caughtUp) {
      caughtUpAfterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt);
      caughtUp = true;
      LOG.infof(
          "login model caught up in %d ms: %s",
          caughtUpAfterMillis, model.get().stats().toString());
    }
  }

  private void open() {
    Consumer<String, byte[]> opened = infrastructure.consumer(clientId);
    try {
      List<TopicPartition> partitions = Partitions.assignAll(opened, topics, nextOffsets);
      if (startEnds == null) {
        startEnds = Map.copyOf(opened.endOffsets(partitions));
      }
      consumer = opened;
    } catch (RuntimeException e) {
      opened.close(Duration.ofSeconds(5));
      throw e;
    }
  }

  private void deadLetter(ConsumerRecord<String, byte[]> record, Exception error) {
    if (deadLetterProducer == null) {
      deadLetterProducer = infrastructure.producer(clientId + "-dlq");
    }
    deadLetterProducer.send(DeadLetters.letter(deadLetterTopic, CONSUMER, record, error));
    deadLettered.increment();
    LOG.warnf(
        "login model: %s-%d@%d sent to %s: %s",
        record.topic(),
        record.partition(),
        record.offset(),
        deadLetterTopic,
        DeadLetters.describe(error));
  }

  private void closeClients() {
    if (consumer != null) {
      try {
        consumer.close(Duration.ofSeconds(5));
      } catch (RuntimeException e) {
        LOG.debugf("closing the login model consumer: %s", e);
      }
      consumer = null;
    }
    if (deadLetterProducer != null) {
      deadLetterProducer.close(Duration.ofSeconds(5));
      deadLetterProducer = null;
    }
  }
}
