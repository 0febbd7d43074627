package io.lanyard.credential.domain;

/** What a job did for one user. */
public enum JobOutcome {
  /** The user has a new code. */
  REGENERATED,
  /** The user could not be given one (counted as failed). */
  REFUSED,
  /** There was nothing to do for the user (e.g. the directory manages their code). */
  SKIPPED
}
