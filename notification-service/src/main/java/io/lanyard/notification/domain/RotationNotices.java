package io.lanyard.notification.domain;

import io.lanyard.notification.domain.Reminders.Candidate;
import java.util.Optional;

/**
 * Who is warned that the tenant's policy will replace their code: an active user who still has a
 * code. A suspended user cannot print with it anyway, and a user without a code has nothing to
 * lose.
 */
public final class RotationNotices {

  private RotationNotices() {}

  public static boolean isOwed(Optional<Candidate> user) {
    return user.filter(found -> found.active() && found.hasCode()).isPresent();
  }
}
