package io.lanyard.identity.domain;

import java.util.Locale;

/**
 * Where an import is: {@code QUEUED} until its first chunk, {@code RUNNING} after it, then ended:
 * {@code COMPLETED} (every line done, {@code failed} counting the refused ones), {@code FAILED} (an
 * all-or-nothing import with a bad line: nothing written) or {@code CANCELLED} by an admin.
 */
public enum ImportStatus {
  QUEUED,
  RUNNING,
  COMPLETED,
  FAILED,
  CANCELLED;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ImportStatus fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }

  public boolean ended() {
    return this == COMPLETED || this == FAILED || this == CANCELLED;
  }
}
