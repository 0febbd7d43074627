package io.lanyard.contracts.identity;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.lanyard.contracts.EventType;
import io.lanyard.contracts.IdentityEvents;
import io.lanyard.contracts.WireValues;
import java.util.UUID;

/**
 * The data of {@code io.lanyard.identity.UserImportQueued.v1}: an admin queued a CSV import of
 * users (key: the import id). The lines, which may hold codes and card numbers, are staged sealed
 * and never travel in an event.
 *
 * <p>The public form of the event, as its JSON Schema describes it; the build keeps the two in
 * step.
 */
public record UserImportQueuedV1(
    UUID importId, String tenantId, Mode mode, int total, String requestedBy) {

  public static final EventType TYPE = IdentityEvents.USER_IMPORT_QUEUED;

  /** mode's coded values; {@link WireValues} reads and writes them. */
  public enum Mode {
    @JsonProperty("all_or_nothing")
    ALL_OR_NOTHING,
    @JsonProperty("per_line")
    PER_LINE
  }
}
