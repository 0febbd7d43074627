package io.lanyard.eventstore.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.api.trace.TraceState;
import java.util.Optional;

/**
 * A span's context as the W3C Trace Context {@code traceparent} ({@code 00-<trace id>-<span
 * id>-<flags>}): how it is stored with an event and sent as the CloudEvents {@code traceparent}
 * extension. What comes from Kafka is read as hostile: anything but a valid version-00 value is no
 * context at all.
 */
public final class TraceParent {

  private static final int LENGTH = 55;

  private TraceParent() {}

  /** The current span's traceparent (the request's), or null outside any sampled trace. */
  public static String current() {
    return format(Span.current().getSpanContext());
  }

  /** Null for an invalid context. */
  public static String format(SpanContext span) {
    if (!span.isValid()) {
      return null;
    }
    return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex();
  }

  /** The remote span a traceparent names; empty when it is missing or malformed. */
  public static Optional<SpanContext> parse(String value) {
    if (value == null || value.length() != LENGTH || !value.startsWith("00-")) {
      return Optional.empty();
    }
    if (value.charAt(35) != '-' || value.charAt(52) != '-') {
      return Optional.empty();
    }
    String traceId = value.substring(3, 35);
    String spanId = value.substring(36, 52);
    String flags = value.substring(53);
    if (!TraceId.isValid(traceId) || !SpanId.isValid(spanId) || !isHex(flags)) {
      return Optional.empty();
    }
    return Optional.of(
        SpanContext.createFromRemoteParent(
            traceId, spanId, TraceFlags.fromHex(flags, 0), TraceState.getDefault()));
  }

  private static boolean isHex(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }
}
