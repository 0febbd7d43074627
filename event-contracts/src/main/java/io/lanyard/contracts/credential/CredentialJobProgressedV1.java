package io.lanyard.contracts.credential;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.lanyard.contracts.CredentialEvents;
import io.lanyard.contracts.EventType;
import io.lanyard.contracts.WireValues;
import java.util.List;
import java.util.UUID;

/**
 * The data of {@code io.lanyard.credential.CredentialJobProgressed.v1}: a chunk of a job's users
 * was done, in the same transaction as their changes; a resumed job goes on after {@code cursor}
 * (key: the job id). {@code done} and {@code failed} count the whole job so far.
 *
 * <p>The public form of the event, as its JSON Schema describes it; the build keeps the two in
 * step.
 */
public record CredentialJobProgressedV1(
    UUID jobId,
    String tenantId,
    int done,
    int failed,
    @JsonInclude(JsonInclude.Include.NON_NULL) String cursor,
    List<Result> results) {

  public static final EventType TYPE = CredentialEvents.CREDENTIAL_JOB_PROGRESSED;

  /** One element of results: a user of the chunk. {@code reason} is an error code. */
  public record Result(
      UUID userId, Outcome outcome, @JsonInclude(JsonInclude.Include.NON_NULL) String reason) {}

  /** outcome's coded values; {@link WireValues} reads and writes them. */
  public enum Outcome {
    @JsonProperty("regenerated")
    REGENERATED,
    @JsonProperty("refused")
    REFUSED,
    @JsonProperty("skipped")
    SKIPPED
  }
}
