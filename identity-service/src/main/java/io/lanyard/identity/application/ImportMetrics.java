package io.lanyard.identity.application;

import io.lanyard.identity.domain.ImportStatus;
import io.lanyard.runtime.metrics.JobsMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The imports in {@code /q/metrics}, under the names every service's jobs share ({@link
 * JobsMetrics}): {@code lanyard_jobs_total{kind="user_import",status}} and {@code
 * lanyard_jobs_running{kind="user_import"}}.
 */
@ApplicationScoped
public class ImportMetrics {

  private static final String KIND = "user_import";

  private final JobsMetrics imports;

  ImportMetrics(MeterRegistry registry) {
    this.imports = new JobsMetrics(registry, KIND);
  }

  void ended(ImportStatus status) {
    imports.ended(status.wire());
  }

  void running(long count) {
    imports.running(count);
  }
}
