package io.lanyard.contracts.identity;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.lanyard.contracts.EventType;
import io.lanyard.contracts.IdentityEvents;
import io.lanyard.contracts.WireValues;
import java.util.UUID;

/**
 * The data of {@code io.lanyard.identity.UserSuspended.v1}: a user was suspended: their codes and
 * cards stop working.
 *
 * <p>Properties added since the first version are left out of the JSON when null, so an event that
 * does not use them is written as it always was.
 *
 * <p>The public form of the event, as its JSON Schema describes it; the build keeps the two in
 * step.
 */
public record UserSuspendedV1(
    UUID userId, String tenantId, @JsonInclude(JsonInclude.Include.NON_NULL) Reason reason) {

  public static final EventType TYPE = IdentityEvents.USER_SUSPENDED;

  /** reason's coded values; {@link WireValues} reads and writes them. */
  public enum Reason {
    @JsonProperty("admin")
    ADMIN,
    @JsonProperty("directory")
    DIRECTORY,
    @JsonProperty("guest_window_ended")
    GUEST_WINDOW_ENDED
  }
}
