package io.lanyard.credential.domain;

/** Why everything a user held was freed. */
public enum RevokeReason {
  USER_DELETED
}
