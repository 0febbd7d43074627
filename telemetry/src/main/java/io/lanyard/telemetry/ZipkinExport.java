package io.lanyard.telemetry;

import io.opentelemetry.exporter.zipkin.ZipkinSpanExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import zipkin2.reporter.urlconnection.URLConnectionSender;

/**
 * Where an app's spans go: to Zipkin when {@code lanyard.tracing.zipkin-url} names one (its {@code
 * /api/v2/spans}), with routes and never a path's or query's values ({@link
 * RouteOnlySpanExporter}); spans are made only when {@code quarkus.otel.sdk.disabled} is false. A
 * span exporter of ours also keeps Quarkus from starting its OTLP exporter, which nothing here
 * receives.
 */
public class ZipkinExport {

  @Produces
  @Singleton
  SpanExporter spanExporter(
      @ConfigProperty(name = "lanyard.tracing.zipkin-url") Optional<String> zipkin) {
    if (zipkin.isEmpty()) {
      return SpanExporter.composite();
    }
    return new RouteOnlySpanExporter(
        ZipkinSpanExporter.builder().setSender(URLConnectionSender.create(zipkin.get())).build());
  }
}
