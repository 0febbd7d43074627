package io.lanyard.runtime.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class JobsMetricsTest {

  @Test
  void endedJobsAreCountedByKindAndStatusAndTheGaugeByKind() {
    MeterRegistry registry = new SimpleMeterRegistry();
    JobsMetrics imports = new JobsMetrics(registry, "user_import");
    JobsMetrics regenerations = new JobsMetrics(registry, "regenerate_codes");
    assertEquals(
        0,
        registry.get("lanyard.jobs.running").tag("kind", "user_import").gauge().value(),
        "0 before the worker's first look");
    assertEquals(
        0,
        registry
            .get("lanyard.jobs")
            .tag("kind", "regenerate_codes")
            .tag("status", "failed")
            .counter()
            .count(),
        "each ending shows 0 before the first job ends so");

    imports.running(3);
    regenerations.running(1);
    imports.ended("completed");
    imports.ended("completed");
    imports.ended("failed");
    regenerations.ended("cancelled");

    assertEquals(
        3, registry.get("lanyard.jobs.running").tag("kind", "user_import").gauge().value());
    assertEquals(
        1, registry.get("lanyard.jobs.running").tag("kind", "regenerate_codes").gauge().value());
    assertEquals(
        2,
        registry
            .get("lanyard.jobs")
            .tag("kind", "user_import")
            .tag("status", "completed")
            .counter()
            .count());
    assertEquals(
        1,
        registry
            .get("lanyard.jobs")
            .tag("kind", "user_import")
            .tag("status", "failed")
            .counter()
            .count());
    assertEquals(
        1,
        registry
            .get("lanyard.jobs")
            .tag("kind", "regenerate_codes")
            .tag("status", "cancelled")
            .counter()
            .count());

    imports.running(0);
    assertEquals(
        0,
        registry.get("lanyard.jobs.running").tag("kind", "user_import").gauge().value(),
        "a replica that lost the lock shows none");
  }
}
