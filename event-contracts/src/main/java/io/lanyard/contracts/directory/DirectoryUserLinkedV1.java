package io.lanyard.contracts.directory;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.lanyard.contracts.DirectoryEvents;
import io.lanyard.contracts.EventType;
import io.lanyard.contracts.WireValues;
import java.util.UUID;

/**
 * The data of {@code io.lanyard.directory.DirectoryUserLinked.v1}: a directory provisioned the
 * user: its identity of the user is externalId.
 *
 * <p>The public form of the event, as its JSON Schema describes it; the build keeps the two in
 * step.
 */
public record DirectoryUserLinkedV1(
    String tenantId, UUID userId, Source source, String externalId) {

  public static final EventType TYPE = DirectoryEvents.DIRECTORY_USER_LINKED;

  /** source's coded values; {@link WireValues} reads and writes them. */
  public enum Source {
    @JsonProperty("scim")
    SCIM,
    @JsonProperty("google")
    GOOGLE
  }
}
