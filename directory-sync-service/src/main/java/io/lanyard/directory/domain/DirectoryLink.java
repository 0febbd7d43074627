package io.lanyard.directory.domain;

import io.lanyard.directory.domain.google.SyncedUser;
import java.util.List;

/**
 * Whether a directory provisions a user (stream: the user id), and under which of its ids. Linking
 * an already linked user, or unlinking an unlinked one, records nothing.
 */
public record DirectoryLink(String externalId) {

  /** What happens to a user's link to a directory. */
  public sealed interface Event {
    record DirectoryUserLinked(String tenantId, String userId, String source, String externalId)
        implements Event {}

    record DirectoryUserUnlinked(String tenantId, String userId, String source, String reason)
        implements Event {}

    /** What a Google run last applied to the user (see {@code SyncedUser}). */
    record DirectoryUserSynced(
        String tenantId,
        String userId,
        String source,
        String externalId,
        String profileFingerprint,
        boolean suspended,
        String codeDigest,
        String cardDigest)
        implements Event {}
  }

  public static DirectoryLink fold(List<Event> events) {
    String linked = null;
    for (Event event : events) {
      if (event instanceof Event.DirectoryUserLinked link) {
        linked = link.externalId();
      } else if (event instanceof Event.DirectoryUserUnlinked) {
        linked = null;
      }
    }
    return new DirectoryLink(linked);
  }

  public List<Event> link(String tenantId, String userId, String source, String externalId) {
    return externalId.equals(this.externalId)
        ? List.of()
        : List.of(new Event.DirectoryUserLinked(tenantId, userId, source, externalId));
  }

  /** A Google run's record of what it applied; the user is linked by the same run if new. */
  public List<Event> synced(String tenantId, SyncedUser applied) {
    List<Event> events =
        new java.util.ArrayList<>(link(tenantId, applied.userId(), "google", applied.googleId()));
    events.add(
        new Event.DirectoryUserSynced(
            tenantId,
            applied.userId(),
            "google",
            applied.googleId(),
            applied.profileFingerprint(),
            applied.suspended(),
            applied.codeDigest(),
            applied.cardDigest()));
    return events;
  }

  public List<Event> unlink(String tenantId, String userId, String source) {
    return externalId == null
        ? List.of()
        : List.of(new Event.DirectoryUserUnlinked(tenantId, userId, source, "deleted"));
  }
}
