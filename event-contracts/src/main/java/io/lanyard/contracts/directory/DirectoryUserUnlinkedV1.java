package io.lanyard.contracts.directory;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.lanyard.contracts.DirectoryEvents;
import io.lanyard.contracts.EventType;
import io.lanyard.contracts.WireValues;
import java.util.UUID;

/**
 * The data of {@code io.lanyard.directory.DirectoryUserUnlinked.v1}: the directory no longer
 * provisions the user (deleted there, or here through it).
 *
 * <p>The public form of the event, as its JSON Schema describes it; the build keeps the two in
 * step.
 */
public record DirectoryUserUnlinkedV1(String tenantId, UUID userId, Source source, Reason reason) {

  public static final EventType TYPE = DirectoryEvents.DIRECTORY_USER_UNLINKED;

  /** source's coded values; {@link WireValues} reads and writes them. */
  public enum Source {
    @JsonProperty("scim")
    SCIM,
    @JsonProperty("google")
    GOOGLE
  }

  /** reason's coded values; {@link WireValues} reads and writes them. */
  public enum Reason {
    @JsonProperty("deleted")
    DELETED
  }
}
