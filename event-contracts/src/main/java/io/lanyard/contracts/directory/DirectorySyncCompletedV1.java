package io.lanyard.contracts.directory;

import io.lanyard.contracts.DirectoryEvents;
import io.lanyard.contracts.EventType;
import java.util.UUID;

/**
 * The data of {@code io.lanyard.directory.DirectorySyncCompleted.v1}: a sync run ended; some users
 * may have failed (counts.failed, errors in the run).
 *
 * <p>The public form of the event, as its JSON Schema describes it; the build keeps the two in
 * step.
 */
public record DirectorySyncCompletedV1(String tenantId, UUID runId, int usersSeen, Counts counts) {

  public static final EventType TYPE = DirectoryEvents.DIRECTORY_SYNC_COMPLETED;

  /** counts */
  public record Counts(
      int created, int updated, int suspended, int deleted, int unchanged, int failed) {}
}
