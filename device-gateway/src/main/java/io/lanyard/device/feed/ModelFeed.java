package io.lanyard.device.feed;

import io.lanyard.contracts.EventEnvelope;
import io.lanyard.contracts.identity.TenantErasedV1;
import io.lanyard.device.model.CurrentLoginModel;
import io.lanyard.device.model.LoginModel;
import io.lanyard.eventstore.consumer.ApplyLater;
import io.lanyard.eventstore.consumer.CatchUpReader;
import io.lanyard.eventstore.consumer.ChecksumPerPosition;
import io.lanyard.eventstore.consumer.Projection;
import io.lanyard.eventstore.consumer.Rebuild;
import io.lanyard.eventstore.consumer.RebuildProgress;
import io.lanyard.eventstore.consumer.TopicReader;
import io.lanyard.eventstore.kafka.CloudEventRecords;
import io.lanyard.eventstore.kafka.MalformedEventException;
import io.lanyard.eventstore.tracing.EventTracing;
import io.lanyard.runtime.events.EventsConfig;
import io.lanyard.runtime.events.LanyardInfrastructure;
import io.lanyard.runtime.personal.DataKeyCache;
import io.lanyard.runtime.personal.TenantKeyCache;
import io.lanyard.runtime.personal.UserEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Feeds the {@link CurrentLoginModel} of this replica from every partition of the identity,
 * credential and device topics, from their beginning: every replica holds the whole model, and a
 * restart rebuilds it, and so does {@link #rebuild()} beside the live model. The model is caught up
 * once every partition has been read up to the end it had when this replica started; until then the
 * replica is not ready.
 *
 * <p>It runs on a {@link TopicReader} of its own on every replica, with no consumer group and no
 * committed offsets: positions live in memory with the model they describe. An event that cannot be
 * read goes to the dead-letter topic (once per replica that meets it) and the feed goes on.
 *
 * <p>A poll's user events are opened before it is applied ({@link OpenedUsers}: a v2 event's person
 * needs the user's data key from identity-service, ADR 7). While identity does not answer, the feed
 * stops before the first event that waits for it and reads it again after a pause: the model falls
 * behind, it never skips a person.
 */
@ApplicationScoped
public class ModelFeed implements Projection {

  private static final Logger LOG = Logger.getLogger(ModelFeed.class);
  private static final String CONSUMER = "device-gateway.login-model";

  private final CurrentLoginModel model;
  private final LanyardInfrastructure infrastructure;
  private final UserEvents userEvents;
  private final DataKeyCache keys;
  private final TenantKeyCache tenantKeys;
  private final ErasedTenants erasedTenants;
  private final String clientId = "device-gateway.login-model." + UUID.randomUUID();
  private final TopicReader reader;
  private final Map<TopicPartition, Long> nextOffsets = new ConcurrentHashMap<>();
  private final AtomicInteger rebuilds = new AtomicInteger();
  private final Counter applied;
  private final Timer visibleAfter;
  private volatile RebuildProgress lastRebuild;
  private final ChecksumPerPosition checksums = new ChecksumPerPosition();
  private volatile boolean caughtUp;
  private volatile long startedAt;
  private volatile long caughtUpAfterMillis = -1;

  private final Duration rebuildStallLimit;
  private final EventTracing tracing;

  public ModelFeed(
      CurrentLoginModel model,
      LanyardInfrastructure infrastructure,
      UserEvents userEvents,
      DataKeyCache keys,
      TenantKeyCache tenantKeys,
      ErasedTenants erasedTenants,
      EventsConfig events,
      MeterRegistry registry,
      EventTracing tracing,
      @ConfigProperty(name = "lanyard.topics.identity") String identity,
      @ConfigProperty(name = "lanyard.topics.credential") String credential) {
    this.model = model;
    this.infrastructure = infrastructure;
    this.userEvents = userEvents;
    this.keys = keys;
    this.tenantKeys = tenantKeys;
    this.erasedTenants = erasedTenants;
    this.rebuildStallLimit = events.rebuildStallLimit();
    this.tracing = tracing;
    // Its own topic too: every replica learns of the devices any replica registered.
    List<String> topics = List.of(identity, credential, events.topic());
    this.reader =
        new TopicReader(
            TopicReader.Settings.of(CONSUMER, events.deadLetterTopic(), topics),
            () -> infrastructure.consumer(clientId),
            () -> infrastructure.producer(clientId + "-dlq"),
            new InMemory(),
            registry,
            tracing);
    this.visibleAfter =
        Timer.builder("lanyard.login.model.delay")
            .description(
                "From a change (its event's time) to the login model answering with it: how long"
                    + " an admin's change takes to reach the printers; live events only")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(5))
            .maximumExpectedValue(Duration.ofMinutes(10))
            .register(registry);
    this.applied =
        Counter.builder("lanyard.login.model.applied")
            .description("Events read into the login model")
            .register(registry);
    Gauge.builder("lanyard.login.model.lag", reader, TopicReader::lag)
        .description("Records on the model's partitions not read yet (-1 before the first read)")
        .register(registry);
  }

  public void start(@Observes StartupEvent started) {
    startedAt = System.nanoTime();
    reader.start();
  }

  public void stop(@Observes ShutdownEvent stopping) {
    reader.close();
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
    return reader.lag();
  }

  @Override
  public String name() {
    return CONSUMER;
  }

  @Override
  public List<String> topics() {
    return reader.settings().topics();
  }

  /** Every replica keeps its own model. */
  @Override
  public boolean active() {
    return reader.running();
  }

  @Override
  public Map<String, Long> position() {
    return CatchUpReader.named(nextOffsets);
  }

  @Override
  public String checksum() {
    return checksums.at(position(), lastRebuild, () -> checksumOf(model.get()));
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
    String rebuildClient = clientId + "-rebuild-" + rebuilds.incrementAndGet();
    lastRebuild =
        Rebuild.start(
            CONSUMER,
            topics(),
            () -> infrastructure.consumer(rebuildClient),
            reader.live(),
            new FreshModel(),
            rebuildStallLimit,
            tracing);
    return lastRebuild;
  }

  @Override
  public Optional<RebuildProgress> lastRebuild() {
    return Optional.ofNullable(lastRebuild);
  }

  private static String checksumOf(LoginModel model) {
    return String.format("%016x", model.checksum());
  }

  /** The reader's side: every record into the live model, positions beside it. */
  private final class InMemory implements TopicReader.Reading {

    @Override
    public Map<TopicPartition, Long> positions() {
      return Map.copyOf(nextOffsets);
    }

    @Override
    public boolean readsFromStart() {
      return true;
    }

    @Override
    public boolean read(ConsumerRecords<String, byte[]> records) {
      List<Read> reads = Read.all(records);
      OpenedUsers users = OpenedUsers.open(userEvents, keys, Read.events(reads));
      for (Read read : reads) {
        if (read.event() != null && users.waits(read.event())) {
          // The reader reopens at the positions, this record first, after a pause.
          throw new ApplyLater(
              "identity-service's key API does not answer: the login model waits at "
                  + read.record().topic()
                  + "-"
                  + read.record().partition()
                  + "@"
                  + read.record().offset(),
              null);
        }
        apply(read, users);
        nextOffsets.put(
            new TopicPartition(read.record().topic(), read.record().partition()),
            read.record().offset() + 1);
      }
      if (!caughtUp) {
        noteIfCaughtUp();
      }
      return true;
    }

    private void apply(Read read, OpenedUsers users) {
      try {
        ModelEvents.apply(model.get(), read.readable(), users);
        tenantKeys.observe(read.event()); // a new tenant's key, at hand before its first login
        if (read.event() != null && read.event().type().equals(TenantErasedV1.TYPE)) {
          erasedTenants
              .deleteRowsOf(read.event().tenantId())
              .await()
              .atMost(Duration.ofSeconds(30));
        }
        if (UserEvents.isErased(read.event())) {
          userEvents.erased(read.event()); // the user's key leaves this replica's cache too
        }
        applied.increment();
        if (caughtUp && read.event() != null) {
          visibleAfter.record(Duration.between(read.event().time(), Instant.now()));
        }
      } catch (MalformedEventException | IllegalArgumentException e) {
        reader.deadLetter(read.record(), e);
      }
    }

    private void noteIfCaughtUp() {
      for (Map.Entry<TopicPartition, Long> end : reader.endsAtStart().entrySet()) {
        if (nextOffsets.getOrDefault(end.getKey(), 0L) < end.getValue()) {
          return;
        }
      }
      caughtUpAfterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt);
      caughtUp = true;
      LOG.infof(
          "login model caught up in %d ms: %s",
          caughtUpAfterMillis, model.get().stats().toString());
    }
  }

  /** A rebuild's model, built beside the live one and swapped in for it. */
  private final class FreshModel implements Rebuild.Candidate {
    private final LoginModel fresh = new LoginModel();

    @Override
    public void prepare() {}

    @Override
    public void apply(List<ConsumerRecord<String, byte[]>> records) {
      List<Read> reads = Read.all(records);
      OpenedUsers users = OpenedUsers.open(userEvents, keys, Read.events(reads));
      if (users.anyWaits()) {
        throw new ApplyLater(
            "identity-service's key API does not answer: the rebuild cannot open its users", null);
      }
      for (Read read : reads) {
        try {
          ModelEvents.apply(fresh, read.readable(), users);
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
  }

  /**
   * A record as an event, or why it is not one (it is applied as such: dead-lettered), read once
   * for both the opening of its poll's users and the applying.
   */
  private record Read(
      ConsumerRecord<String, byte[]> record,
      EventEnvelope event,
      MalformedEventException malformed) {

    static List<Read> all(Iterable<ConsumerRecord<String, byte[]>> records) {
      List<Read> reads = new ArrayList<>();
      for (ConsumerRecord<String, byte[]> record : records) {
        try {
          reads.add(new Read(record, CloudEventRecords.fromRecord(record), null));
        } catch (MalformedEventException e) {
          reads.add(new Read(record, null, e));
        }
      }
      return reads;
    }

    /** The event, or why the record is not one. */
    EventEnvelope readable() {
      if (event == null) {
        throw malformed;
      }
      return event;
    }

    static List<EventEnvelope> events(List<Read> reads) {
      return reads.stream().map(Read::event).filter(event -> event != null).toList();
    }
  }
}
