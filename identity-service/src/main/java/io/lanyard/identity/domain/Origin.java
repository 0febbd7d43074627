package io.lanyard.identity.domain;

import io.lanyard.kernel.DomainException;
import java.util.Locale;

/** Where a user came from: created by an admin, or provisioned from a directory. */
public enum Origin {
  MANUAL,
  GOOGLE,
  SCIM;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Origin fromWire(String value) {
    for (Origin origin : values()) {
      if (origin.wire().equals(value)) {
        return origin;
      }
    }
    throw DomainException.invalidField("origin", "must be manual, google or scim");
  }
}
