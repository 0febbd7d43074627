package io.lanyard.eventstore.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lanyard.contracts.EventEnvelope;
import io.lanyard.contracts.EventType;
import io.lanyard.eventstore.TestDatabase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A poll's events claimed together: what is new, in what order, and what a failure leaves. */
class EventApplierTest {

  static final EventType TICKED = EventType.of("test", "Ticked", 1);
  static final EventType POISON = EventType.of("test", "Poison", 1);

  static TestDatabase db;

  @BeforeAll
  static void database() {
    db = TestDatabase.fresh("applier");
    db.pool
        .query(
            "CREATE TABLE applied_events (seq bigint GENERATED ALWAYS AS IDENTITY, consumer text,"
                + " stream_id text, version bigint)")
        .execute()
        .await()
        .indefinitely();
  }

  @AfterAll
  static void close() {
    db.close();
  }

  /** Records each event it is given, in its transaction, under the consumer it applies for. */
  record Recording(String consumer, CountDownLatch started, Duration pause)
      implements EventHandler {
    Recording(String consumer) {
      this(consumer, new CountDownLatch(1), Duration.ZERO);
    }

    @Override
    public Uni<Void> apply(EventEnvelope event, SqlConnection tx) {
      if (event.type().equals(POISON)) {
        return Uni.createFrom().failure(new IllegalArgumentException("cannot apply a poison"));
      }
      started.countDown();
      return tx.preparedQuery(
              "INSERT INTO applied_events (consumer, stream_id, version)"
                  + " SELECT $1, $2, $3 FROM pg_sleep($4)")
          .execute(
              Tuple.of(consumer, event.subject(), event.streamVersion(), pause.toMillis() / 1000.0))
          .replaceWithVoid();
    }
  }

  static EventApplier applier(EventHandler handler, String consumer) {
    return new EventApplier(consumer, db.pool, handler, null);
  }

  static int applyAll(EventApplier applier, List<EventEnvelope> events) {
    return applier.applyAll(events, (tx, fresh) -> Uni.createFrom().voidItem());
  }

  static EventEnvelope event(EventType type, String stream, long version) {
    return new EventEnvelope(
        UUID.randomUUID(),
        "test-service",
        type,
        stream,
        Instant.now(),
        "acme",
        version,
        "{}".getBytes(StandardCharsets.UTF_8));
  }

  static EventEnvelope tick(String stream, long version) {
    return event(TICKED, stream, version);
  }

