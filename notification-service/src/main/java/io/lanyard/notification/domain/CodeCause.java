package io.lanyard.notification.domain;

/**
 * What set a code when no person or directory did (ADR 6). A change without a cause is a person's
 * or a directory's command, as before issue 22.
 */
public enum CodeCause {
  /** The tenant's policy replaced a code older than {@code maxCodeAgeDays}. */
  ROTATION,
  /** An admin's bulk job regenerated the codes of many users. */
  REGENERATION_JOB,
  /** The code came with the user from a CSV import. */
  IMPORT
}
