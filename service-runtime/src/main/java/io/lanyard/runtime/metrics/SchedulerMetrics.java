package io.lanyard.runtime.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * A service's scheduler in {@code /q/metrics}, the same names in every service so one dashboard
 * reads them all: {@code lanyard_scheduler_passes_total} (passes on the replica holding the
 * scheduler's lock) and {@code lanyard_scheduler_actions_total{action}} (one count per thing it
 * acted on). Registered when the scheduler is built, so each shows 0 before the first pass.
 */
public final class SchedulerMetrics {

  private final MeterRegistry registry;
  private final Counter passes;

  public SchedulerMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.passes =
        Counter.builder("lanyard.scheduler.passes")
            .description("Passes of the scheduler on the replica holding its lock")
            .register(registry);
  }

  /** One pass ended. */
  public void passed() {
    passes.increment();
  }

  /** The counter of one action ({@code code_expired}, {@code guest_suspended}, …). */
  public Counter action(String action) {
    return Counter.builder("lanyard.scheduler.actions")
        .description("What the scheduler did, by action: one count per item acted on")
        .tag("action", action)
        .register(registry);
  }
}
