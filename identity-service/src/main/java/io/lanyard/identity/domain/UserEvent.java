package io.lanyard.identity.domain;

/** What happened to a user; the stream of one user is the user. */
public sealed interface UserEvent
    permits UserEvent.Created,
        UserEvent.Updated,
        UserEvent.Suspended,
        UserEvent.Reactivated,
        UserEvent.Deleted {

  record Created(
      String userId,
      String tenantId,
      String username,
      String displayName,
      String email,
      String orgUnit,
      String locale,
      Origin origin,
      String externalId)
      implements UserEvent {}

  /** The profile after the change (all of it, so a consumer needs no earlier state). */
  record Updated(
      String userId,
      String tenantId,
      String username,
      String displayName,
      String email,
      String orgUnit,
      String locale)
      implements UserEvent {}

  record Suspended(String userId, String tenantId) implements UserEvent {}

  record Reactivated(String userId, String tenantId) implements UserEvent {}

  record Deleted(String userId, String tenantId) implements UserEvent {}
}
