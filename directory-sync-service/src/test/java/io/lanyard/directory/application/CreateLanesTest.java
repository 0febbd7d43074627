package io.lanyard.directory.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CreateLanesTest {

  /** Runs that finish only when the test lets them, recording what went where. */
  static final class HeldRuns implements CreateLanes.Runs<String, String> {
    final List<String> alone = new CopyOnWriteArrayList<>();
    final List<List<String>> together = new CopyOnWriteArrayList<>();
    final List<UniEmitter<? super Void>> held = new CopyOnWriteArrayList<>();
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger mostRunning = new AtomicInteger();

    @Override
    public Uni<String> alone(String lane, String request) {
      alone.add(request);
      return hold().replaceWith(() -> "done " + request);
    }

    @Override
    public Uni<Void> together(String lane, List<CreateLanes.Waiting<String, String>> run) {
      together.add(run.stream().map(CreateLanes.Waiting::request).toList());
      return hold()
          .invoke(
              () ->
                  run.forEach(
                      waiting -> {
                        if (!waiting.request().startsWith("forgotten")) {
                          waiting.answer("together " + waiting.request());
                        }
                      }));
    }

    private Uni<Void> hold() {
      int now = running.incrementAndGet();
      mostRunning.accumulateAndGet(now, Math::max);
      return Uni.createFrom()
          .<Void>emitter(held::add)
          .invoke(running::decrementAndGet)
          .onFailure()
          .invoke(running::decrementAndGet);
    }

    void releaseOne() {
      UniEmitter<? super Void> first = held.remove(0);
      first.complete(null);
    }

    void failOne(RuntimeException failure) {
      held.remove(0).fail(failure);
    }
  }

  private static Set<String> keys(String request) {
    return Set.of(request.replaceAll("[0-9]+$", ""));
  }

  @Test
  void aLoneRequestRunsAtOnceAndTheOthersWaitToGoTogether() {
    HeldRuns runs = new HeldRuns();
    CreateLanes<String, String> lanes = new CreateLanes<>(2, 100, Set::of, runs);
    List<String> answers = Collections.synchronizedList(new ArrayList<>());
    for (String request : List.of("a", "b", "c", "d", "e")) {
      lanes.submit("tenant", request).subscribe().with(answers::add);
    }
    assertEquals(List.of("a", "b"), runs.alone, "two runs at once, each on its own");
    assertTrue(runs.together.isEmpty());

    runs.releaseOne();
    assertEquals(List.of(List.of("c", "d", "e")), runs.together, "the waiting ones, together");
    runs.releaseOne();
    runs.releaseOne();
    assertEquals(
        Set.of("done a", "done b", "together c", "together d", "together e"), Set.copyOf(answers));
    assertEquals(2, runs.mostRunning.get());
  }

  @Test
  void requestsSharingAKeyNeverGoInOneRun() {
    HeldRuns runs = new HeldRuns();
    CreateLanes<String, String> lanes = new CreateLanes<>(1, 100, CreateLanesTest::keys, runs);
    List<String> answers = Collections.synchronizedList(new ArrayList<>());
    for (String request : List.of("first", "twin1", "other", "twin2", "twin3")) {
      lanes.submit("tenant", request).subscribe().with(answers::add);
    }
    runs.releaseOne();
    assertEquals(List.of(List.of("twin1", "other")), runs.together);
    runs.releaseOne();
    assertEquals(List.of("first", "twin2"), runs.alone.subList(0, 2));
    runs.releaseOne();
    runs.releaseOne();
    assertEquals(List.of("first", "twin2", "twin3"), runs.alone);
    assertEquals(5, answers.size());
  }

  @Test
  void lanesDoNotWaitForEachOther() {
    HeldRuns runs = new HeldRuns();
    CreateLanes<String, String> lanes = new CreateLanes<>(1, 100, Set::of, runs);
    lanes.submit("acme", "a").subscribe().with(ignored -> {});
    lanes.submit("globex", "g").subscribe().with(ignored -> {});
    assertEquals(List.of("a", "g"), runs.alone);
  }

  @Test
  void aRunsFailureIsTheAnswerOfEveryRequestInItAndTheLaneGoesOn() {
    HeldRuns runs = new HeldRuns();
    CreateLanes<String, String> lanes = new CreateLanes<>(1, 2, Set::of, runs);
    Uni<String> first = lanes.submit("tenant", "first");
    List<Uni<String>> waiting = new ArrayList<>();
    for (String request : List.of("b", "forgotten", "d")) {
      waiting.add(lanes.submit("tenant", request).memoize().indefinitely());
    }
    waiting.forEach(uni -> uni.subscribe().with(ignored -> {}, failure -> {}));
    Uni<String> firstAnswer = first.memoize().indefinitely();
    firstAnswer.subscribe().with(ignored -> {}, failure -> {});
    runs.failOne(new IllegalStateException("identity-service is unavailable"));
    assertThrows(
        IllegalStateException.class, () -> firstAnswer.await().atMost(Duration.ofSeconds(1)));

    assertEquals(List.of(List.of("b", "forgotten")), runs.together, "at most two together");
    runs.releaseOne();
    assertEquals("together b", waiting.get(0).await().atMost(Duration.ofSeconds(1)));
    IllegalStateException unanswered =
        assertThrows(
            IllegalStateException.class,
            () -> waiting.get(1).await().atMost(Duration.ofSeconds(1)));
    assertTrue(unanswered.getMessage().contains("without answering"));
    runs.releaseOne();
    assertEquals("done d", waiting.get(2).await().atMost(Duration.ofSeconds(1)));
    assertFalse(runs.alone.contains("b"));
  }
}
