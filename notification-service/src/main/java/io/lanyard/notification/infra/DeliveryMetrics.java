package io.lanyard.notification.infra;

import io.lanyard.runtime.metrics.TaggedCounters;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Emails by kind ({@code invitation}, {@code code}, …) and outcome: {@code lanyard_emails_total
 * {kind, result=sent|failed}} for emails handed to the SMTP server or given up on, and {@code
 * lanyard_email_retries_total{kind}} for attempts that failed and will be tried again.
 */
@ApplicationScoped
public class DeliveryMetrics {

  private static final String EMAILS = "Emails sent to the SMTP server, or given up on, by kind";

  private final TaggedCounters counters;

  DeliveryMetrics(MeterRegistry registry) {
    this.counters = new TaggedCounters(registry);
  }

  public void sent(String kind) {
    counters.of("lanyard.emails", EMAILS, "kind", kind, "result", "sent").increment();
  }

  public void failed(String kind) {
    counters.of("lanyard.emails", EMAILS, "kind", kind, "result", "failed").increment();
  }

  public void retried(String kind) {
    counters
        .of(
            "lanyard.email.retries",
            "Email attempts that failed and will be tried again, by kind",
            "kind",
            kind)
        .increment();
  }
}