  static EventEnvelope ofTenant(String tenant, EventType type, String stream, long version) {
    return new EventEnvelope(
        UUID.randomUUID(),
        "test-service",
        type,
        stream,
        Instant.now(),
        tenant,
        version,
        "{}".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void anErasedTenantsEventsAreNeverAppliedAfterItsErasureLiveOrInARebuild() {
    String gone = "gone-" + UUID.randomUUID().toString().substring(0, 8);
    String kept = "kept-" + UUID.randomUUID().toString().substring(0, 8);
    List<EventEnvelope> history =
        List.of(
            ofTenant(gone, TICKED, gone + "-a", 1),
            ofTenant(kept, TICKED, kept + "-a", 1),
            ofTenant(gone, io.lanyard.contracts.IdentityEvents.TENANT_ERASED, gone, 1),
            ofTenant(gone, TICKED, gone + "-a", 2),
            ofTenant(kept, TICKED, kept + "-a", 2));
    String live = "live-" + gone;
    assertEquals(5, applyAll(applier(new Recording(live), live), history), "all counted as read");
    assertEquals(
        List.of(gone + "-a@1", kept + "-a@1", gone + "@1", kept + "-a@2"),
        applied(live),
        "the tenant's own events stop at its erasure, in the same poll");
    assertEquals(2, claimed(live, gone + "-a"), "passed over, not waiting");
    assertEquals(
        1,
        db.count(
            "SELECT count(*) FROM event_store.erased_tenants WHERE tenant_id = '" + gone + "'"));

    // A rebuild reads the same history later: none of the erased tenant's events but the erasure.
    String rebuild = "rebuild-" + gone;
    applyAll(applier(new Recording(rebuild), rebuild), history.subList(0, 2));
    applyAll(applier(new Recording(rebuild), rebuild), history.subList(2, 5));
    assertEquals(List.of(kept + "-a@1", kept + "-a@2"), applied(rebuild));
  }

  /** What the consumer applied, in order: {@code stream@version}. */
  static List<String> applied(String consumer) {
    List<String> applied = new ArrayList<>();
    for (Row row :
        db.pool
            .preparedQuery(
                "SELECT stream_id, version FROM applied_events WHERE consumer = $1 ORDER BY seq")
            .execute(Tuple.of(consumer))
            .await()
            .indefinitely()) {
      applied.add(row.getString("stream_id") + "@" + row.getLong("version"));
    }
    return applied;
  }

  static long claimed(String consumer, String stream) {
    return db.count(
        "SELECT coalesce(max(version), 0) FROM event_store.consumer_streams WHERE consumer = '"
            + consumer
            + "' AND source = 'test-service' AND stream_id = '"
            + stream
            + "'");
  }

  @Test
  void aPollAppliesEachNewVersionOnceInOrderAndSkipsRedeliveriesAndOlderOnes() {
    String consumer = "order-" + UUID.randomUUID();
    EventApplier applier = applier(new Recording(consumer), consumer);
    String a = "a-" + UUID.randomUUID();
    String b = "b-" + UUID.randomUUID();
    List<EventEnvelope> poll =
        List.of(tick(a, 1), tick(b, 1), tick(a, 2), tick(a, 2), tick(a, 1), tick(a, 3));

    int[] freshSeenAfter = {-1};
    int fresh =
        applier.applyAll(
            poll,
            (tx, applied) -> {
              freshSeenAfter[0] = applied;
              return Uni.createFrom().voidItem();
            });

    assertEquals(4, fresh);
    assertEquals(4, freshSeenAfter[0]);
    assertEquals(List.of(a + "@1", b + "@1", a + "@2", a + "@3"), applied(consumer));
    assertEquals(3, claimed(consumer, a));
    assertEquals(1, claimed(consumer, b));

    // The same poll again (offsets redelivered): nothing is new.
    assertEquals(0, applyAll(applier, poll));
    assertEquals(4, applied(consumer).size());
    assertEquals(3, claimed(consumer, a));

    // A later poll overlapping this one: only what is above the claimed versions.
    assertEquals(1, applyAll(applier, List.of(tick(a, 3), tick(a, 4), tick(b, 1))));
    assertEquals(a + "@4", applied(consumer).get(4));
    assertEquals(4, claimed(consumer, a));

    // Another consumer name over the same events applies them for itself.
    String other = "other-" + UUID.randomUUID();
    assertEquals(4, applyAll(applier(new Recording(other), other), poll));
  }

  @Test
  void aFailureRollsBackTheWholePollAndItsEventsStayNew() {
    String consumer = "failure-" + UUID.randomUUID();
    EventApplier applier = applier(new Recording(consumer), consumer);
    String stream = "s-" + UUID.randomUUID();
    List<EventEnvelope> poll = List.of(tick(stream, 1), tick(stream, 2), event(POISON, stream, 3));

    assertThrows(RuntimeException.class, () -> applyAll(applier, poll));
    assertEquals(List.of(), applied(consumer));
    assertEquals(0, claimed(consumer, stream));

    // One by one, as EventConsumer retries a failed poll: the good ones apply, each once.
    assertEquals(1, applyAll(applier, List.of(tick(stream, 1))));
    assertEquals(1, applyAll(applier, List.of(tick(stream, 2))));
    assertThrows(RuntimeException.class, () -> applyAll(applier, List.of(poll.get(2))));
    assertEquals(0, applyAll(applier, List.of(tick(stream, 2))));
    assertEquals(List.of(stream + "@1", stream + "@2"), applied(consumer));
    assertEquals(2, claimed(consumer, stream));
  }

  @Test
  void twoAppliersOfOneNameAtOnceApplyAPollOnce() throws Exception {
    // A replica taking over while the one before it still commits: both hold the same poll.
    String consumer = "takeover-" + UUID.randomUUID();
    Recording slow = new Recording(consumer, new CountDownLatch(1), Duration.ofMillis(500));
    String stream = "s-" + UUID.randomUUID();
    List<EventEnvelope> poll = List.of(tick(stream, 1), tick(stream, 2));

    CompletableFuture<Integer> first =
        CompletableFuture.supplyAsync(() -> applyAll(applier(slow, consumer), poll));
    assertEquals(true, slow.started().await(10, TimeUnit.SECONDS));
    int second = applyAll(applier(new Recording(consumer), consumer), poll);

    assertEquals(2, first.get(30, TimeUnit.SECONDS) + second);
    assertEquals(List.of(stream + "@1", stream + "@2"), applied(consumer));
  }
}
