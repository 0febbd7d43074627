package io.lanyard.identity.domain;

import java.util.Locale;

public enum UserStatus {
  NONE,
  ACTIVE,
  SUSPENDED,
  DELETED;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
