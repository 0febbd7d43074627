package io.lanyard.identity.application;

import io.lanyard.identity.domain.ImportStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The imports in {@code /q/metrics}: {@code lanyard_jobs_total{kind="user_import",status}} counts
 * imports as they end, and the gauge {@code lanyard_jobs_running{kind="user_import"}} shows how
 * many are queued or running, as the worker (the replica holding its lock) last counted them.
 */
@ApplicationScoped
public class ImportMetrics {

  private static final String KIND = "user_import";

  private final Map<ImportStatus, Counter> ended = new EnumMap<>(ImportStatus.class);
  private final AtomicLong running = new AtomicLong();

  ImportMetrics(MeterRegistry registry) {
    for (ImportStatus status :
        new ImportStatus[] {ImportStatus.COMPLETED, ImportStatus.FAILED, ImportStatus.CANCELLED}) {
      ended.put(
          status,
          Counter.builder("lanyard.jobs")
              .description("jobs that ended, by kind and how")
              .tag("kind", KIND)
              .tag("status", status.wire())
              .register(registry));
    }
    Gauge.builder("lanyard.jobs.running", running, AtomicLong::get)
        .description("jobs queued or running")
        .tag("kind", KIND)
        .register(registry);
  }

  void ended(ImportStatus status) {
    ended.get(status).increment();
  }

  void running(long count) {
    running.set(count);
  }
}
