package io.lanyard.contracts.identity;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.lanyard.contracts.EventType;
import io.lanyard.contracts.IdentityEvents;
import io.lanyard.contracts.WireValues;
import java.time.Instant;
import java.util.UUID;

/**
 * The data of {@code io.lanyard.identity.UserCreated.v1}: a user was created by an admin or
 * provisioned from a directory.
 *
 * <p>Properties added since the first version are left out of the JSON when null, so an event that
 * does not use them is written as it always was.
 *
 * <p>The public form of the event, as its JSON Schema describes it; the build keeps the two in
 * step.
 */
public record UserCreatedV1(
    UUID userId,
    String tenantId,
    String username,
    String displayName,
    String email,
    String orgUnit,
    String locale,
    Origin origin,
    String externalId,
    @JsonInclude(JsonInclude.Include.NON_NULL) Kind kind,
    @JsonInclude(JsonInclude.Include.NON_NULL) Instant validFrom,
    @JsonInclude(JsonInclude.Include.NON_NULL) Instant validUntil,
    @JsonInclude(JsonInclude.Include.NON_NULL) Boolean firstCodeFollows) {

  public static final EventType TYPE = IdentityEvents.USER_CREATED;

  /** origin's coded values; {@link WireValues} reads and writes them. */
  public enum Origin {
    @JsonProperty("manual")
    MANUAL,
    @JsonProperty("google")
    GOOGLE,
    @JsonProperty("scim")
    SCIM
  }

  /** kind's coded values; {@link WireValues} reads and writes them. Absent: person. */
  public enum Kind {
    @JsonProperty("person")
    PERSON,
    @JsonProperty("guest")
    GUEST
  }
}
