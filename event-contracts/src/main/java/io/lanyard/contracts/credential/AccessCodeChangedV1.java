package io.lanyard.contracts.credential;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.lanyard.contracts.CredentialEvents;
import io.lanyard.contracts.EventType;
import io.lanyard.contracts.WireValues;
import java.time.Instant;
import java.util.UUID;

/**
 * The data of {@code io.lanyard.credential.AccessCodeChanged.v1}: a user's access code was set:
 * their first code or a change.
 *
 * <p>Properties added since the first version are left out of the JSON when null, so an event that
 * does not use them is written as it always was.
 *
 * <p>The public form of the event, as its JSON Schema describes it; the build keeps the two in
 * step.
 */
public record AccessCodeChangedV1(
    UUID userId,
    String tenantId,
    String codeHash,
    String codeCiphertext,
    Reason reason,
    boolean notifyUser,
    String changedBy,
    @JsonInclude(JsonInclude.Include.NON_NULL) Instant validFrom,
    @JsonInclude(JsonInclude.Include.NON_NULL) Instant expiresAt,
    @JsonInclude(JsonInclude.Include.NON_NULL) Cause cause) {

  public static final EventType TYPE = CredentialEvents.ACCESS_CODE_CHANGED;

  /** reason's coded values; {@link WireValues} reads and writes them. */
  public enum Reason {
    @JsonProperty("initial")
    INITIAL,
    @JsonProperty("generated")
    GENERATED,
    @JsonProperty("admin")
    ADMIN,
    @JsonProperty("directory")
    DIRECTORY,
    @JsonProperty("regenerated_after_source_removal")
    REGENERATED_AFTER_SOURCE_REMOVAL
  }

  /**
   * cause's coded values; {@link WireValues} reads and writes them. Absent: a person's or the
   * directory's command.
   */
  public enum Cause {
    @JsonProperty("rotation")
    ROTATION,
    @JsonProperty("regeneration_job")
    REGENERATION_JOB,
    @JsonProperty("import")
    IMPORT
  }
}
