package io.lanyard.identity.domain;

/**
 * Why a user was suspended: so that consumers (and the user's history) can tell an admin's decision
 * from the directory's and from a guest's window running out.
 */
public enum SuspendReason {
  ADMIN,
  DIRECTORY,
  GUEST_WINDOW_ENDED
}
