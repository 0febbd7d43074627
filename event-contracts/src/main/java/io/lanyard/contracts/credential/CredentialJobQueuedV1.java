package io.lanyard.contracts.credential;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.lanyard.contracts.CredentialEvents;
import io.lanyard.contracts.EventType;
import io.lanyard.contracts.WireValues;
import java.util.List;
import java.util.UUID;

/**
 * The data of {@code io.lanyard.credential.CredentialJobQueued.v1}: an admin queued a job over many
 * users of the tenant, e.g. regenerating their codes (key: the job id).
 *
 * <p>{@code notifyUsers} travels as {@code notify}: a record component cannot be named after {@link
 * Object#notify()}.
 *
 * <p>The public form of the event, as its JSON Schema describes it; the build keeps the two in
 * step.
 */
public record CredentialJobQueuedV1(
    UUID jobId,
    String tenantId,
    Kind kind,
    @JsonProperty("notify") boolean notifyUsers,
    Selection selection,
    int total,
    String requestedBy) {

  public static final EventType TYPE = CredentialEvents.CREDENTIAL_JOB_QUEUED;

  /** kind's coded values; {@link WireValues} reads and writes them. */
  public enum Kind {
    @JsonProperty("regenerate_codes")
    REGENERATE_CODES
  }

  /**
   * Which users, as the admin chose them when queuing: a user is selected when it meets every
   * condition given; a condition left null is not written.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Selection(
      List<UUID> userIds, String orgUnit, Status status, Origin origin, Boolean all) {}

  /** status's coded values; {@link WireValues} reads and writes them. */
  public enum Status {
    @JsonProperty("active")
    ACTIVE,
    @JsonProperty("suspended")
    SUSPENDED
  }

  /** origin's coded values; {@link WireValues} reads and writes them. */
  public enum Origin {
    @JsonProperty("manual")
    MANUAL,
    @JsonProperty("google")
    GOOGLE,
    @JsonProperty("scim")
    SCIM
  }
}
