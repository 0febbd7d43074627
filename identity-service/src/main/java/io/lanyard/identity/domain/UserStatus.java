package io.lanyard.identity.domain;

import java.util.Locale;

public enum UserStatus {
  NONE,
  ACTIVE,
  SUSPENDED,
  DELETED,
  /** Deleted, and then erased: the data key is destroyed (ADR 7). */
  ERASED;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
