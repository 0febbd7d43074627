package io.lanyard.identity.domain;

/** Why a user was deleted: an admin, the directory, or a guest's retention running out. */
public enum DeleteReason {
  ADMIN,
  DIRECTORY,
  GUEST_RETENTION
}
