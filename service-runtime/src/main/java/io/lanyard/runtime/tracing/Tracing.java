package io.lanyard.runtime.tracing;

import io.lanyard.eventstore.tracing.EventTracing;
import io.opentelemetry.api.trace.Tracer;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The spans of a service's events (event-store's {@link EventTracing}), made with the tracer
 * Quarkus configures; where they go is the telemetry module's {@code ZipkinExport}.
 */
public class Tracing {

  @Produces
  @Singleton
  EventTracing eventTracing(Tracer tracer) {
    return new EventTracing(tracer);
  }
}
