package io.lanyard.credential.application;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The jobs' numbers in {@code /q/metrics}: {@code lanyard_jobs_total{kind,status}} counts jobs as
 * they end (completed, failed, cancelled) on the replica that ended them; {@code
 * lanyard_jobs_running} is how many jobs are queued or running, as the worker (on the replica
 * holding its lock; 0 elsewhere) saw them last.
 */
@ApplicationScoped
public class JobMetrics {

  private final MeterRegistry registry;
  private final AtomicLong running = new AtomicLong();

  JobMetrics(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("lanyard.jobs.running", running, AtomicLong::get)
        .description("Credential jobs queued or running")
        .register(registry);
  }

  public void ended(String kind, String status) {
    Counter.builder("lanyard.jobs")
        .description("Credential jobs that ended, by kind and status")
        .tag("kind", kind)
        .tag("status", status)
        .register(registry)
        .increment();
  }

  void running(long jobs) {
    running.set(jobs);
  }
}
