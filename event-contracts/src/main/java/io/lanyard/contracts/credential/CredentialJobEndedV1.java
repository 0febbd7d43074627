package io.lanyard.contracts.credential;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.lanyard.contracts.CredentialEvents;
import io.lanyard.contracts.EventType;
import io.lanyard.contracts.WireValues;
import java.util.UUID;

/**
 * The data of {@code io.lanyard.credential.CredentialJobEnded.v1}: a job ended: completed, failed
 * or cancelled by an admin; what was done stays done (key: the job id).
 *
 * <p>The public form of the event, as its JSON Schema describes it; the build keeps the two in
 * step.
 */
public record CredentialJobEndedV1(
    UUID jobId,
    String tenantId,
    Status status,
    int done,
    int failed,
    @JsonInclude(JsonInclude.Include.NON_NULL) String reason) {

  public static final EventType TYPE = CredentialEvents.CREDENTIAL_JOB_ENDED;

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
