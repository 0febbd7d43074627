package io.lanyard.directory.domain;

import io.lanyard.directory.domain.google.SyncedUser;
import io.lanyard.directory.domain.scim.ScimName;
import java.util.List;
import java.util.Objects;

/**
 * Whether a directory provisions a user (stream: the user id), and under which of its ids. Linking
 * an already linked user, or unlinking an unlinked one, records nothing.
 *
 * <p>A SCIM link also keeps what the client sent that identity-service does not keep: whether it
 * gave an externalId at all (RFC 7643 §3.1: the service provider never makes one up, so a user
 * keyed by their userName shows none) and the name's parts.
 *
 * @param externalIdGiven false when {@code externalId} is only Lanyard's key for the user
 * @param name the SCIM client's name of the user; {@link ScimName#NONE} when none was given
 */
public record DirectoryLink(String externalId, boolean externalIdGiven, ScimName name) {

  /** The directory that provisions the user. */
  public enum Source {
    SCIM,
    GOOGLE
  }

  /** What happens to a user's link to a directory. */
  public sealed interface Event {
    record DirectoryUserLinked(
        String tenantId,
        String userId,
        Source source,
        String externalId,
        boolean externalIdGiven,
        ScimName name)
        implements Event {

      /** A link that carries no SCIM attributes (Google's). */
      public DirectoryUserLinked(String tenantId, String userId, Source source, String externalId) {
        this(tenantId, userId, source, externalId, true, ScimName.NONE);
      }
    }

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
    DirectoryLink link = new DirectoryLink(null, true, ScimName.NONE);
    for (Event event : events) {
      if (event instanceof Event.DirectoryUserLinked linked) {
        link = new DirectoryLink(linked.externalId(), linked.externalIdGiven(), linked.name());
      } else if (event instanceof Event.DirectoryUserUnlinked) {
        link = new DirectoryLink(null, true, ScimName.NONE);
      }
    }
    return link;
  }

  public List<Event> link(String tenantId, String userId, Source source, String externalId) {
    return link(tenantId, userId, source, externalId, true, ScimName.NONE);
  }

  /**
   * A link as a SCIM client's write leaves it: recorded again whenever the key, whether the client
   * gave it, or the name's parts change.
   */
  public List<Event> link(
      String tenantId,
      String userId,
      Source source,
      String externalId,
      boolean externalIdGiven,
      ScimName name) {
    ScimName kept = name == null ? ScimName.NONE : name;
    return externalId.equals(this.externalId)
            && externalIdGiven == this.externalIdGiven
            && Objects.equals(kept, this.name)
        ? List.of()
        : List.of(
            new Event.DirectoryUserLinked(
                tenantId, userId, source, externalId, externalIdGiven, kept));
  }

  /**
   * What a SCIM write leaves of the link: the externalId the client gave (null: the one linked
   * stays; a new user is keyed by their userName, shown as no externalId) and the name as it now
   * is. A user no SCIM client gave an externalId or a name stays unlinked.
   */
  public List<Event> scim(
      String tenantId, String userId, String givenExternalId, String userName, ScimName name) {
    ScimName kept = name == null ? ScimName.NONE : name;
    if (givenExternalId != null) {
      return link(tenantId, userId, Source.SCIM, givenExternalId, true, kept);
    }
    if (externalId != null) {
      return link(tenantId, userId, Source.SCIM, externalId, externalIdGiven, kept);
    }
    return kept.isEmpty() ? List.of() : link(tenantId, userId, Source.SCIM, userName, false, kept);
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
