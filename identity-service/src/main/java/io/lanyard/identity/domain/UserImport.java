package io.lanyard.identity.domain;

import io.lanyard.kernel.DomainException;
import java.util.ArrayList;
import java.util.List;

/**
 * A CSV import of users as its events make it, and the decisions it takes. Lines are numbered as in
 * the file, the header being line 1, so an import that has done nothing is through line 1.
 *
 * <p>{@code done} counts the users created, {@code failed} the lines refused.
 */
public record UserImport(
    String id,
    String tenantId,
    ImportMode mode,
    ImportStatus status,
    int total,
    int done,
    int failed,
    int throughLine) {

  /** The header's line: an import starts after it. */
  public static final int HEADER_LINE = 1;

  public static final UserImport NONE =
      new UserImport(null, null, null, null, 0, 0, 0, HEADER_LINE);

  public boolean exists() {
    return status != null;
  }

  public UserImport evolve(ImportEvent event) {
    if (event instanceof ImportEvent.Queued e) {
      return new UserImport(
          e.importId(), e.tenantId(), e.mode(), ImportStatus.QUEUED, e.total(), 0, 0, HEADER_LINE);
    }
    if (event instanceof ImportEvent.Progressed e) {
      ImportStatus after = status.ended() ? status : ImportStatus.RUNNING;
      return new UserImport(
          id,
          tenantId,
          mode,
          after,
          total,
          e.done(),
          e.failed(),
          Math.max(throughLine, e.throughLine()));
    }
    ImportEvent.Ended e = (ImportEvent.Ended) event;
    return new UserImport(id, tenantId, mode, e.status(), total, e.done(), e.failed(), throughLine);
  }

  public static UserImport fold(List<ImportEvent> events) {
    UserImport state = NONE;
    for (ImportEvent event : events) {
      state = state.evolve(event);
    }
    return state;
  }

  public static List<ImportEvent> queue(
      String importId, String tenantId, ImportMode mode, int total, String requestedBy) {
    if (total < 1) {
      throw new IllegalArgumentException("an import has at least one line");
    }
    return List.of(new ImportEvent.Queued(importId, tenantId, mode, total, requestedBy));
  }

  /**
   * A chunk of lines, from just after {@code afterLine} through {@code throughLine}, with what
   * became of each. Refused when the import has ended (cancelled meanwhile) or has moved past
   * {@code afterLine} (another worker did the chunk): the caller's transaction, with the users it
   * created, rolls back.
   */
  public List<ImportEvent> progress(int afterLine, int throughLine, List<ImportResult> results) {
    requireRunnable();
    if (afterLine != this.throughLine || throughLine <= afterLine) {
      throw DomainException.conflict(
          "import_moved", "the import is through line " + this.throughLine + " already");
    }
    int created = (int) results.stream().filter(ImportResult::isCreated).count();
    return List.of(
        new ImportEvent.Progressed(
            id, tenantId, done + created, failed + results.size() - created, throughLine, results));
  }

  /**
   * Lines reported created whose code or card credential-service then refused: the users exist
   * (with a generated code), the lines now count as refused. Accepted after the end too: a chunk's
   * codes go to credential-service after its users were committed, and an admin may have cancelled
   * in between; what was done stays done, and is reported as it is.
   */
  public List<ImportEvent> credentialsRefused(List<ImportResult> refusals) {
    if (!exists()) {
      throw DomainException.notFound("user import");
    }
    if (refusals.isEmpty()) {
      return List.of();
    }
    return List.of(
        new ImportEvent.Progressed(
            id, tenantId, done - refusals.size(), failed + refusals.size(), throughLine, refusals));
  }

  /** Every line done: the import completed. */
  public List<ImportEvent> complete() {
    requireRunnable();
    return List.of(new ImportEvent.Ended(id, tenantId, ImportStatus.COMPLETED, done, failed, null));
  }

  /**
   * An all-or-nothing import with bad lines: nothing was written; the refused lines are reported
   * (in events of at most {@code perEvent} results) and the import ends failed.
   */
  public List<ImportEvent> failWith(List<ImportResult> refused, int perEvent) {
    requireRunnable();
    if (mode != ImportMode.ALL_OR_NOTHING || refused.isEmpty() || throughLine != HEADER_LINE) {
      throw new IllegalStateException("only an all-or-nothing import fails before it starts");
    }
    List<ImportEvent> events = new ArrayList<>();
    int reported = 0;
    for (int from = 0; from < refused.size(); from += perEvent) {
      List<ImportResult> part = refused.subList(from, Math.min(refused.size(), from + perEvent));
      reported += part.size();
      // throughLine stays at the header: no line was done.
      events.add(new ImportEvent.Progressed(id, tenantId, 0, reported, HEADER_LINE, part));
    }
    events.add(
        new ImportEvent.Ended(
            id,
            tenantId,
            ImportStatus.FAILED,
            0,
            refused.size(),
            refused.size()
                + (refused.size() == 1 ? " line was" : " lines were")
                + " refused; no user was created"));
    return events;
  }

  /**
   * The worker gave up on the import: its steps failed again and again ({@code reason}). Lines
   * whose users were created but whose codes and cards never reached credential-service ({@code
   * notHandedOver}, reported in events of at most {@code perEvent} results) now count as refused,
   * and the import ends failed; what was done stays done. An import that had ended already (an
   * admin's cancel) only reports those lines.
   */
  public List<ImportEvent> giveUp(List<ImportResult> notHandedOver, String reason, int perEvent) {
    if (!exists()) {
      throw DomainException.notFound("user import");
    }
    List<ImportEvent> events = new ArrayList<>();
    int nowDone = done;
    int nowFailed = failed;
    for (int from = 0; from < notHandedOver.size(); from += perEvent) {
      List<ImportResult> part =
          notHandedOver.subList(from, Math.min(notHandedOver.size(), from + perEvent));
      nowDone -= part.size();
      nowFailed += part.size();
      events.add(new ImportEvent.Progressed(id, tenantId, nowDone, nowFailed, throughLine, part));
    }
    if (!status.ended()) {
      events.add(
          new ImportEvent.Ended(id, tenantId, ImportStatus.FAILED, nowDone, nowFailed, reason));
    }
    return events;
  }

  /** An admin's cancel: the import stops before its next chunk; what was done stays done. */
  public List<ImportEvent> cancel() {
    if (!exists()) {
      throw DomainException.notFound("user import");
    }
    if (status.ended()) {
      throw DomainException.conflict(
          "job_finished", "the import has ended (" + status.wire() + ")");
    }
    return List.of(
        new ImportEvent.Ended(
            id, tenantId, ImportStatus.CANCELLED, done, failed, "cancelled by an admin"));
  }

  private void requireRunnable() {
    if (!exists()) {
      throw DomainException.notFound("user import");
    }
    if (status.ended()) {
      throw DomainException.conflict(
          "job_finished", "the import has ended (" + status.wire() + ")");
    }
  }
}
