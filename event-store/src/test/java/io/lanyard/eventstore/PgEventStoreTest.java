package io.lanyard.eventstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lanyard.contracts.EventType;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PgEventStoreTest {

  static final EventType OPENED = EventType.of("test", "CounterOpened", 1);
  static final EventType INCREMENTED = EventType.of("test", "CounterIncremented", 1);

  static TestDatabase db;
  static PgEventStore store;

  @BeforeAll
  static void database() {
    db = TestDatabase.fresh("store");
    store = db.store();
  }

  @AfterAll
  static void close() {
    db.close();
  }

  static StreamId newStream() {
    return new StreamId("counter", UUID.randomUUID().toString(), "acme");
  }

  static NewEvent incremented(int by) {
    return NewEvent.of(INCREMENTED, "{\"by\":" + by + "}");
  }

  @Test
  void appendsAndLoadsAStreamInOrderAndFoldsIt() {
    StreamId stream = newStream();
    long version =
        store
            .append(stream, 0, List.of(NewEvent.of(OPENED, "{}"), incremented(2), incremented(3)))
            .await()
            .indefinitely();
    assertEquals(3, version);
    assertEquals(4, store.append(stream, 3, List.of(incremented(5))).await().indefinitely());

    EventStream loaded = store.load(stream.id()).await().indefinitely();
    assertEquals(4, loaded.version());
    assertEquals(
        List.of(1L, 2L, 3L, 4L), loaded.events().stream().map(StoredEvent::version).toList());
    int total =
        loaded.fold(
            0,
            (sum, event) ->
                event.type().equals(INCREMENTED)
                    ? sum + Integer.parseInt(event.json().replaceAll("\\D", ""))
                    : sum);
    assertEquals(10, total);
    assertEquals("acme", loaded.events().get(0).tenantId());
  }

  @Test
  void theStoreChecksNoForeignKeysOnAppend() {
    // V2 dropped them: an append writes stream, events and outbox together (PgEventStore), and a
    // check per inserted row doubled a batch append's cost.
    assertEquals(
        0L,
        db.count(
            "SELECT count(*) FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace"
                + " WHERE n.nspname = 'event_store' AND c.contype = 'f'"));
  }

  @Test
  void manyStreamsLoadTogetherEachInOrderAndAnUnknownOneNew() {
    StreamId two = newStream();
    StreamId one = newStream();
    store.append(two, 0, List.of(NewEvent.of(OPENED, "{}"), incremented(7))).await().indefinitely();
    store.append(one, 0, List.of(NewEvent.of(OPENED, "{}"))).await().indefinitely();

    java.util.Map<String, EventStream> loaded =
        store.loadAll(List.of(two.id(), "no-such-stream", one.id())).await().indefinitely();

    assertEquals(List.of(two.id(), "no-such-stream", one.id()), List.copyOf(loaded.keySet()));
    assertEquals(2, loaded.get(two.id()).version());
    assertEquals(
        List.of(OPENED, INCREMENTED),
        loaded.get(two.id()).events().stream().map(StoredEvent::type).toList());
    assertEquals(1, loaded.get(one.id()).version());
    assertTrue(loaded.get("no-such-stream").isNew());
  }

  @Test
  void aStreamThatDoesNotExistLoadsEmptyAtVersionZero() {
    EventStream loaded = store.load("no-such-stream").await().indefinitely();
    assertTrue(loaded.isNew());
    assertEquals(0, loaded.events().size());
  }

  @Test
  void ofConcurrentAppendsAtTheSameVersionExactlyOneWins() throws Exception {
    StreamId stream = newStream();
    store.append(stream, 0, List.of(NewEvent.of(OPENED, "{}"))).await().indefinitely();
    List<Throwable> outcomes = raceAppends(stream, 1, 8);
    long winners = outcomes.stream().filter(outcome -> outcome == null).count();
    assertEquals(1, winners);
    outcomes.stream()
        .filter(outcome -> outcome != null)
        .forEach(outcome -> assertInstanceOf(ConcurrencyConflictException.class, outcome));
    assertEquals(2, store.load(stream.id()).await().indefinitely().version());
  }

  @Test
  void ofConcurrentFirstAppendsToANewStreamExactlyOneWins() throws Exception {
    StreamId stream = newStream();
    List<Throwable> outcomes = raceAppends(stream, 0, 8);
    assertEquals(1, outcomes.stream().filter(outcome -> outcome == null).count());
    assertEquals(1, store.load(stream.id()).await().indefinitely().events().size());
  }

  @Test
  void anAppendExpectingAVersionTheStreamHasNotReachedIsAConflict() {
    StreamId stream = newStream();
    store.append(stream, 0, List.of(NewEvent.of(OPENED, "{}"))).await().indefinitely();
    assertThrows(
        ConcurrencyConflictException.class,
        () -> store.append(stream, 5, List.of(incremented(1))).await().indefinitely());
    assertThrows(
        ConcurrencyConflictException.class,
        () -> store.append(newStream(), 3, List.of(incremented(1))).await().indefinitely());
  }

  @Test
  void retriedCommandsAllLandWhenTheyRaceForOneStream() throws Exception {
    StreamId stream = newStream();
    store.append(stream, 0, List.of(NewEvent.of(OPENED, "{}"))).await().indefinitely();
    ConflictRetry retry = new ConflictRetry(20, Duration.ofMillis(2));
    int writers = 6;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<Long>> results = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        results.add(
            pool.submit(
                () ->
                    retry
                        .run(
                            () ->
                                store
                                    .load(stream.id())
                                    .chain(
                                        loaded ->
                                            store.append(
                                                stream, loaded.version(), List.of(incremented(1)))))
                        .await()
                        .indefinitely()));
      }
      for (Future<Long> result : results) {
        result.get();
      }
    } finally {
      pool.shutdown();
    }
    assertEquals(1 + writers, store.load(stream.id()).await().indefinitely().version());
  }

  @Test
  void retriesAreBoundedAndThenTheConflictComesThrough() {
    StreamId stream = newStream();
    store.append(stream, 0, List.of(NewEvent.of(OPENED, "{}"))).await().indefinitely();
    int[] attempts = {0};
    ConflictRetry retry = new ConflictRetry(3, Duration.ofMillis(1));
    assertThrows(
        ConcurrencyConflictException.class,
        () ->
            retry
                .run(
                    () -> {
                      attempts[0]++;
                      return store.append(stream, 0, List.of(incremented(1)));
                    })
                .await()
                .indefinitely());
    assertEquals(3, attempts[0]);
  }

  @Test
  void eventsOfARolledBackTransactionAreNeitherStoredNorPublishable() {
    StreamId stream = newStream();
    long outboxBefore = db.count("SELECT count(*) FROM event_store.outbox");
    assertThrows(
        IllegalStateException.class,
        () ->
            db.pool
                .withTransaction(
                    tx ->
                        store
                            .append(tx, stream, 0, List.of(NewEvent.of(OPENED, "{}")))
                            .chain(
                                ignored ->
                                    Uni.createFrom()
                                        .failure(new IllegalStateException("the command failed"))))
                .await()
                .indefinitely());
    assertTrue(store.load(stream.id()).await().indefinitely().isNew());
    assertEquals(outboxBefore, db.count("SELECT count(*) FROM event_store.outbox"));
  }

  @Test
  void anAppendedEventIsPublishableInTheSameTransaction() {
    StreamId stream = newStream();
    long queued =
        db.pool
            .withTransaction(
                tx ->
                    store
                        .append(tx, stream, 0, List.of(NewEvent.of(OPENED, "{}"), incremented(1)))
                        .chain(
                            ignored ->
                                tx.preparedQuery(
                                        "SELECT count(*) FROM event_store.outbox o JOIN"
                                            + " event_store.events e ON e.position ="
                                            + " o.event_position WHERE e.stream_id = $1")
                                    .execute(io.vertx.mutiny.sqlclient.Tuple.of(stream.id()))))
            .await()
            .indefinitely()
            .iterator()
            .next()
            .getLong(0);
    assertEquals(2, queued);
  }

  @Test
  void upcastersBringOldEventsToTheNewestVersionAsTheyAreRead() {
    EventType renamedV1 = EventType.of("test", "CounterRenamed", 1);
    StreamId stream = newStream();
    store
        .append(stream, 0, List.of(NewEvent.of(renamedV1, "{\"name\":\"Ada\"}")))
        .await()
        .indefinitely();
    Upcaster splitName =
        new Upcaster() {
          public EventType from() {
            return renamedV1;
          }

          public ObjectNode upcast(ObjectNode data) {
            data.set("displayName", data.remove("name"));
            return data;
          }
        };
    Upcaster addLocale =
        new Upcaster() {
          public EventType from() {
            return renamedV1.next();
          }

          public ObjectNode upcast(ObjectNode data) {
            return data.put("locale", "en");
          }
        };
    PgEventStore upcasting =
        new PgEventStore(db.pool, new Upcasters(List.of(addLocale, splitName)));
    StoredEvent read = upcasting.load(stream.id()).await().indefinitely().events().get(0);
    assertEquals(EventType.of("test", "CounterRenamed", 3), read.type());
    assertEquals("{\"displayName\":\"Ada\",\"locale\":\"en\"}", read.json());
    // The stored event itself is never rewritten.
    assertEquals(renamedV1, store.load(stream.id()).await().indefinitely().events().get(0).type());
  }

  private List<Throwable> raceAppends(StreamId stream, long expectedVersion, int writers)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Throwable>> futures = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        Callable<Throwable> append =
            () -> {
              start.await();
              try {
                store
                    .append(stream, expectedVersion, List.of(incremented(1)))
                    .await()
                    .indefinitely();
                return null;
              } catch (RuntimeException e) {
                return e;
              }
            };
        futures.add(pool.submit(append));
      }
      start.countDown();
      List<Throwable> outcomes = new ArrayList<>();
      for (Future<Throwable> future : futures) {
        outcomes.add(future.get());
      }
      return outcomes;
    } finally {
      pool.shutdown();
    }
  }
}
