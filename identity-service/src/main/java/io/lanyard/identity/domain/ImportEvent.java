package io.lanyard.identity.domain;

import java.util.List;

/** What happened to a user import; the stream of one import (keyed by its id) is the import. */
public sealed interface ImportEvent
    permits ImportEvent.Queued, ImportEvent.Progressed, ImportEvent.Ended {

  String importId();

  String tenantId();

  /** {@code total}: the lines of users in the file (the header not counted). */
  record Queued(String importId, String tenantId, ImportMode mode, int total, String requestedBy)
      implements ImportEvent {}

  /**
   * A chunk of lines done (or, after credential-service refused codes of lines already reported
   * created, those lines again as refused). {@code done} and {@code failed} count the whole import
   * so far; the import goes on after {@code throughLine}.
   */
  record Progressed(
      String importId,
      String tenantId,
      int done,
      int failed,
      int throughLine,
      List<ImportResult> results)
      implements ImportEvent {

    public Progressed {
      results = List.copyOf(results);
    }
  }

  /** {@code reason}: why it failed (or null). */
  record Ended(
      String importId, String tenantId, ImportStatus status, int done, int failed, String reason)
      implements ImportEvent {}
}
