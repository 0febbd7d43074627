package io.lanyard.identity.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lanyard.kernel.DomainException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An import's decisions: chunks in order, once; the end once; reports after a cancel. */
class UserImportTest {

  private static UserImport queued(ImportMode mode) {
    return UserImport.fold(UserImport.queue("i-1", "acme", mode, 6, "admin"));
  }

  private static UserImport after(UserImport state, List<ImportEvent> events) {
    for (ImportEvent event : events) {
      state = state.evolve(event);
    }
    return state;
  }

  @Test
  void chunksFollowEachOtherAndAChunkDoneAlreadyIsRefused() {
    UserImport state = queued(ImportMode.PER_LINE);
    List<ImportResult> chunk =
        List.of(ImportResult.created(2, "u2"), ImportResult.refused(3, "email_taken"));
    state = after(state, state.progress(1, 3, chunk));
    assertEquals(ImportStatus.RUNNING, state.status());
    assertEquals(3, state.throughLine());
    assertEquals(1, state.done());
    assertEquals(1, state.failed());
    UserImport moved = state;
    DomainException twice = assertThrows(DomainException.class, () -> moved.progress(1, 3, chunk));
    assertEquals("import_moved", twice.code());

    state =
        after(
            state,
            state.credentialsRefused(
                List.of(ImportResult.credentialRefused(2, "u2", "code_in_use"))));
    assertEquals(0, state.done());
    assertEquals(2, state.failed());
    assertEquals(3, state.throughLine(), "a report moves no line");
  }

  @Test
  void aCancelEndsItOnceAndStopsTheNextChunkButNotTheReportOfTheLast() {
    UserImport state = queued(ImportMode.PER_LINE);
    state = after(state, state.progress(1, 2, List.of(ImportResult.created(2, "u2"))));
    state = after(state, state.cancel());
    assertEquals(ImportStatus.CANCELLED, state.status());
    UserImport cancelled = state;
    assertEquals("job_finished", assertThrows(DomainException.class, cancelled::cancel).code());
    assertEquals(
        "job_finished",
        assertThrows(
                DomainException.class,
                () -> cancelled.progress(2, 3, List.of(ImportResult.created(3, "u3"))))
            .code());
    state =
        after(
            state,
            state.credentialsRefused(
                List.of(ImportResult.credentialRefused(2, "u2", "card_in_use"))));
    assertEquals(ImportStatus.CANCELLED, state.status());
    assertEquals(1, state.failed());
  }

  @Test
  void anAllOrNothingImportWithBadLinesFailsReportingEveryOneOfThem() {
    UserImport state = queued(ImportMode.ALL_OR_NOTHING);
    List<ImportResult> bad = new ArrayList<>();
    for (int line = 2; line <= 6; line++) {
      bad.add(ImportResult.refused(line, "invalid_email"));
    }
    List<ImportEvent> events = state.failWith(bad, 2);
    assertEquals(4, events.size(), "three reports of at most two lines, then the end");
    state = after(state, events);
    assertEquals(ImportStatus.FAILED, state.status());
    assertEquals(0, state.done());
    assertEquals(5, state.failed());
    assertEquals(UserImport.HEADER_LINE, state.throughLine());
  }

  @Test
  void anImportGivenUpOnReportsItsOwedLinesAndEndsFailedOnlyIfItHadNotEnded() {
    UserImport state = queued(ImportMode.PER_LINE);
    List<ImportResult> chunk =
        List.of(
            ImportResult.created(2, "u2"),
            ImportResult.created(3, "u3"),
            ImportResult.created(4, "u4"));
    state = after(state, state.progress(1, 4, chunk));
    List<ImportResult> owed =
        List.of(
            ImportResult.credentialsNotHandedOver(2, "u2", "steps_failed"),
            ImportResult.credentialsNotHandedOver(4, "u4", "steps_failed"));
    List<ImportEvent> events = state.giveUp(owed, "steps_failed", 1);
    assertEquals(3, events.size(), "two reports of one line, then the end");
    UserImport failed = after(state, events);
    assertEquals(ImportStatus.FAILED, failed.status());
    assertEquals(1, failed.done());
    assertEquals(2, failed.failed());
    assertEquals(
        new ImportEvent.Ended("i-1", "acme", ImportStatus.FAILED, 1, 2, "steps_failed"),
        events.get(2));
    assertEquals("steps_failed; no code or card was set", owed.get(0).reason());

    UserImport cancelled = after(state, state.cancel());
    List<ImportEvent> reported = cancelled.giveUp(owed, "steps_failed", 10);
    assertEquals(1, reported.size(), "a cancelled import only reports its owed lines");
    assertEquals(ImportStatus.CANCELLED, after(cancelled, reported).status());
    assertEquals(2, after(cancelled, reported).failed());
  }
}
