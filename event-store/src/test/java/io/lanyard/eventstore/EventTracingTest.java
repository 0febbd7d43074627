package io.lanyard.eventstore;

import static io.lanyard.eventstore.RelayFixture.TICKED;
import static java.util.stream.Collectors.toSet;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanyard.contracts.CloudEventAttributes;
import io.lanyard.eventstore.consumer.Rebuild;
import io.lanyard.eventstore.consumer.RebuildProgress;
import io.lanyard.eventstore.consumer.TopicReader;
import io.lanyard.eventstore.kafka.CloudEventRecords;
import io.lanyard.eventstore.outbox.OutboxRelay;
import io.lanyard.eventstore.tracing.EventTracing;
import io.lanyard.eventstore.tracing.TraceParent;
import io.lanyard.testplatform.TestTopics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An event's trace on the real broker and database: appended in a request's span, published in a
 * span of that trace with the context on the record, applied in a span continuing it; republished
 * or replayed, in a trace of its own that only links to the original.
 */
class EventTracingTest {

  static final AttributeKey<String> CONSUMER =
      AttributeKey.stringKey("messaging.consumer.group.name");

  final InMemorySpanExporter spans = InMemorySpanExporter.create();
  final SdkTracerProvider provider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
  final EventTracing tracing = new EventTracing(provider.get("test"));

  TestDatabase db;
  String topic;

  @BeforeEach
  void freshDatabaseAndTopic() {
    db = TestDatabase.fresh("tracing");
    topic = TestTopics.create("test.tracing", 2);
  }

  @AfterEach
  void close() {
    db.close();
    provider.close();
  }

  @Test
  void aPublicationContinuesTheTraceOfTheCommandThatAppendedTheEvent() throws Exception {
    Span request = provider.get("test").spanBuilder("POST /scim/v2/Users").startSpan();
    try (Scope ignored = request.makeCurrent()) {
      append(db.store(tracing), "traced");
    }
    request.end();
    append("untraced");

    SpanData append = span("ticker append");
    assertEquals(SpanKind.INTERNAL, append.getKind());
    assertEquals(request.getSpanContext().getSpanId(), append.getParentSpanId());
    assertEquals("traced", append.getAttributes().get(AttributeKey.stringKey("lanyard.stream.id")));
    assertEquals(1L, append.getAttributes().get(AttributeKey.longKey("lanyard.events")));
    try (OutboxRelay relay = relay()) {
      relay.start();
      List<ConsumerRecord<String, byte[]>> records =
          TestTopics.readAll(topic, 2, Duration.ofSeconds(30));
      ConsumerRecord<String, byte[]> traced = bySubject(records, "traced");
      SpanContext sent = TraceParent.parse(traceParent(traced)).orElseThrow();
      assertEquals(request.getSpanContext().getTraceId(), sent.getTraceId());

      SpanData publish = await().until(() -> span(topic + " publish"), s -> s != null);
      assertEquals(SpanKind.PRODUCER, publish.getKind());
      assertEquals(append.getSpanId(), publish.getParentSpanId(), "published by the command");
      assertEquals(publish.getSpanId(), sent.getSpanId(), "the record carries the publish span");
      assertNull(
          bySubject(records, "untraced").headers().lastHeader(CloudEventAttributes.TRACE_PARENT),
          "an event appended outside any trace is sent without one");
      assertEquals(1, named(topic + " publish").size());
      assertEquals(1, named("ticker append").size(), "an append outside any trace starts none");
    }
  }

