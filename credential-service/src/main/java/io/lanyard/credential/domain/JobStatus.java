package io.lanyard.credential.domain;

/** Where a job is: waiting, under way, or ended one of three ways. */
public enum JobStatus {
  QUEUED,
  RUNNING,
  /** It ran to its end; {@code failed} counts the users it refused. */
  COMPLETED,
  /** It could not run on. */
  FAILED,
  /** An admin cancelled it; what was done stays done. */
  CANCELLED;

  public boolean ended() {
    return this == COMPLETED || this == FAILED || this == CANCELLED;
  }
}
