package io.lanyard.runtime.metrics;

import io.lanyard.eventstore.outbox.OutboxBacklog;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * The outbox's {@link OutboxBacklog} every 5 s on every replica, whether or not its relay
 * publishes: {@code lanyard_outbox_depth_events} and {@code lanyard_outbox_age_seconds}, what the
 * alert on a stale outbox reads.
 */
@ApplicationScoped
public class OutboxGauges {

  private static final Logger LOG = Logger.getLogger(OutboxGauges.class);
  private static final long EVERY_MILLIS = 5_000;

  private final Pool pool;
  private final Vertx vertx;
  private final AtomicReference<OutboxBacklog> last = new AtomicReference<>(OutboxBacklog.EMPTY);
  private long timer = -1;

  OutboxGauges(Pool pool, Vertx vertx, MeterRegistry registry) {
    this.pool = pool;
    this.vertx = vertx;
    Gauge.builder("lanyard.outbox.depth", last, backlog -> backlog.get().depth())
        .description("Events in the outbox, not yet acknowledged by Kafka")
        .baseUnit("events")
        .register(registry);
    Gauge.builder("lanyard.outbox.age", last, backlog -> backlog.get().oldestAge().toMillis() / 1e3)
        .description("How long the oldest event in the outbox has waited (0 when it is empty)")
        .baseUnit("seconds")
        .register(registry);
  }

  void start(@Observes StartupEvent started) {
    timer = vertx.setPeriodic(EVERY_MILLIS, ignored -> measure());
  }

  void stop(@Observes ShutdownEvent stopping) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  private void measure() {
    OutboxBacklog.measure(pool)
        .subscribe()
        .with(last::set, failure -> LOG.debugf("outbox not measured: %s", failure.toString()));
  }
}
