package io.lanyard.web.client;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A bulk job as credential-service (a code regeneration) and identity-service (a user import)
 * answer it: its state and counts, and a page of its results when asked for one job.
 */
public record Job(
    String id,
    String kind,
    String mode,
    @JsonProperty("notify") Boolean notifyUsers,
    String status,
    long total,
    long done,
    long failed,
    String createdAt,
    String updatedAt,
    String reason,
    ApiPage<Result> results) {

  /** One user's or one line's outcome ({@code line} for an import, {@code userId} for codes). */
  public record Result(Integer line, String userId, String outcome, String reason) {}

  /** Still to finish: the page asks for news, and offers to cancel. */
  public boolean running() {
    return "queued".equals(status) || "running".equals(status);
  }

  /** How far, in whole percent. */
  public long percent() {
    return total <= 0 ? 0 : Math.min(100, done * 100 / total);
  }
}