  @Test
  void aChangeLeftOutBySamplingIsLeftOutEverywhere() throws Exception {
    InMemorySpanExporter sampledSpans = InMemorySpanExporter.create();
    SdkTracerProvider sampling =
        SdkTracerProvider.builder()
            .setSampler(Sampler.parentBased(Sampler.alwaysOff()))
            .addSpanProcessor(SimpleSpanProcessor.create(sampledSpans))
            .build();
    EventTracing sampled = new EventTracing(sampling.get("test"));
    // A caller's traceparent that says "not sampled" (flags 00), as a ratio sampler decides it.
    SpanContext caller =
        SpanContext.createFromRemoteParent(
            "4bf92f3577b34da6a3ce929d0e0e4736",
            "00f067aa0ba902b7",
            TraceFlags.getDefault(),
            TraceState.getDefault());
    Span request =
        sampling
            .get("test")
            .spanBuilder("POST /scim/v2/Users")
            .setParent(Context.root().with(Span.wrap(caller)))
            .startSpan();
    try (Scope ignored = request.makeCurrent()) {
      append(db.store(sampled), "unsampled");
    }
    request.end();
    try (OutboxRelay relay = relay(sampled)) {
      relay.start();
      ConsumerRecord<String, byte[]> record =
          TestTopics.readAll(topic, 1, Duration.ofSeconds(30)).get(0);
      SpanContext sent = TraceParent.parse(traceParent(record)).orElseThrow();
      assertEquals(caller.getTraceId(), sent.getTraceId(), "the trace goes on");
      assertFalse(sent.isSampled(), "with the caller's decision: " + traceParent(record));
    }
    assertTrue(sampledSpans.getFinishedSpanItems().isEmpty(), "and nothing of it is recorded");
    sampling.close();
  }

  @Test
  void aPageOfNewStreamsIsOneSpanAndALostRaceIsAFailedOne() {
    Span sync = provider.get("test").spanBuilder("sync page").startSpan();
    try (Scope ignored = sync.makeCurrent()) {
      db.store(tracing)
          .startStreams(
              db.pool,
              List.of(
                  new PgEventStore.StreamStart(
                      new StreamId("ticker", "one", "acme"), List.of(NewEvent.of(TICKED, "{}"))),
                  new PgEventStore.StreamStart(
                      new StreamId("ticker", "two", "acme"), List.of(NewEvent.of(TICKED, "{}")))))
          .await()
          .indefinitely();
      assertThrows(ConcurrencyConflictException.class, () -> append(db.store(tracing), "one"));
    }
    sync.end();

    SpanData start = span("ticker start");
    assertEquals(sync.getSpanContext().getSpanId(), start.getParentSpanId());
    assertEquals(2L, start.getAttributes().get(AttributeKey.longKey("lanyard.streams")));
    SpanData lost = span("ticker append");
    assertEquals(StatusCode.ERROR, lost.getStatus().getStatusCode());
    assertEquals(List.of("exception"), lost.getEvents().stream().map(EventData::getName).toList());
  }

  @Test
  void aRepublishedEventLinksToItsOriginalTraceAndNeverContinuesIt() throws Exception {
    Span original = provider.get("test").spanBuilder("original").startSpan();
    try (Scope ignored = original.makeCurrent()) {
      append("twice");
    }
    original.end();
    try (OutboxRelay relay = relay()) {
      relay.start();
      TestTopics.readAll(topic, 1, Duration.ofSeconds(30));
      await().until(() -> db.count("SELECT count(*) FROM event_store.outbox") == 0);

      Span republish = provider.get("test").spanBuilder("POST /ops/v1/republish").startSpan();
      try (Scope ignored = republish.makeCurrent()) {
        db.store().republishFrom(0).await().indefinitely();
      }
      republish.end();
      ConsumerRecord<String, byte[]> again =
          TestTopics.readAll(topic, 2, Duration.ofSeconds(30)).get(1);

      SpanContext sent = TraceParent.parse(traceParent(again)).orElseThrow();
      assertEquals(republish.getSpanContext().getTraceId(), sent.getTraceId());
      assertFalse(original.getSpanContext().getTraceId().equals(sent.getTraceId()));
      SpanData publishedAgain =
          await().until(() -> named(topic + " publish"), list -> list.size() == 2).get(1);
      assertEquals(republish.getSpanContext().getSpanId(), publishedAgain.getParentSpanId());
      assertEquals(
          List.of(original.getSpanContext().getSpanId()),
          publishedAgain.getLinks().stream()
              .map(link -> link.getSpanContext().getSpanId())
              .toList());
      assertEquals(
          original.getSpanContext().getTraceId(),
          publishedAgain.getAttributes().get(AttributeKey.stringKey("lanyard.linked_trace_ids")),
          "Zipkin, which has no links, sees the original trace as a tag");
    }
  }

