package io.lanyard.directory.domain.google;

import java.util.List;

/**
 * One run of a tenant's directory sync (stream {@code sync-run:<run id>}): started, then completed
 * (whatever some users' errors) or failed (it could not read the whole directory). Its progress
 * while it runs is no fact of the domain and lives only in the run's record.
 */
public record SyncRun(String status) {

  public static final SyncRun NONE = new SyncRun(null);

  /** Who asked: an admin, the interval, or Google's push notification. */
  public enum Trigger {
    MANUAL,
    AUTOMATIC,
    PUSH
  }

  /** What happens to a run. */
  public sealed interface Event {
    /** Runs read Google only, so the event's source is not a choice the domain makes. */
    record DirectorySyncStarted(String tenantId, String runId, Trigger trigger) implements Event {}

    record DirectorySyncCompleted(String tenantId, String runId, int usersSeen, SyncCounts counts)
        implements Event {}

    record DirectorySyncFailed(String tenantId, String runId, String reason, SyncCounts counts)
        implements Event {}
  }

  public static SyncRun fold(List<Event> events) {
    SyncRun run = NONE;
    for (Event event : events) {
      run =
          new SyncRun(
              event instanceof Event.DirectorySyncStarted
                  ? "running"
                  : event instanceof Event.DirectorySyncCompleted ? "succeeded" : "failed");
    }
    return run;
  }

  public List<Event> start(String tenantId, String runId, Trigger trigger) {
    if (status != null) {
      throw new IllegalStateException("run " + runId + " already started");
    }
    return List.of(new Event.DirectorySyncStarted(tenantId, runId, trigger));
  }

  public List<Event> complete(String tenantId, String runId, int usersSeen, SyncCounts counts) {
    return running()
        ? List.of(new Event.DirectorySyncCompleted(tenantId, runId, usersSeen, counts))
        : List.of();
  }

  public List<Event> fail(String tenantId, String runId, String reason, SyncCounts counts) {
    return running()
        ? List.of(new Event.DirectorySyncFailed(tenantId, runId, reason, counts))
        : List.of();
  }

  public boolean running() {
    return "running".equals(status);
  }
}
