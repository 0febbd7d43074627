package io.lanyard.contracts.directory;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.lanyard.contracts.DirectoryEvents;
import io.lanyard.contracts.EventType;
import io.lanyard.contracts.WireValues;
import java.util.UUID;

/**
 * The data of {@code io.lanyard.directory.DirectorySyncStarted.v1}: a sync run of a tenant's
 * directory started (key: sync-run:&lt;run id&gt;).
 *
 * <p>The public form of the event, as its JSON Schema describes it; the build keeps the two in
 * step.
 */
public record DirectorySyncStartedV1(String tenantId, UUID runId, Source source, Trigger trigger) {

  public static final EventType TYPE = DirectoryEvents.DIRECTORY_SYNC_STARTED;

  /** source's coded values; {@link WireValues} reads and writes them. */
  public enum Source {
    @JsonProperty("google")
    GOOGLE
  }

  /** trigger's coded values; {@link WireValues} reads and writes them. */
  public enum Trigger {
    @JsonProperty("manual")
    MANUAL,
    @JsonProperty("automatic")
    AUTOMATIC,
    @JsonProperty("push")
    PUSH
  }
}