  @Test
  void aRepublishOutsideAnyTraceStartsATraceThatLinksToTheOriginal() throws Exception {
    Span original = provider.get("test").spanBuilder("original").startSpan();
    try (Scope ignored = original.makeCurrent()) {
      append("again");
    }
    original.end();
    db.store().republishFrom(0).await().indefinitely();
    try (OutboxRelay relay = relay()) {
      relay.start();
      ConsumerRecord<String, byte[]> record =
          TestTopics.readAll(topic, 1, Duration.ofSeconds(30)).get(0);
      SpanData publish = await().until(() -> span(topic + " publish"), s -> s != null);
      assertFalse(publish.getParentSpanContext().isValid(), "a root span");
      assertFalse(
          original.getSpanContext().getTraceId().equals(publish.getTraceId()),
          "a trace of its own");
      assertEquals(
          original.getSpanContext().getTraceId(),
          publish.getLinks().get(0).getSpanContext().getTraceId());
      assertEquals(publish.getSpanId(), TraceParent.parse(traceParent(record)).get().getSpanId());
    }
  }

  @Test
  void aConsumerContinuesTheTraceAndAReaderFromTheStartLinksWhatItReadsAgain() throws Exception {
    Span first = provider.get("test").spanBuilder("first").startSpan();
    Span second = provider.get("test").spanBuilder("second").startSpan();
    first.end();
    second.end();
    try (KafkaProducer<String, byte[]> producer = TestTopics.producer()) {
      producer.send(record("a", TraceParent.format(first.getSpanContext()))).get();
      producer.send(record("b", TraceParent.format(second.getSpanContext()))).get();
      // Hostile headers are no context: no span continues them.
      producer.send(record("c", "00-ZZ" + "0".repeat(51))).get();
    }

    Recording live = new Recording(false);
    Recording model = new Recording(true);
    try (TopicReader liveReader = reader("live", live);
        TopicReader modelReader = reader("model", model)) {
      liveReader.start();
      modelReader.start();
      await().until(() -> live.subjects.size() == 3 && model.subjects.size() == 3);
      await().until(() -> named(topic + " process").size() == 2 && span("model replay") != null);
    }

    List<SpanData> processed = named(topic + " process");
    Set<String> both =
        Set.of(first.getSpanContext().getSpanId(), second.getSpanContext().getSpanId());
    assertEquals(both, processed.stream().map(SpanData::getParentSpanId).collect(toSet()));
    for (SpanData span : processed) {
      assertEquals(SpanKind.CONSUMER, span.getKind());
      assertEquals("live", span.getAttributes().get(CONSUMER), "only the live reader continues");
    }
    SpanData replay = span("model replay");
    assertFalse(replay.getParentSpanContext().isValid(), "a replay continues no trace");
    assertEquals(
        Set.of(first.getSpanContext().getTraceId(), second.getSpanContext().getTraceId()),
        Set.of(
            replay
                .getAttributes()
                .get(AttributeKey.stringKey("lanyard.linked_trace_ids"))
                .split(" ")));
    assertEquals(
        both,
        replay.getLinks().stream()
            .map(LinkData::getSpanContext)
            .map(SpanContext::getSpanId)
            .collect(toSet()));
  }

