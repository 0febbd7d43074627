package io.lanyard.runtime.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;

/** How a service publishes its events. */
@ConfigMapping(prefix = "lanyard.events")
public interface EventsConfig {

  /** The topic the service's outbox relay publishes to, e.g. {@code lanyard.identity.events}. */
  String topic();

  /** Where the service's consumers send events they cannot process. */
  String deadLetterTopic();

  /** Whether this replica runs a relay at all (one replica publishes at a time either way). */
  @WithName("relay.enabled")
  @WithDefault("true")
  boolean relayEnabled();

  /** Events the relay publishes per round. */
  @WithName("relay.batch-size")
  @WithDefault("500")
  int relayBatchSize();

  /**
   * How long a projection rebuild may read nothing, though events are still to read (the broker
   * away), before it ends FAILED with the reason; the live projection is untouched either way.
   */
  @WithName("rebuild.stall-limit")
  @WithDefault("5m")
  Duration rebuildStallLimit();
}
