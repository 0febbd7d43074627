package io.lanyard.notification.domain;

import java.util.Optional;

/**
 * A user's access code was set, as far as the emails care.
 *
 * @param streamVersion the change's place in the user's credential history (1: the first event)
 * @param cause what set it when no person or directory did; null for their commands
 * @param notifyUser the admin (or the policy or job acting for them) chose to email the user
 */
public record CodeChange(
    long streamVersion, CodeReason reason, CodeCause cause, boolean notifyUser) {

  /** A change a person's or a directory's command made (no cause). */
  public CodeChange(long streamVersion, CodeReason reason, boolean notifyUser) {
    this(streamVersion, reason, null, notifyUser);
  }

  /**
   * The code issued with the user (ADR 3), by an admin, by their directory or with an imported
   * line. It calls for the invitation, which needs the user's name, address and language: it waits
   * for the user if their event has not arrived yet.
   */
  public boolean isFirstCode() {
    return streamVersion == 1
        && (reason == CodeReason.INITIAL
            || reason == CodeReason.DIRECTORY
            || cause == CodeCause.IMPORT);
  }

  /**
   * The email the change calls for: the invitation for a first code (and nothing else, even with
   * "Save and email"); a regenerated code always, since the user did not ask for it and their old
   * one stopped working; any other change only when the user is to be emailed: a rotated code with
   * its own words (the user asked for nothing and learns why), anything else as "Save and email".
   */
  public Optional<MailKind> email() {
    if (isFirstCode()) {
      return Optional.of(MailKind.INVITATION);
    }
    if (reason == CodeReason.REGENERATED_AFTER_SOURCE_REMOVAL) {
      return Optional.of(MailKind.CODE_REGENERATED);
    }
    if (!notifyUser) {
      return Optional.empty();
    }
    return Optional.of(cause == CodeCause.ROTATION ? MailKind.CODE_ROTATED : MailKind.CODE_CHANGED);
  }
}
