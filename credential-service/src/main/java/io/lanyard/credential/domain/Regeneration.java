package io.lanyard.credential.domain;

import java.util.List;

/**
 * What a regeneration job does to one user: a new code ({@code events} holds its {@code
 * AccessCodeChanged}), or nothing, and why ({@code reason}, an error code).
 */
public record Regeneration(JobOutcome outcome, String reason, List<CredentialEvent> events) {

  /** The directory owns the code: Lanyard does not replace it (as it does not rotate it). */
  public static final String DIRECTORY_MANAGED = "directory_managed";

  /** The user was deleted: nothing of theirs is changed any more. */
  public static final String USER_DELETED = "user_deleted";

  /** The user has no code yet (e.g. a directory's user waiting for theirs). */
  public static final String NO_CODE = "no_code";

  /**
   * The code's expiry has passed: a new code would be expired too, or would revive access an admin
   * let end. Replacing it is the admin's.
   */
  public static final String CODE_EXPIRED = "code_expired";

  public Regeneration {
    events = List.copyOf(events);
  }

  static Regeneration regenerated(CredentialEvent changed) {
    return new Regeneration(JobOutcome.REGENERATED, null, List.of(changed));
  }

  public static Regeneration skipped(String reason) {
    return new Regeneration(JobOutcome.SKIPPED, reason, List.of());
  }

  public static Regeneration refused(String reason) {
    return new Regeneration(JobOutcome.REFUSED, reason, List.of());
  }
}
