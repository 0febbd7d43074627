package io.lanyard.notification.infra;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Emails by kind ({@code invitation}, {@code code}, …) and outcome: {@code lanyard_emails_total
 * {kind, result=sent|failed}} for emails handed to the SMTP server or given up on, and {@code
 * lanyard_email_retries_total{kind}} for attempts that failed and will be tried again.
 */
@ApplicationScoped
public class DeliveryMetrics {

  private final MeterRegistry registry;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  DeliveryMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public void sent(String kind) {
    emails(kind, "sent").increment();
  }

  public void failed(String kind) {
    emails(kind, "failed").increment();
  }

  public void retried(String kind) {
    counters
        .computeIfAbsent(
            "retry|" + kind,
            key ->
                Counter.builder("lanyard.email.retries")
                    .description("Email attempts that failed and will be tried again, by kind")
                    .tag("kind", kind)
                    .register(registry))
        .increment();
  }

  private Counter emails(String kind, String result) {
    return counters.computeIfAbsent(
        kind + '|' + result,
        key ->
            Counter.builder("lanyard.emails")
                .description("Emails sent to the SMTP server, or given up on, by kind")
                .tag("kind", kind)
                .tag("result", result)
                .register(registry));
  }
}
