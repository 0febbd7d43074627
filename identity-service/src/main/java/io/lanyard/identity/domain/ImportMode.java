package io.lanyard.identity.domain;

import io.lanyard.kernel.DomainException;
import java.util.Locale;

/**
 * How an import treats a bad line: {@code ALL_OR_NOTHING} checks every line first and writes
 * nothing if one is bad; {@code PER_LINE} creates the good lines and reports the bad ones.
 */
public enum ImportMode {
  ALL_OR_NOTHING,
  PER_LINE;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ImportMode fromWire(String value) {
    for (ImportMode mode : values()) {
      if (mode.wire().equals(value)) {
        return mode;
      }
    }
    throw DomainException.invalid("invalid_parameter", "mode must be all_or_nothing or per_line");
  }
}
