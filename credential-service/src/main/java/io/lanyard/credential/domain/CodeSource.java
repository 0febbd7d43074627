package io.lanyard.credential.domain;

import java.util.Locale;

/**
 * Where a user's current code came from, coarser than its {@link CodeReason}: an admin cares
 * whether someone chose it, not why it was generated.
 */
public enum CodeSource {
  GENERATED,
  ADMIN,
  DIRECTORY;

  /** As the API names it: {@code generated}, {@code admin}, {@code directory}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
