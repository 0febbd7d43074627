package io.lanyard.identity.domain;

/** What happened to a user; the stream of one user is the user. */
public sealed interface UserEvent
    permits UserEvent.Created,
        UserEvent.Updated,
        UserEvent.Suspended,
        UserEvent.Reactivated,
        UserEvent.Deleted,
        UserEvent.Erased {

  /**
   * {@code window}: a guest's; null for a person. {@code firstCodeFollows}: the creator (a CSV
   * import) hands the user's first code or card to credential-service itself, which then generates
   * none on this event.
   */
  record Created(
      String userId,
      String tenantId,
      String username,
      String displayName,
      String email,
      String orgUnit,
      String locale,
      Origin origin,
      String externalId,
      UserKind kind,
      GuestWindow window,
      boolean firstCodeFollows)
      implements UserEvent {

    /** A user whose first code credential-service generates (every creation but an import's). */
    public Created(
        String userId,
        String tenantId,
        String username,
        String displayName,
        String email,
        String orgUnit,
        String locale,
        Origin origin,
        String externalId,
        UserKind kind,
        GuestWindow window) {
      this(
          userId,
          tenantId,
          username,
          displayName,
          email,
          orgUnit,
          locale,
          origin,
          externalId,
          kind,
          window,
          false);
    }
  }

  /**
   * The profile after the change (all of it, so a consumer needs no earlier state), and a guest's
   * window after it (null for a person).
   */
  record Updated(
      String userId,
      String tenantId,
      String username,
      String displayName,
      String email,
      String orgUnit,
      String locale,
      GuestWindow window)
      implements UserEvent {}

  /** {@code reason}: null in events from before reasons were recorded. */
  record Suspended(String userId, String tenantId, SuspendReason reason) implements UserEvent {}

  record Reactivated(String userId, String tenantId) implements UserEvent {}

  /** {@code reason}: null in events from before reasons were recorded. */
  record Deleted(String userId, String tenantId, DeleteReason reason) implements UserEvent {}

  /**
   * A deleted user's data key was destroyed (ADR 7): what was sealed under it can no longer be
   * opened. {@code erasedBy}: the admin's subject. The last event of a user's stream.
   */
  record Erased(String userId, String tenantId, String erasedBy) implements UserEvent {}
}
