package io.lanyard.runtime.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class SchedulerMetricsTest {

  @Test
  void passesAndActionsAreCountedUnderTheSharedNames() {
    MeterRegistry registry = new SimpleMeterRegistry();
    SchedulerMetrics metrics = new SchedulerMetrics(registry);
    assertEquals(0, registry.get("lanyard.scheduler.passes").counter().count(), "0 before a pass");

    metrics.passed();
    metrics.passed();
    metrics.action("guest_suspended").increment();

    assertEquals(2, registry.get("lanyard.scheduler.passes").counter().count());
    assertEquals(
        1,
        registry
            .get("lanyard.scheduler.actions")
            .tag("action", "guest_suspended")
            .counter()
            .count());
    assertSame(
        metrics.action("guest_deleted"),
        metrics.action("guest_deleted"),
        "one counter per action, however often it is asked for");
  }
}
