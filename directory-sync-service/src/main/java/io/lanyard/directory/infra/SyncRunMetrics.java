package io.lanyard.directory.infra;

import io.lanyard.directory.application.google.SyncRunMeter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Directory sync runs as they end on this replica: {@code lanyard_sync_runs_total{result}} and
 * {@code lanyard_sync_duration_seconds{result}}; {@code abandoned} runs (their replica stopped) are
 * counted by the replica that marks them failed, without a duration.
 */
@ApplicationScoped
public class SyncRunMetrics implements SyncRunMeter {

  private final Counter succeeded;
  private final Counter failed;
  private final Counter abandoned;
  private final Timer succeededIn;
  private final Timer failedIn;

  SyncRunMetrics(MeterRegistry registry) {
    this.succeeded = runs(registry, "succeeded");
    this.failed = runs(registry, "failed");
    this.abandoned = runs(registry, "abandoned");
    this.succeededIn = duration(registry, "succeeded");
    this.failedIn = duration(registry, "failed");
  }

  @Override
  public void succeeded(Duration took) {
    succeeded.increment();
    succeededIn.record(took);
  }

  @Override
  public void failed(Duration took) {
    failed.increment();
    failedIn.record(took);
  }

  @Override
  public void abandoned() {
    abandoned.increment();
  }

  private static Counter runs(MeterRegistry registry, String result) {
    return Counter.builder("lanyard.sync.runs")
        .description("Directory sync runs ended, by result")
        .tag("result", result)
        .register(registry);
  }

  private static Timer duration(MeterRegistry registry, String result) {
    return Timer.builder("lanyard.sync.duration")
        .description("How long directory sync runs took, from start to end, by result")
        .tag("result", result)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofSeconds(1))
        .maximumExpectedValue(Duration.ofHours(2))
        .register(registry);
  }
}
