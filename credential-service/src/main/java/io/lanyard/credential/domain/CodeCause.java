package io.lanyard.credential.domain;

/**
 * What made a code change when no one changed it by hand: absent (null) for a person's or the
 * directory's command.
 */
public enum CodeCause {
  /** The tenant's policy replaced a code older than its {@code maxCodeAgeDays}. */
  ROTATION,
  /** An admin's regeneration job. */
  REGENERATION_JOB,
  /** A code from an imported CSV line. */
  IMPORT
}