  @Test
  void aRebuildIsOneSpanOfTheRequestThatAskedForItEndedWhenItEnds() throws Exception {
    try (KafkaProducer<String, byte[]> producer = TestTopics.producer()) {
      for (String subject : List.of("a", "b", "c")) {
        producer.send(record(subject, null)).get();
      }
    }
    Map<TopicPartition, Long> ends;
    try (Consumer<String, byte[]> consumer = TestTopics.consumer()) {
      ends =
          consumer.endOffsets(List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1)));
    }
    Rebuild.Live live =
        new Rebuild.Live() {
          @Override
          public Map<TopicPartition, Long> positions() {
            return ends;
          }

          @Override
          public CompletableFuture<Void> betweenReads(Runnable task) {
            return CompletableFuture.runAsync(task);
          }
        };
    Span request = provider.get("test").spanBuilder("POST /ops/v1/projections").startSpan();
    RebuildProgress rebuilt;
    RebuildProgress failed;
    try (Scope ignored = request.makeCurrent()) {
      rebuilt =
          Rebuild.start(
              "model",
              List.of(topic),
              TestTopics::consumer,
              live,
              new Collected(false),
              Duration.ofMinutes(1),
              tracing);
      failed =
          Rebuild.start(
              "broken",
              List.of(topic),
              TestTopics::consumer,
              live,
              new Collected(true),
              Duration.ofMinutes(1),
              tracing);
    }
    request.end();
    await().until(() -> !rebuilt.running() && !failed.running());
    assertEquals(RebuildProgress.State.DONE, rebuilt.status().state());

    SpanData model = await().until(() -> span("model rebuild"), s -> s != null);
    assertEquals(request.getSpanContext().getSpanId(), model.getParentSpanId());
    assertEquals(3L, model.getAttributes().get(AttributeKey.longKey("lanyard.events_read")));
    assertEquals(StatusCode.UNSET, model.getStatus().getStatusCode());
    SpanData broken = await().until(() -> span("broken rebuild"), s -> s != null);
    assertEquals(StatusCode.ERROR, broken.getStatus().getStatusCode());
    assertTrue(named(topic + " process").isEmpty(), "a rebuild continues no event's trace");
  }

  /** A model rebuilt in memory; {@code broken}, one that cannot even start. */
  static final class Collected implements Rebuild.Candidate {
    final boolean broken;
    final List<String> subjects = new CopyOnWriteArrayList<>();

    Collected(boolean broken) {
      this.broken = broken;
    }

    @Override
    public void prepare() {
      if (broken) {
        throw new IllegalStateException("no room for a second model");
      }
    }

    @Override
    public void apply(List<ConsumerRecord<String, byte[]>> records) {
      records.forEach(record -> subjects.add(record.key()));
    }

    @Override
    public RebuildProgress.Checksums switchIn() {
      return new RebuildProgress.Checksums("x", "x");
    }

    @Override
    public void discard() {}
  }

  /** A reader that records the subjects it read; {@code fromStart} as the login model reads. */
  static final class Recording implements TopicReader.Reading {
    final boolean fromStart;
    final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    final List<String> subjects = new CopyOnWriteArrayList<>();

    Recording(boolean fromStart) {
      this.fromStart = fromStart;
    }

    @Override
    public Map<TopicPartition, Long> positions() {
      return Map.copyOf(positions);
    }

    @Override
    public boolean read(ConsumerRecords<String, byte[]> records) {
      for (ConsumerRecord<String, byte[]> record : records) {
        subjects.add(record.key());
        positions.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
      }
      return true;
    }

    @Override
    public boolean readsFromStart() {
      return fromStart;
    }
  }

  private TopicReader reader(String name, Recording reading) {
    return new TopicReader(
        TopicReader.Settings.of(name, topic + ".dlq", List.of(topic)),
        TestTopics::consumer,
        TestTopics::producer,
        reading,
        new SimpleMeterRegistry(),
        tracing);
  }

  private org.apache.kafka.clients.producer.ProducerRecord<String, byte[]> record(
      String subject, String traceParent) {
    return CloudEventRecords.toRecord(topic, TopicReaderTest.event(subject), traceParent);
  }

  private OutboxRelay relay() {
    return relay(tracing);
  }

  private OutboxRelay relay(EventTracing tracing) {
    return new OutboxRelay(
        OutboxRelay.Settings.of("test-relay", topic).withStandbyRetry(Duration.ofMillis(200)),
        TestDatabase.VERTX,
        db.options,
        TestTopics::producer,
        new SimpleMeterRegistry(),
        tracing);
  }

  private void append(String subject) {
    append(db.store(), subject);
  }

  /** The first event of stream {@code subject}. */
  private static void append(PgEventStore store, String subject) {
    store
        .append(new StreamId("ticker", subject, "acme"), 0, List.of(NewEvent.of(TICKED, "{}")))
        .await()
        .indefinitely();
  }

  private static ConsumerRecord<String, byte[]> bySubject(
      List<ConsumerRecord<String, byte[]>> records, String subject) {
    return records.stream().filter(r -> r.key().equals(subject)).findFirst().orElseThrow();
  }

  private static String traceParent(ConsumerRecord<String, byte[]> record) {
    Header header = record.headers().lastHeader(CloudEventAttributes.TRACE_PARENT);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private SpanData span(String name) {
    List<SpanData> found = named(name);
    return found.isEmpty() ? null : found.get(0);
  }

  private List<SpanData> named(String name) {
    return spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).toList();
  }
}
