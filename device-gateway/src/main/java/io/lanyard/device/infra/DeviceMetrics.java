package io.lanyard.device.infra;

import io.lanyard.device.domain.LockReason;
import io.lanyard.runtime.metrics.TaggedCounters;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What the printers asked and what they were answered, for dashboards and alerts: logins by method
 * and result, locks by reason, reminders by result. Results are the device API's error codes
 * ({@code invalid_code}, {@code too_many_attempts}, …) or {@code logged_in} / {@code accepted}: a
 * handful of values, never anything a user typed.
 */
@ApplicationScoped
public class DeviceMetrics {

  private final TaggedCounters counters;

  DeviceMetrics(MeterRegistry registry) {
    this.counters = new TaggedCounters(registry);
  }

  /**
   * @param method {@code code}, {@code card} or {@code card_registration}
   */
  public void login(String method, String result) {
    counters
        .of(
            "lanyard.device.logins",
            "Login attempts at devices, by method and result",
            "method",
            method,
            "result",
            result)
        .increment();
  }

  public void locked(LockReason reason) {
    counters
        .of(
            "lanyard.device.lockouts",
            "Devices locked after failed logins, by the budget that ran out",
            "reason",
            reason.code())
        .increment();
  }

  public void reminder(String result) {
    counters
        .of(
            "lanyard.device.reminders",
            "Access code reminders asked at devices, by result",
            "result",
            result)
        .increment();
  }
}
