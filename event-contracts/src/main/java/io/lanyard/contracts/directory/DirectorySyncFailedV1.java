package io.lanyard.contracts.directory;

import io.lanyard.contracts.DirectoryEvents;
import io.lanyard.contracts.EventType;
import java.util.UUID;

/**
 * The data of {@code io.lanyard.directory.DirectorySyncFailed.v1}: a sync run stopped before it
 * read the whole directory.
 *
 * <p>The public form of the event, as its JSON Schema describes it; the build keeps the two in
 * step.
 */
public record DirectorySyncFailedV1(String tenantId, UUID runId, String reason, Counts counts) {

  public static final EventType TYPE = DirectoryEvents.DIRECTORY_SYNC_FAILED;

  /** counts */
  public record Counts(
      int created, int updated, int suspended, int deleted, int unchanged, int failed) {}
}
