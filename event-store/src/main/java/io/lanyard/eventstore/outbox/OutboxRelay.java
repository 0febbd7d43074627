package io.lanyard.eventstore.outbox;

import io.lanyard.eventstore.BackgroundLoop;
import io.lanyard.eventstore.EventRows;
import io.lanyard.eventstore.LeaderLock;
import io.lanyard.eventstore.PgEventStore;
import io.lanyard.eventstore.StoredEvent;
import io.lanyard.eventstore.kafka.CloudEventRecords;
import io.lanyard.eventstore.tracing.EventTracing;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgPool;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

/**
 * Publishes the outbox to the service's topic, oldest first, at least once. Only the replica that
 * holds the relay's {@link LeaderLock} publishes; it wakes on the store's NOTIFY at commit, and
 * also looks every {@code idlePoll} in case a signal was lost.
 *
 * <p>A batch is deleted from the outbox only after Kafka acknowledged all of it. A crash before
 * that publishes the batch again (duplicates, which consumers skip) but never out of order: outbox
 * ids follow stream versions, and the producer is idempotent, so a stream's events reach their
 * partition in version order.
 */
public final class OutboxRelay implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

  /**
   * @param name the relay's name (the service), used for its lock and metrics
   * @param topic where the events go
   * @param source the CloudEvents source of the events (the service)
   */
  public record Settings(
      String name,
      String topic,
      String source,
      int batchSize,
      Duration idlePoll,
      Duration standbyRetry,
      Duration sendTimeout) {

    public static Settings of(String service, String topic) {
      return new Settings(
          service,
          topic,
          service,
          500,
          Duration.ofSeconds(1),
          Duration.ofSeconds(2),
          Duration.ofSeconds(30));
    }

    public Settings withStandbyRetry(Duration retry) {
      return new Settings(name, topic, source, batchSize, idlePoll, retry, sendTimeout);
    }

    public Settings withBatchSize(int size) {
      return new Settings(name, topic, source, size, idlePoll, standbyRetry, sendTimeout);
    }
  }

  private static final String NEXT_BATCH =
      "SELECT o.id, o.republished_in, e.trace_parent, "
          + EventRows.COLUMNS
          + " FROM event_store.outbox o JOIN event_store.events e ON e.position = o.event_position"
          + " WHERE o.id <> ALL($2) ORDER BY o.id LIMIT $1";
  private static final String MARK_PUBLISHED =
      "WITH d AS (DELETE FROM event_store.outbox WHERE id = ANY($1))"
          + " INSERT INTO event_store.relay_progress"
          + " (relay, last_event_position, published_total, updated_at) VALUES ($2, $3, $4, now())"
          + " ON CONFLICT (relay) DO UPDATE SET last_event_position = excluded.last_event_position,"
          + " published_total = relay_progress.published_total + excluded.published_total,"
          + " updated_at = now()";

  private final Settings settings;
  private final Pool pool;
  private final LeaderLock lock;
  private final Supplier<Producer<String, byte[]>> producers;
  private final Semaphore wakeUps = new Semaphore(0);
  private final Counter published;
  private final Counter failures;
  private final Timer latency;
  private final EventTracing tracing;
  private static final Long[] NOTHING = new Long[0];

  private Long[] marking = NOTHING;
  private CompletableFuture<?> markingDone = CompletableFuture.completedFuture(null);
  private final BackgroundLoop loop;
  private volatile boolean listening;
  private volatile Producer<String, byte[]> producer;
  private volatile boolean renew;

  /**
   * @param database where the outbox is; the relay opens its own connections (a lock connection
   *     that also listens, and a small pool)
   */
  public OutboxRelay(
      Settings settings,
      Vertx vertx,
      PgConnectOptions database,
      Supplier<Producer<String, byte[]>> producers,
      MeterRegistry registry,
      EventTracing tracing) {
    this.settings = settings;
    this.tracing = tracing;
    this.lock = new LeaderLock(vertx, database, "outbox-relay:" + settings.name());
    // Deleting published rows needs no flush to disk: if a crash loses a deletion, the rows are
    // published once more, which at-least-once delivery allows. Not waiting for the flush takes
    // a disk round trip off every batch.
    PgConnectOptions bookkeeping = new PgConnectOptions(database);
    bookkeeping.addProperty("synchronous_commit", "off");
    bookkeeping.addProperty("application_name", "outbox-relay-" + settings.name());
    this.pool = PgPool.pool(vertx, bookkeeping, new PoolOptions().setMaxSize(2));
    this.producers = producers;
    this.loop = new BackgroundLoop("outbox-relay-" + settings.name(), this::round);
    this.published =
        Counter.builder("lanyard.outbox.published")
            .description("Events the relay published to Kafka")
            .tag("relay", settings.name())
            .register(registry);
    this.failures =
        Counter.builder("lanyard.outbox.failures")
            .description("Relay rounds that failed and were retried")
            .tag("relay", settings.name())
            .register(registry);
    this.latency =
        Timer.builder("lanyard.outbox.latency")
            .description("From an event's occurrence to Kafka's acknowledgement")
            .tag("relay", settings.name())
            .publishPercentiles(0.5, 0.99)
            .register(registry);
  }

  public void start() {
    loop.start();
  }

  /** Whether this replica is the one publishing. */
  public boolean isActive() {
    return loop.isRunning() && lock.isHeld() && listening;
  }

  @Override
  public void close() {
    loop.stop(wakeUps::release);
    closeProducer();
    lock.close();
    pool.close().subscribe().with(ignored -> {}, failure -> {});
  }

  private void round() {
    try {
      if (!ensureLeader()) {
        wakeUps.tryAcquire(settings.standbyRetry().toMillis(), TimeUnit.MILLISECONDS);
        return;
      }
      wakeUps.drainPermits();
      if (publishBatch() < settings.batchSize()) {
        wakeUps.tryAcquire(settings.idlePoll().toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      failures.increment();
      LOG.warnf("relay %s: %s; retrying", settings.name(), e.toString());
      finishMarking();
      // A send may have failed half-way: a fresh producer starts from a clean sequence.
      closeProducer();
      BackgroundLoop.pause(Duration.ofMillis(500));
    }
  }

  private boolean ensureLeader() {
    if (lock.isHeld() && listening) {
      return true;
    }
    listening = false;
    if (!lock.tryAcquire()) {
      return false;
    }
    lock.connection().notificationHandler(notification -> wakeUps.release());
    lock.connection()
        .query("LISTEN " + PgEventStore.OUTBOX_CHANNEL)
        .execute()
        .await()
        .atMost(Duration.ofSeconds(10));
    listening = true;
    LOG.infof("relay %s is active, publishing to %s", settings.name(), settings.topic());
    return true;
  }

  private int publishBatch() throws InterruptedException {
    RowSet<Row> rows =
        pool.preparedQuery(NEXT_BATCH)
            .execute(Tuple.of(settings.batchSize(), marking))
            .await()
            .atMost(Duration.ofSeconds(30));
    if (rows.size() == 0) {
      finishMarking();
      return 0;
    }
    Producer<String, byte[]> kafka = producer();
    List<Future<RecordMetadata>> sends = new ArrayList<>(rows.size());
    List<Instant> occurred = new ArrayList<>(rows.size());
    List<Span> spans = new ArrayList<>(rows.size());
    Long[] ids = new Long[rows.size()];
    long lastPosition = 0;
    int i = 0;
    for (Row row : rows) {
      StoredEvent event = EventRows.toEvent(row);
      Span span =
          tracing.publishing(
              settings.topic(),
              event.id().toString(),
              event.type().toString(),
              row.getString("trace_parent"),
              row.getString("republished_in"));
      spans.add(span);
      sends.add(
          kafka.send(
              CloudEventRecords.toRecord(
                  settings.topic(),
                  event.toEnvelope(settings.source()),
                  EventTracing.traceParentOf(span))));
      occurred.add(event.occurredAt());
      ids[i++] = row.getLong("id");
      lastPosition = Math.max(lastPosition, event.position());
    }
    try {
      for (int k = 0; k < sends.size(); k++) {
        awaitAck(sends.get(k));
        latency.record(Duration.between(occurred.get(k), Instant.now()));
      }
    } catch (RuntimeException e) {
      spans.forEach(span -> EventTracing.failed(span, e));
      throw e;
    } finally {
      spans.forEach(span -> EventTracing.ended(span));
    }
    // The deletion of this batch runs while the next one is read and sent (which skips its rows);
    // at most one deletion is under way.
    finishMarking();
    marking = ids;
    markingDone =
        pool.preparedQuery(MARK_PUBLISHED)
            .execute(Tuple.of(ids, settings.name(), lastPosition, (long) ids.length))
            .subscribeAsCompletionStage();
    published.increment(ids.length);
    return ids.length;
  }

  private void finishMarking() {
    try {
      markingDone.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // The rows stay in the outbox and go out once more: a duplicate, never a loss.
      LOG.warnf("relay %s could not mark a batch published: %s", settings.name(), e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      marking = NOTHING;
      markingDone = CompletableFuture.completedFuture(null);
    }
  }

  private void awaitAck(Future<RecordMetadata> send) throws InterruptedException {
    try {
      send.get(settings.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Kafka did not acknowledge an event: " + e.getMessage(), e);
    }
  }

  /**
   * Drops the producer, failing what it has in flight (those rows stay in the outbox and go out
   * again with a fresh one). After a topic was deleted and recreated, an idempotent producer's
   * sequence numbers no longer match the broker's, and it would retry them until its sends time
   * out.
   */
  public void renewProducer() {
    renew = true;
    Producer<String, byte[]> current = producer;
    if (current != null) {
      current.close(Duration.ZERO);
    }
  }

  private Producer<String, byte[]> producer() {
    if (renew) {
      renew = false;
      closeProducer();
    }
    if (producer == null) {
      producer = producers.get();
    }
    return producer;
  }

  private void closeProducer() {
    if (producer != null) {
      try {
        producer.close(Duration.ofSeconds(5));
      } catch (RuntimeException e) {
        LOG.debugf("closing the producer of relay %s: %s", settings.name(), e);
      }
      producer = null;
    }
  }
}
