package io.lanyard.contracts.identity;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.lanyard.contracts.EventType;
import io.lanyard.contracts.IdentityEvents;
import io.lanyard.contracts.WireValues;
import java.util.List;
import java.util.UUID;

/**
 * The data of {@code io.lanyard.identity.UserImportProgressed.v1}: a chunk of an import's lines was
 * done, in the same transaction as the users it created; a resumed import goes on after {@code
 * throughLine} (key: the import id). {@code done} and {@code failed} count the whole import so far.
 *
 * <p>The public form of the event, as its JSON Schema describes it; the build keeps the two in
 * step.
 */
public record UserImportProgressedV1(
    UUID importId, String tenantId, int done, int failed, int throughLine, List<Result> results) {

  public static final EventType TYPE = IdentityEvents.USER_IMPORT_PROGRESSED;

  /**
   * One element of results: a line of the chunk. {@code reason} is an error code, never a code or
   * card number from the line.
   */
  public record Result(
      int line,
      @JsonInclude(JsonInclude.Include.NON_NULL) UUID userId,
      Outcome outcome,
      @JsonInclude(JsonInclude.Include.NON_NULL) String reason) {}

  /** outcome's coded values; {@link WireValues} reads and writes them. */
  public enum Outcome {
    @JsonProperty("created")
    CREATED,
    @JsonProperty("refused")
    REFUSED
  }
}
