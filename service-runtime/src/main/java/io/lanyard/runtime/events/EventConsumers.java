package io.lanyard.runtime.events;

import io.lanyard.eventstore.LeaderLock;
import io.lanyard.eventstore.consumer.EventConsumer;
import io.lanyard.eventstore.consumer.EventHandler;
import io.lanyard.eventstore.tracing.EventTracing;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Starts a service's event consumers and stops them at shutdown. */
@ApplicationScoped
public class EventConsumers {

  private final String service;
  private final String deadLetterTopic;
  private final Duration rebuildStallLimit;
  private final LanyardInfrastructure infrastructure;
  private final Pool pool;
  private final Vertx vertx;
  private final MeterRegistry registry;
  private final EventTracing tracing;
  private final List<EventConsumer> running = new CopyOnWriteArrayList<>();

  EventConsumers(
      @ConfigProperty(name = "quarkus.application.name") String service,
      EventsConfig events,
      LanyardInfrastructure infrastructure,
      Pool pool,
      Vertx vertx,
      MeterRegistry registry,
      EventTracing tracing) {
    this.service = service;
    this.deadLetterTopic = events.deadLetterTopic();
    this.rebuildStallLimit = events.rebuildStallLimit();
    this.infrastructure = infrastructure;
    this.pool = pool;
    this.vertx = vertx;
    this.registry = registry;
    this.tracing = tracing;
  }

  /**
   * Starts a consumer named {@code <service>.<name>} over {@code topics}; one replica of the
   * service runs it at a time.
   */
  public EventConsumer start(String name, List<String> topics, EventHandler handler) {
    String consumerName = service + "." + name;
    EventConsumer consumer =
        new EventConsumer(
            EventConsumer.Settings.of(consumerName, deadLetterTopic, topics)
                .withRebuildStallLimit(rebuildStallLimit),
            pool,
            new LeaderLock(vertx, infrastructure.connectOptions(), "consumer:" + consumerName),
            () -> infrastructure.consumer(consumerName),
            () -> infrastructure.producer(consumerName + "-dlq"),
            handler,
            registry,
            tracing);
    running.add(consumer);
    consumer.start();
    return consumer;
  }

  /** The consumers this replica started, whether or not it is the one consuming. */
  public List<EventConsumer> running() {
    return List.copyOf(running);
  }

  void stop(@Observes ShutdownEvent stopping) {
    running.forEach(EventConsumer::close);
  }
}
