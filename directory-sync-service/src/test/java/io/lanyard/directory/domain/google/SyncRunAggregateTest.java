package io.lanyard.directory.domain.google;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanyard.directory.domain.google.SyncRun.Event;
import io.lanyard.directory.domain.google.SyncRun.Event.DirectorySyncCompleted;
import io.lanyard.directory.domain.google.SyncRun.Event.DirectorySyncFailed;
import io.lanyard.directory.domain.google.SyncRun.Event.DirectorySyncStarted;
import io.lanyard.directory.domain.google.SyncRun.Trigger;
import io.lanyard.testsupport.AggregateScenario;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One sync run: started once, then completed or failed once. That a tenant has one running run at a
 * time is not this aggregate's rule (a unique index in {@code SyncRuns} decides it).
 */
class SyncRunAggregateTest {

  private static final String TENANT = "tenant-a";
  private static final String RUN = "run-1";
  private static final SyncCounts COUNTS = new SyncCounts(2, 1, 0, 0, 5, 1);

  private final AggregateScenario<SyncRun, Event> run = AggregateScenario.of(SyncRun::fold);

  private static DirectorySyncStarted started() {
    return new DirectorySyncStarted(TENANT, RUN, Trigger.MANUAL);
  }

  @Test
  void aRunStartsWithItsTrigger() {
    run.given()
        .when(r -> r.start(TENANT, RUN, Trigger.PUSH))
        .then(new DirectorySyncStarted(TENANT, RUN, Trigger.PUSH));
    assertTrue(SyncRun.fold(List.of(started())).running());
  }

  @Test
  void aRunThatStartedIsNotStartedAgain() {
    run.given(started())
        .when(r -> r.start(TENANT, RUN, Trigger.MANUAL))
        .thenRefused(IllegalStateException.class, "run run-1 already started");
    run.given(started(), new DirectorySyncCompleted(TENANT, RUN, 9, COUNTS))
        .when(r -> r.start(TENANT, RUN, Trigger.AUTOMATIC))
        .thenRefused(IllegalStateException.class, "already started");
  }

  @Test
  void aRunningRunCompletes() {
    run.given(started())
        .when(r -> r.complete(TENANT, RUN, 9, COUNTS))
        .then(new DirectorySyncCompleted(TENANT, RUN, 9, COUNTS));
    SyncRun done =
        SyncRun.fold(List.of(started(), new DirectorySyncCompleted(TENANT, RUN, 9, COUNTS)));
    assertEquals("succeeded", done.status());
    assertFalse(done.running());
  }

  @Test
  void aRunningRunFails() {
    run.given(started())
        .when(r -> r.fail(TENANT, RUN, "directory unreadable", COUNTS))
        .then(new DirectorySyncFailed(TENANT, RUN, "directory unreadable", COUNTS));
    assertEquals(
        "failed",
        SyncRun.fold(List.of(started(), new DirectorySyncFailed(TENANT, RUN, "x", COUNTS)))
            .status());
  }

  @Test
  void aRunFinishesOnlyOnce() {
    run.given(started(), new DirectorySyncCompleted(TENANT, RUN, 9, COUNTS))
        .when(r -> r.complete(TENANT, RUN, 10, COUNTS))
        .then();
    run.given(started(), new DirectorySyncCompleted(TENANT, RUN, 9, COUNTS))
        .when(r -> r.fail(TENANT, RUN, "late", COUNTS))
        .then();
    run.given(started(), new DirectorySyncFailed(TENANT, RUN, "unreadable", COUNTS))
        .when(r -> r.complete(TENANT, RUN, 9, COUNTS))
        .then();
    run.given(started(), new DirectorySyncFailed(TENANT, RUN, "unreadable", COUNTS))
        .when(r -> r.fail(TENANT, RUN, "again", COUNTS))
        .then();
  }

  @Test
  void aRunNeverStartedDoesNotFinish() {
    run.given().when(r -> r.complete(TENANT, RUN, 0, SyncCounts.ZERO)).then();
    run.given().when(r -> r.fail(TENANT, RUN, "never ran", SyncCounts.ZERO)).then();
  }
}
