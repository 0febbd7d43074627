package io.lanyard.directory.domain;

import io.lanyard.directory.domain.google.SyncedUser;
import java.util.List;

/**
 * Whether a directory provisions a user (stream: the user id), and under which of its ids. Linking
 * an already linked user, or unlinking an unlinked one, records nothing.
 */
public record DirectoryLink(String externalId) {

  /** The directory that provisions the user. */
  public enum Source {
    SCIM,
    GOOGLE
  }

  /** What happens to a user's link to a directory. */
  public sealed interface Event {
    record DirectoryUserLinked(String tenantId, String userId, Source source, String externalId)
        implements Event {}

    /** The directory deleted the user (or they were deleted here through it). */
    record DirectoryUserUnlinked(String tenantId, String userId, Source source) implements Event {}

    /** What a Google run last applied to the user (see {@code SyncedUser}); only Google syncs. */
    record DirectoryUserSynced(
        String tenantId,
        String userId,
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

  public List<Event> link(String tenantId, String userId, Source source, String externalId) {
    return externalId.equals(this.externalId)
        ? List.of()
        : List.of(new Event.DirectoryUserLinked(tenantId, userId, source, externalId));
  }

  /** A Google run's record of what it applied; the user is linked by the same run if new. */
  public List<Event> synced(String tenantId, SyncedUser applied) {
    List<Event> events =
        new java.util.ArrayList<>(
            link(tenantId, applied.userId(), Source.GOOGLE, applied.googleId()));
    events.add(
        new Event.DirectoryUserSynced(
            tenantId,
            applied.userId(),
            applied.googleId(),
            applied.profileFingerprint(),
            applied.suspended(),
            applied.codeDigest(),
            applied.cardDigest()));
    return events;
  }

  public List<Event> unlink(String tenantId, String userId, Source source) {
    return externalId == null
        ? List.of()
        : List.of(new Event.DirectoryUserUnlinked(tenantId, userId, source));
  }
}
