package io.lanyard.device.infra;

import io.lanyard.device.domain.LockReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the printers asked and what they were answered, for dashboards and alerts: logins by method
 * and result, locks by reason, reminders by result. Results are the device API's error codes
 * ({@code invalid_code}, {@code too_many_attempts}, …) or {@code logged_in} / {@code accepted}: a
 * handful of values, never anything a user typed.
 */
@ApplicationScoped
public class DeviceMetrics {

  private final MeterRegistry registry;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  DeviceMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * @param method {@code code}, {@code card} or {@code card_registration}
   */
  public void login(String method, String result) {
    counter(
            "lanyard.device.logins",
            "Login attempts at devices, by method and result",
            "method",
            method,
            result)
        .increment();
  }

  public void locked(LockReason reason) {
    counter(
            "lanyard.device.lockouts",
            "Devices locked after failed logins, by the budget that ran out",
            "reason",
            reason.code(),
            null)
        .increment();
  }

  public void reminder(String result) {
    counter(
            "lanyard.device.reminders",
            "Access code reminders asked at devices, by result",
            "result",
            result,
            null)
        .increment();
  }

  private Counter counter(
      String name, String description, String tag, String value, String result) {
    return counters.computeIfAbsent(
        name + '|' + value + '|' + result,
        key -> {
          Counter.Builder builder = Counter.builder(name).description(description).tag(tag, value);
          if (result != null) {
            builder.tag("result", result);
          }
          return builder.register(registry);
        });
  }
}
