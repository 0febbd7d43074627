package io.lanyard.eventstore.tracing;

import io.lanyard.contracts.CloudEventAttributes;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The spans of an event's way: its publication by the outbox relay continues the trace of the
 * request it was appended in, and each consumer's application of it continues the publication's. An
 * event read again (a model rebuilt from the beginning, a republished event) starts a trace of its
 * own that links to the original and never continues it: a trace stays the story of one change.
 */
public final class EventTracing {

  /** Spans that go nowhere: for tests and tools without OpenTelemetry. */
  public static final EventTracing NONE = new EventTracing(OpenTelemetry.noop().getTracer("none"));

  /** Links one replay span keeps (OpenTelemetry's default span limit). */
  static final int MAX_LINKS = 128;

  static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
  static final AttributeKey<String> DESTINATION =
      AttributeKey.stringKey("messaging.destination.name");
  static final AttributeKey<String> OPERATION = AttributeKey.stringKey("messaging.operation.type");
  static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
  static final AttributeKey<String> CONSUMER =
      AttributeKey.stringKey("messaging.consumer.group.name");
  static final AttributeKey<Long> PARTITION =
      AttributeKey.longKey("messaging.destination.partition.id");
  static final AttributeKey<Long> OFFSET = AttributeKey.longKey("messaging.kafka.offset");
  static final AttributeKey<String> EVENT_TYPE = AttributeKey.stringKey("cloudevents.event_type");
  static final AttributeKey<Long> EVENTS = AttributeKey.longKey("messaging.batch.message_count");
  static final AttributeKey<String> STREAM_TYPE = AttributeKey.stringKey("lanyard.stream.type");
  static final AttributeKey<String> STREAM_ID = AttributeKey.stringKey("lanyard.stream.id");
  static final AttributeKey<Long> STREAMS = AttributeKey.longKey("lanyard.streams");
  static final AttributeKey<Long> APPENDED = AttributeKey.longKey("lanyard.events");
  static final AttributeKey<Long> READ = AttributeKey.longKey("lanyard.events_read");

  /**
   * The traces a span links to, as a tag too: Zipkin's model has no links, and its exporter drops
   * them; the tag keeps the way to the original visible there.
   */
  static final AttributeKey<String> LINKED = AttributeKey.stringKey("lanyard.linked_trace_ids");

  private static final Applying NOTHING = new Applying(List.of());

  private final Tracer tracer;

  /**
   * Whether spans are made at all: off (a no-op tracer, the SDK disabled), a poll's records are not
   * even looked at, which the gateway's catch-up of millions of records would pay for.
   */
  private final boolean recording;

  public EventTracing(Tracer tracer) {
    this.tracer = tracer;
    // A no-op tracer answers with an invalid span; the probe is never ended, so never exported.
    this.recording = tracer.spanBuilder("probe").startSpan().getSpanContext().isValid();
  }

  /**
   * The span of a command's append to one stream, started now as a child of the current span (the
   * request's): the events' publications continue it, so a trace shows which command made them.
   * Null outside any trace: a scheduler's or a consumer's appends start none. A stream's id may be
   * shown: it is its events' subject, on the topic in the clear.
   */
  public Span appending(String streamType, String streamId, int events) {
    SpanBuilder span = command(streamType + " append");
    return span == null
        ? null
        : span.setAttribute(STREAM_ID, streamId)
            .setAttribute(STREAM_TYPE, streamType)
            .setAttribute(APPENDED, (long) events)
            .startSpan();
  }

  /** As {@link #appending}, for many new streams started by one statement (a directory's page). */
  public Span starting(String streamType, int streams, int events) {
    SpanBuilder span = command(streamType + " start");
    return span == null
        ? null
        : span.setAttribute(STREAM_TYPE, streamType)
            .setAttribute(STREAMS, (long) streams)
            .setAttribute(APPENDED, (long) events)
            .startSpan();
  }

  /**
   * The span of a projection's rebuild, from its start to its switch (or failure), a child of the
   * request that asked for it. The events it reads again are not linked one by one: a rebuild reads
   * millions; the span holds their number.
   */
  public Span rebuilding(String projection) {
    if (!recording) {
      return null;
    }
    return tracer
        .spanBuilder(projection + " rebuild")
        .setSpanKind(SpanKind.INTERNAL)
        .setAttribute(CONSUMER, projection)
        .startSpan();
  }

  /** Ends a rebuild's span, which read {@code events} (how far it got, when it failed). */
  public static void rebuilt(Span span, long events) {
    if (span != null) {
      span.setAttribute(READ, events);
      span.end();
    }
  }

  /** A command's span, a child of the current one; null when there is none or nothing records. */
  private SpanBuilder command(String name) {
    if (!recording || !Span.current().getSpanContext().isValid()) {
      return null;
    }
    return tracer.spanBuilder(name).setSpanKind(SpanKind.INTERNAL);
  }

