package io.lanyard.runtime.events;

import io.lanyard.eventstore.outbox.OutboxRelay;
import io.lanyard.eventstore.tracing.EventTracing;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs the service's outbox relay from start to shutdown. Every replica runs one; the relay's lock
 * lets only one of them publish.
 */
@ApplicationScoped
public class OutboxRelayRunner {

  private final OutboxRelay relay;
  private final boolean enabled;

  OutboxRelayRunner(
      @ConfigProperty(name = "quarkus.application.name") String service,
      EventsConfig events,
      LanyardInfrastructure infrastructure,
      Vertx vertx,
      MeterRegistry registry,
      EventTracing tracing) {
    this.enabled = events.relayEnabled();
    this.relay =
        new OutboxRelay(
            OutboxRelay.Settings.of(service, events.topic()).withBatchSize(events.relayBatchSize()),
            vertx,
            infrastructure.connectOptions(),
            () -> infrastructure.producer(service + "-relay"),
            registry,
            tracing);
  }

  void start(@Observes StartupEvent started) {
    if (enabled) {
      relay.start();
    }
  }

  void stop(@Observes ShutdownEvent stopping) {
    relay.close();
  }

  /** See {@link OutboxRelay#renewProducer()}: after a topic was recreated. */
  public void renewProducer() {
    relay.renewProducer();
  }

  /** Whether this replica is the one publishing. */
  public boolean isActive() {
    return relay.isActive();
  }
}
