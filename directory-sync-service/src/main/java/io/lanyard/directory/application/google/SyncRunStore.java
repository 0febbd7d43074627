package io.lanyard.directory.application.google;

import io.lanyard.directory.domain.google.SyncCounts;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Sync runs as the API shows them: the run's events, and the progress its replica writes while it
 * runs (pages, users seen, counts, each failed user's error).
 */
public interface SyncRunStore {

  /** One failed user of a run: who, and why (never a code or card number). */
  record UserError(String user, String message) {}

  /** A run as {@code GET /admin/v1/directory/sync-runs/{runId}} shows it. */
  record RunView(
      String tenantId,
      String runId,
      String status,
      String trigger,
      OffsetDateTime startedAt,
      OffsetDateTime finishedAt,
      int usersSeen,
      int pagesRead,
      SyncCounts counts,
      List<UserError> errors,
      String failure) {}

  /** The run a tenant has going, if any (at most one). */
  Uni<Optional<String>> running(String tenantId);

  /** When the tenant's latest run started, if it ever ran. */
  Uni<Optional<OffsetDateTime>> lastStarted(String tenantId);

  /** Progress of a running run; also its heartbeat. */
  Uni<Void> progress(
      String runId, int usersSeen, int pagesRead, SyncCounts counts, List<UserError> errors);

  /**
   * The runs this replica is executing are alive: their heartbeat, without progress (a run may wait
   * on Google longer than the abandonment limit between two pages).
   */
  Uni<Void> heartbeat(Collection<String> runIds);

  /** Runs whose replica stopped writing progress: it died, and they can never finish. */
  Uni<List<RunView>> abandoned(Duration silence);
}
