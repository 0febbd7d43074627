package io.lanyard.contracts.identity;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.lanyard.contracts.EventType;
import io.lanyard.contracts.IdentityEvents;
import io.lanyard.contracts.WireValues;
import java.util.UUID;

/**
 * The data of {@code io.lanyard.identity.UserImportEnded.v1}: an import ended: completed, failed
 * (an all_or_nothing import with a bad line, or an error) or cancelled by an admin; its staged
 * lines are deleted (key: the import id).
 *
 * <p>The public form of the event, as its JSON Schema describes it; the build keeps the two in
 * step.
 */
public record UserImportEndedV1(
    UUID importId,
    String tenantId,
    Status status,
    int done,
    int failed,
    @JsonInclude(JsonInclude.Include.NON_NULL) String reason) {

  public static final EventType TYPE = IdentityEvents.USER_IMPORT_ENDED;

  /** status's coded values; {@link WireValues} reads and writes them. */
  public enum Status {
    @JsonProperty("completed")
    COMPLETED,
    @JsonProperty("failed")
    FAILED,
    @JsonProperty("cancelled")
    CANCELLED
  }
}
