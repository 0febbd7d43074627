package io.lanyard.directory.domain;

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
  }

  public static DirectoryLink fold(List<Event> events) {
    String linked = null;
    for (Event event : events) {
      linked = event instanceof Event.DirectoryUserLinked link ? link.externalId() : null;
    }
    return new DirectoryLink(linked);
  }

  public List<Event> link(String tenantId, String userId, String source, String externalId) {
    return externalId.equals(this.externalId)
        ? List.of()
        : List.of(new Event.DirectoryUserLinked(tenantId, userId, source, externalId));
  }

  public List<Event> unlink(String tenantId, String userId, String source) {
    return externalId == null
        ? List.of()
        : List.of(new Event.DirectoryUserUnlinked(tenantId, userId, source, "deleted"));
  }
}
