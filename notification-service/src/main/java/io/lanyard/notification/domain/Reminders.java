package io.lanyard.notification.domain;

import java.util.Optional;
import java.util.UUID;

/**
 * Who is sent their code again, and where. A reminder goes only to an active user who has a code;
 * anything else is sent nothing and leaves no trace, so asking for an address at a device tells
 * nobody whether it is a user's.
 */
public final class Reminders {

  /** The user a reminder is asked for, as far as the projection knows them. */
  public record Candidate(UUID userId, boolean active, boolean hasCode) {}

  /**
   * A reminder owed.
   *
   * @param address where it goes; null: the user's own address as it is when the email is sent
   */
  public record Reminder(UUID userId, String address) {}

  private Reminders() {}

  /**
   * Someone at a device asked for the code of {@code address}: sent to that address only (never to
   * another address of the user), if it is an active user's.
   */
  public static Optional<Reminder> forAddress(String address, Optional<Candidate> owner) {
    return owner.filter(Reminders::mayBeReminded).map(user -> new Reminder(user.userId(), address));
  }

  /** A signed-in user asked for their own code: sent to their own address, while active. */
  public static Optional<Reminder> forSignedInUser(Optional<Candidate> user) {
    return user.filter(Reminders::mayBeReminded).map(found -> new Reminder(found.userId(), null));
  }

  private static boolean mayBeReminded(Candidate user) {
    return user.active() && user.hasCode();
  }
}
