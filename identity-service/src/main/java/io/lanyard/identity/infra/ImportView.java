package io.lanyard.identity.infra;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.lanyard.runtime.api.Page;
import java.time.Instant;

/**
 * A user import as the admin API shows it ({@code kind} is always {@code user_import}); {@code
 * results} only when one import is asked for, a page of its lines' outcomes.
 */
public record ImportView(
    String id,
    String kind,
    String mode,
    String status,
    int total,
    int done,
    int failed,
    Instant createdAt,
    Instant updatedAt,
    @JsonInclude(JsonInclude.Include.NON_NULL) String reason,
    @JsonInclude(JsonInclude.Include.NON_NULL) Page<ResultView> results) {

  public static final String KIND = "user_import";

  /** One line's outcome: {@code created} or {@code refused} (with a reason code). */
  public record ResultView(
      int line,
      @JsonInclude(JsonInclude.Include.NON_NULL) String userId,
      String outcome,
      @JsonInclude(JsonInclude.Include.NON_NULL) String reason) {}

  public ImportView withResults(Page<ResultView> page) {
    return new ImportView(
        id, kind, mode, status, total, done, failed, createdAt, updatedAt, reason, page);
  }

  public boolean ended() {
    return !"queued".equals(status) && !"running".equals(status);
  }
}
