package io.lanyard.eventstore.consumer;

import static io.lanyard.eventstore.consumer.EventApplierTest.POISON;
import static io.lanyard.eventstore.consumer.EventApplierTest.event;
import static io.lanyard.eventstore.consumer.EventApplierTest.tick;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lanyard.contracts.EventEnvelope;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EventRunsTest {

  @Test
  void runsOfLikeEventsGoTogetherAndEverythingStaysInOrder() {
    List<EventEnvelope> poll =
        List.of(
            event(POISON, "a", 1),
            tick("b", 1),
            tick("c", 1),
            event(POISON, "d", 1),
            tick("e", 1),
            event(POISON, "f", 1));
    List<String> calls = new ArrayList<>();
    EventRuns.apply(
            poll,
            event -> event.type().equals(EventApplierTest.TICKED),
            run -> {
              calls.add(
                  "run " + run.stream().map(EventEnvelope::subject).collect(Collectors.joining()));
              return Uni.createFrom().voidItem();
            },
            one -> {
              calls.add("one " + one.subject());
              return Uni.createFrom().voidItem();
            })
        .await()
        .indefinitely();
    assertEquals(List.of("one a", "run bc", "one d", "run e", "one f"), calls);
  }

  @Test
  void aPollOfOnlyLikeEventsIsOneRunAndAnEmptyPollNothing() {
    List<String> calls = new ArrayList<>();
    EventRuns.apply(
            List.of(tick("a", 1), tick("b", 1)),
            event -> true,
            run -> {
              calls.add("run " + run.size());
              return Uni.createFrom().voidItem();
            },
            one -> Uni.createFrom().failure(new AssertionError("not one at a time")))
        .await()
        .indefinitely();
    EventRuns.apply(
            List.of(),
            event -> true,
            run -> Uni.createFrom().failure(new AssertionError("no run of nothing")),
            one -> Uni.createFrom().failure(new AssertionError("nothing")))
        .await()
        .indefinitely();
    assertEquals(List.of("run 2"), calls);
  }

  @Test
  void aRunNeverHoldsTwoEventsOfOneStreamAndKindsGoApart() {
    List<EventEnvelope> poll =
        List.of(
            tick("a", 1),
            tick("b", 1),
            tick("a", 2),
            event(POISON, "c", 1),
            event(POISON, "d", 1),
            tick("e", 1));
    List<String> calls = new ArrayList<>();
    EventRuns.apply(
            poll,
            event -> event.type().equals(EventApplierTest.TICKED) ? "tick" : "poison",
            (kind, run) -> {
              calls.add(
                  kind
                      + " "
                      + run.stream()
                          .map(event -> event.subject() + event.streamVersion())
                          .collect(Collectors.joining()));
              return Uni.createFrom().voidItem();
            },
            one -> Uni.createFrom().failure(new AssertionError("every event has a kind")))
        .await()
        .indefinitely();
    assertEquals(List.of("tick a1b1", "tick a2", "poison c1d1", "tick e1"), calls);
  }
}
