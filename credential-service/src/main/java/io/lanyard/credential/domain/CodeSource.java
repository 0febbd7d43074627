package io.lanyard.credential.domain;

/**
 * Where a user's current code came from, coarser than its {@link CodeReason}: an admin cares
 * whether someone chose it, not why it was generated.
 */
public enum CodeSource {
  GENERATED,
  ADMIN,
  DIRECTORY
}
