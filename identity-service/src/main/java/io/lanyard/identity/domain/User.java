package io.lanyard.identity.domain;

import io.lanyard.kernel.DomainException;
import io.lanyard.kernel.Text;
import java.util.List;

/**
 * A user as its events make it, and the decisions it takes. {@link #NONE} is the state before the
 * first event.
 */
public record User(
    String id,
    String tenantId,
    UserProfile profile,
    UserStatus status,
    Origin origin,
    String externalId) {

  /** A directory's id for a user (Entra's object id, Google's numeric id): short, one line. */
  public static final int MOST_IN_AN_EXTERNAL_ID = 256;

  public static String checkExternalId(String externalId) {
    return Text.checked("externalId", externalId, MOST_IN_AN_EXTERNAL_ID);
  }

  public static final User NONE = new User(null, null, null, UserStatus.NONE, null, null);

  public boolean exists() {
    return status == UserStatus.ACTIVE || status == UserStatus.SUSPENDED;
  }

  public User evolve(UserEvent event) {
    if (event instanceof UserEvent.Created e) {
      return new User(
          e.userId(),
          e.tenantId(),
          new UserProfile(e.username(), e.displayName(), e.email(), e.orgUnit(), e.locale()),
          UserStatus.ACTIVE,
          e.origin(),
          e.externalId());
    }
    if (event instanceof UserEvent.Updated e) {
      return withProfile(
          new UserProfile(e.username(), e.displayName(), e.email(), e.orgUnit(), e.locale()));
    }
    if (event instanceof UserEvent.Suspended) {
      return withStatus(UserStatus.SUSPENDED);
    }
    if (event instanceof UserEvent.Reactivated) {
      return withStatus(UserStatus.ACTIVE);
    }
    return withStatus(UserStatus.DELETED);
  }

  public static User fold(List<UserEvent> events) {
    User user = NONE;
    for (UserEvent event : events) {
      user = user.evolve(event);
    }
    return user;
  }

  public static List<UserEvent> create(
      String userId, String tenantId, UserProfile profile, Origin origin, String externalId) {
    if (origin != Origin.MANUAL && (externalId == null || externalId.isBlank())) {
      throw DomainException.invalidField("externalId", "is required for users from a directory");
    }
    checkExternalId(externalId);
    return List.of(
        new UserEvent.Created(
            userId,
            tenantId,
            profile.username(),
            profile.displayName(),
            profile.email(),
            profile.orgUnit(),
            profile.locale(),
            origin,
            externalId));
  }

  /** A changed profile is an event; the same profile again changes nothing. */
  public List<UserEvent> update(UserProfile changed) {
    requireExists();
    if (profile.sameAs(changed)) {
      return List.of();
    }
    return List.of(
        new UserEvent.Updated(
            id,
            tenantId,
            changed.username(),
            changed.displayName(),
            changed.email(),
            changed.orgUnit(),
            changed.locale()));
  }

  public List<UserEvent> suspend() {
    requireExists();
    return status == UserStatus.SUSPENDED
        ? List.of()
        : List.of(new UserEvent.Suspended(id, tenantId));
  }

  public List<UserEvent> reactivate() {
    requireExists();
    return status == UserStatus.ACTIVE
        ? List.of()
        : List.of(new UserEvent.Reactivated(id, tenantId));
  }

  public List<UserEvent> delete() {
    requireExists();
    return List.of(new UserEvent.Deleted(id, tenantId));
  }

  private void requireExists() {
    if (!exists()) {
      throw DomainException.notFound("user");
    }
  }

  private User withProfile(UserProfile changed) {
    return new User(id, tenantId, changed, status, origin, externalId);
  }

  private User withStatus(UserStatus changed) {
    return new User(id, tenantId, profile, changed, origin, externalId);
  }
}
