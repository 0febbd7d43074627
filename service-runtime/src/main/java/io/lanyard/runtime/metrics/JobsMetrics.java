package io.lanyard.runtime.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One kind of a service's jobs in {@code /q/metrics}, the same names in every service so one
 * dashboard reads them all: {@code lanyard_jobs_total{kind,status}} counts jobs as they end
 * (completed, failed, cancelled) on the replica that ended them, and {@code
 * lanyard_jobs_running{kind}} is how many are queued or running as the worker holding the lock last
 * counted them; a replica without the lock shows 0, so summing the replicas counts each job once.
 * Registered when built, so the gauge and each of the {@link #ENDINGS} show 0 before the first job.
 */
public final class JobsMetrics {

  /** How a job ends, in every service's jobs API. */
  public static final List<String> ENDINGS = List.of("completed", "failed", "cancelled");

  private final MeterRegistry registry;
  private final String kind;
  private final AtomicLong running = new AtomicLong();

  public JobsMetrics(MeterRegistry registry, String kind) {
    this.registry = registry;
    this.kind = kind;
    Gauge.builder("lanyard.jobs.running", running, AtomicLong::get)
        .description("Jobs queued or running, by kind, on the replica holding the worker's lock")
        .tag("kind", kind)
        .register(registry);
    ENDINGS.forEach(this::counter);
  }

  /** A job of this kind ended as {@code status} ({@code completed}, {@code failed}, …). */
  public void ended(String status) {
    counter(status).increment();
  }

  private Counter counter(String status) {
    return Counter.builder("lanyard.jobs")
        .description("Jobs that ended, by kind and status")
        .tag("kind", kind)
        .tag("status", status)
        .register(registry);
  }

  /** The worker's count of jobs queued or running; 0 on a replica without its lock. */
  public void running(long jobs) {
    running.set(jobs);
  }
}