  /**
   * The span of one event's publication, started now.
   *
   * @param appendedIn the traceparent stored with the event (null: appended outside any trace)
   * @param republishedIn for an event queued again by a republish, that request's traceparent
   *     ({@code ""} when it had none); null for a first publication
   * @return null when there is nothing to trace (an untraced event published the first time)
   */
  public Span publishing(
      String topic, String eventId, String eventType, String appendedIn, String republishedIn) {
    if (!recording) {
      return null;
    }
    Optional<SpanContext> original = TraceParent.parse(appendedIn);
    SpanBuilder span =
        tracer
            .spanBuilder(topic + " publish")
            .setSpanKind(SpanKind.PRODUCER)
            .setAttribute(SYSTEM, "kafka")
            .setAttribute(DESTINATION, topic)
            .setAttribute(OPERATION, "send")
            .setAttribute(MESSAGE_ID, eventId)
            .setAttribute(EVENT_TYPE, eventType);
    if (republishedIn == null) {
      if (original.isEmpty()) {
        return null;
      }
      return span.setParent(Context.root().with(Span.wrap(original.get()))).startSpan();
    }
    TraceParent.parse(republishedIn)
        .ifPresentOrElse(
            republish -> span.setParent(Context.root().with(Span.wrap(republish))),
            span::setNoParent);
    original.ifPresent(context -> span.addLink(context).setAttribute(LINKED, context.getTraceId()));
    return span.startSpan();
  }

  /** What a span sends along as the event's {@code traceparent}; null when there is none. */
  public static String traceParentOf(Span span) {
    return span == null ? null : TraceParent.format(span.getSpanContext());
  }

  /** Ends a span {@link #publishing} answered, null or not. */
  public static void ended(Span span) {
    if (span != null) {
      span.end();
    }
  }

  /** {@code work}, with {@code span} (null or not) ended as it ends, failed as it fails. */
  public static <T> Uni<T> endedWith(Span span, Uni<T> work) {
    if (span == null) {
      return work;
    }
    return work.onFailure().invoke(error -> failed(span, error)).onTermination().invoke(span::end);
  }

  public static void failed(Span span, Throwable error) {
    if (span != null) {
      span.recordException(error);
      span.setStatus(StatusCode.ERROR, error.getClass().getSimpleName());
    }
  }

  /**
   * The spans of one poll's application by a consumer, started now: one per record that carries a
   * trace, continuing it; records that {@code replayed} says are read again share one span that
   * links to their traces (up to {@value #MAX_LINKS}).
   */
  public Applying applying(
      String consumer,
      Iterable<ConsumerRecord<String, byte[]>> records,
      Predicate<ConsumerRecord<String, byte[]>> replayed) {
    if (!recording) {
      return NOTHING;
    }
    List<Span> spans = new ArrayList<>();
    SpanBuilder replay = null;
    StringBuilder linked = new StringBuilder();
    int links = 0;
    int replays = 0;
    for (ConsumerRecord<String, byte[]> record : records) {
      Optional<SpanContext> parent = TraceParent.parse(header(record));
      if (parent.isEmpty()) {
        continue;
      }
      if (replayed.test(record)) {
        if (replay == null) {
          replay =
              tracer
                  .spanBuilder(consumer + " replay")
                  .setSpanKind(SpanKind.CONSUMER)
                  .setNoParent()
                  .setAttribute(SYSTEM, "kafka")
                  .setAttribute(CONSUMER, consumer);
        }
        replays++;
        if (links++ < MAX_LINKS) {
          replay.addLink(parent.get());
          linked.append(linked.isEmpty() ? "" : " ").append(parent.get().getTraceId());
        }
        continue;
      }
      spans.add(
          tracer
              .spanBuilder(record.topic() + " process")
              .setSpanKind(SpanKind.CONSUMER)
              .setParent(Context.root().with(Span.wrap(parent.get())))
              .setAttribute(SYSTEM, "kafka")
              .setAttribute(DESTINATION, record.topic())
              .setAttribute(OPERATION, "process")
              .setAttribute(CONSUMER, consumer)
              .setAttribute(PARTITION, (long) record.partition())
              .setAttribute(OFFSET, record.offset())
              .setAttribute(EVENT_TYPE, attribute(record, CloudEventAttributes.TYPE))
              .startSpan());
    }
    if (replay != null) {
      spans.add(
          replay
              .setAttribute(EVENTS, (long) replays)
              .setAttribute(LINKED, linked.toString())
              .startSpan());
    }
    return new Applying(spans);
  }

  /** The spans of one poll: ended together, as the poll's work ends. */
  public static final class Applying {
    private final List<Span> spans;

    Applying(List<Span> spans) {
      this.spans = spans;
    }

    public void failed(Throwable error) {
      spans.forEach(span -> EventTracing.failed(span, error));
    }

    public void end() {
      spans.forEach(Span::end);
    }
  }

  private static String header(ConsumerRecord<String, byte[]> record) {
    return attribute(record, CloudEventAttributes.TRACE_PARENT);
  }

  private static String attribute(ConsumerRecord<String, byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null || header.value() == null
        ? null
        : new String(header.value(), StandardCharsets.UTF_8);
  }
}
