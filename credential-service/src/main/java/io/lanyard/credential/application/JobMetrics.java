package io.lanyard.credential.application;

import io.lanyard.credential.infra.JobRecords;
import io.lanyard.runtime.metrics.JobsMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The regeneration jobs in {@code /q/metrics}, under the names every service's jobs share ({@link
 * JobsMetrics}): {@code lanyard_jobs_total{kind="regenerate_codes",status}} and {@code
 * lanyard_jobs_running{kind="regenerate_codes"}}.
 */
@ApplicationScoped
public class JobMetrics {

  private final JobsMetrics regenerations;

  JobMetrics(MeterRegistry registry) {
    this.regenerations = new JobsMetrics(registry, JobRecords.REGENERATE_CODES);
  }

  /** A job ended as {@code status} ({@code completed}, {@code failed}, {@code cancelled}). */
  public void ended(String status) {
    regenerations.ended(status);
  }

  void running(long jobs) {
    regenerations.running(jobs);
  }
}
