package io.lanyard.notification.domain;

import java.util.Optional;

/**
 * A user's access code was set, as far as the emails care.
 *
 * @param streamVersion the change's place in the user's credential history (1: the first event)
 * @param notifyUser the admin chose "Save and email"
 */
public record CodeChange(long streamVersion, CodeReason reason, boolean notifyUser) {

  /**
   * The code issued with the user (ADR 3), by an admin or by their directory. It calls for the
   * invitation, which needs the user's name, address and language: it waits for the user if their
   * event has not arrived yet.
   */
  public boolean isFirstCode() {
    return streamVersion == 1 && (reason == CodeReason.INITIAL || reason == CodeReason.DIRECTORY);
  }

  /**
   * The email the change calls for: the invitation for a first code (and nothing else, even with
   * "Save and email"); a regenerated code always, since the user did not ask for it and their old
   * one stopped working; any other change only when the admin chose "Save and email".
   */
  public Optional<MailKind> email() {
    if (isFirstCode()) {
      return Optional.of(MailKind.INVITATION);
    }
    if (reason == CodeReason.REGENERATED_AFTER_SOURCE_REMOVAL) {
      return Optional.of(MailKind.CODE_REGENERATED);
    }
    return notifyUser ? Optional.of(MailKind.CODE_CHANGED) : Optional.empty();
  }
}
