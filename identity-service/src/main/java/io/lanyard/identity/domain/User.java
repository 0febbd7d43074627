package io.lanyard.identity.domain;

import io.lanyard.kernel.DomainException;
import io.lanyard.kernel.Text;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A user as its events make it, and the decisions it takes. {@link #NONE} is the state before the
 * first event. A guest ({@link UserKind#GUEST}) has a {@link GuestWindow}; a person has none.
 */
public record User(
    String id,
    String tenantId,
    UserProfile profile,
    UserStatus status,
    Origin origin,
    String externalId,
    UserKind kind,
    GuestWindow window) {

  /** A directory's id for a user (Entra's object id, Google's numeric id): short, one line. */
  public static final int MOST_IN_AN_EXTERNAL_ID = 256;

  public static String checkExternalId(String externalId) {
    return Text.checked("externalId", externalId, MOST_IN_AN_EXTERNAL_ID);
  }

  public static final User NONE =
      new User(null, null, null, UserStatus.NONE, null, null, UserKind.PERSON, null);

  public boolean exists() {
    return status == UserStatus.ACTIVE || status == UserStatus.SUSPENDED;
  }

  public boolean isGuest() {
    return kind == UserKind.GUEST;
  }

  public User evolve(UserEvent event) {
    if (event instanceof UserEvent.Created e) {
      return new User(
          e.userId(),
          e.tenantId(),
          profileOf(e.username(), e.displayName(), e.email(), e.orgUnit(), e.locale()),
          UserStatus.ACTIVE,
          e.origin(),
          e.externalId(),
          e.kind(),
          e.window());
    }
    if (event instanceof UserEvent.Updated e) {
      return new User(
          id,
          tenantId,
          profileOf(e.username(), e.displayName(), e.email(), e.orgUnit(), e.locale()),
          status,
          origin,
          externalId,
          kind,
          isGuest() ? e.window() : null);
    }
    if (event instanceof UserEvent.Suspended) {
      return withStatus(UserStatus.SUSPENDED);
    }
    if (event instanceof UserEvent.Reactivated) {
      return withStatus(UserStatus.ACTIVE);
    }
    if (event instanceof UserEvent.Erased) {
      return withStatus(UserStatus.ERASED);
    }
    return withStatus(UserStatus.DELETED);
  }

  /**
   * The profile an event says; none when its person's data no longer opens (an erased user, ADR 7),
   * which only an erased user's history reads that way and no decision of theirs needs.
   */
  private static UserProfile profileOf(
      String username, String displayName, String email, String orgUnit, String locale) {
    if (username == null) {
      return null;
    }
    return new UserProfile(username, displayName, email, orgUnit, locale);
  }

  public static User fold(List<UserEvent> events) {
    User user = NONE;
    for (UserEvent event : events) {
      user = user.evolve(event);
    }
    return user;
  }

  /** A person (a directory's or an admin's). */
  public static List<UserEvent> create(
      String userId, String tenantId, UserProfile profile, Origin origin, String externalId) {
    return create(userId, tenantId, profile, origin, externalId, UserKind.PERSON, null);
  }

  /**
   * A user of either kind; {@code window} is a guest's (see {@link GuestWindow#forKind}), null for
   * a person. Guests are an admin's: a directory's users are people.
   */
  public static List<UserEvent> create(
      String userId,
      String tenantId,
      UserProfile profile,
      Origin origin,
      String externalId,
      UserKind kind,
      GuestWindow window) {
    return create(userId, tenantId, profile, origin, externalId, kind, window, false);
  }

  /**
   * An imported person: an admin's, as {@link #create} makes one, whose first code (or card) comes
   * from the import when {@code firstCodeFollows}.
   */
  public static List<UserEvent> imported(
      String userId, String tenantId, UserProfile profile, boolean firstCodeFollows) {
    return create(
        userId, tenantId, profile, Origin.MANUAL, null, UserKind.PERSON, null, firstCodeFollows);
  }

  private static List<UserEvent> create(
      String userId,
      String tenantId,
      UserProfile profile,
      Origin origin,
      String externalId,
      UserKind kind,
      GuestWindow window,
      boolean firstCodeFollows) {
    if (origin != Origin.MANUAL && (externalId == null || externalId.isBlank())) {
      throw DomainException.invalidField("externalId", "is required for users from a directory");
    }
    checkExternalId(externalId);
    if ((kind == UserKind.GUEST) != (window != null)) {
      throw new IllegalArgumentException("a guest has a window, a person none");
    }
    if (kind == UserKind.GUEST && origin != Origin.MANUAL) {
      throw InvalidField.because("kind: a directory's users are people, not guests");
    }
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
            externalId,
            kind,
            window,
            firstCodeFollows));
  }

  /** A changed profile is an event; the same profile again changes nothing. */
  public List<UserEvent> update(UserProfile changed) {
    return update(UserEdit.profileOnly(changed), null);
  }

  /**
   * A change of the profile and, for a guest, of the window (checked against {@code now}); one
   * event carrying both after the change, or none if nothing changes. A person has no window to
   * change. Extending an ended guest's window does not reactivate them: the admin does.
   */
  public List<UserEvent> update(UserEdit edit, Instant now) {
    requireExists();
    GuestWindow windowAfter = window;
    if (!edit.window().isEmpty()) {
      if (!isGuest()) {
        throw InvalidField.because("validFrom, validUntil: only a guest has a window");
      }
      windowAfter = window.edited(edit.window(), now);
    }
    if (profile.sameAs(edit.profile()) && Objects.equals(window, windowAfter)) {
      return List.of();
    }
    UserProfile changed = edit.profile();
    return List.of(
        new UserEvent.Updated(
            id,
            tenantId,
            changed.username(),
            changed.displayName(),
            changed.email(),
            changed.orgUnit(),
            changed.locale(),
            windowAfter));
  }

  public List<UserEvent> suspend(SuspendReason reason) {
    requireExists();
    return status == UserStatus.SUSPENDED
        ? List.of()
        : List.of(new UserEvent.Suspended(id, tenantId, reason));
  }

  /**
   * A guest whose window has ended at {@code now} may not be reactivated: the admin extends the
   * window first (a guest's window is what lets them print, and reactivating past it would be
   * undone by the next scheduler pass).
   */
  public List<UserEvent> reactivate(Instant now) {
    requireExists();
    if (isGuest() && window.endedAt(now)) {
      throw DomainException.conflict(
          "guest_window_ended",
          "the guest's window ended at "
              + window.validUntil()
              + "; extend validUntil before reactivating");
    }
    return status == UserStatus.ACTIVE
        ? List.of()
        : List.of(new UserEvent.Reactivated(id, tenantId));
  }

  public List<UserEvent> delete(DeleteReason reason) {
    requireExists();
    return List.of(new UserEvent.Deleted(id, tenantId, reason));
  }

  /**
   * Erasure (ADR 7): only a deleted user may be erased, once; erasing again decides nothing. A user
   * that exists is refused (delete first); one that never did, or another tenant's, is not found.
   */
  public List<UserEvent> erase(String erasedBy) {
    return switch (status) {
      case DELETED -> List.of(new UserEvent.Erased(id, tenantId, erasedBy));
      case ERASED -> List.of();
      case ACTIVE, SUSPENDED ->
          throw DomainException.conflict(
              "user_not_deleted", "only a deleted user can be erased; delete the user first");
      case NONE -> throw DomainException.notFound("user");
    };
  }

  /**
   * The scheduler's first deadline: an active guest whose window has ended at {@code now} is
   * suspended. Anything else (a person, a guest still inside the window, one already suspended or
   * deleted, a user that does not exist) decides nothing, so a deadline seen again by another pass
   * or replica is acted on once.
   */
  public List<UserEvent> suspendIfWindowEnded(Instant now) {
    if (!isGuest() || status != UserStatus.ACTIVE || !window.endedAt(now)) {
      return List.of();
    }
    return List.of(new UserEvent.Suspended(id, tenantId, SuspendReason.GUEST_WINDOW_ENDED));
  }

  /**
   * The scheduler's second deadline: a guest (active or suspended) is deleted once the tenant's
   * retention after the window's end has passed; as above, anything else decides nothing.
   */
  public List<UserEvent> deleteIfRetentionEnded(Instant now, TenantSettings settings) {
    if (!isGuest() || !exists() || !window.retentionEndedAt(now, settings)) {
      return List.of();
    }
    return List.of(new UserEvent.Deleted(id, tenantId, DeleteReason.GUEST_RETENTION));
  }

  private void requireExists() {
    if (!exists()) {
      throw DomainException.notFound("user");
    }
  }

  private User withStatus(UserStatus changed) {
    return new User(id, tenantId, profile, changed, origin, externalId, kind, window);
  }
}
