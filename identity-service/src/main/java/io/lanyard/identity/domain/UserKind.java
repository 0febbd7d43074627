package io.lanyard.identity.domain;

import java.util.Locale;

/**
 * What kind of user: a person (staff, students: until someone removes them) or a guest (a visitor
 * or contractor who may print only inside a {@link GuestWindow}).
 */
public enum UserKind {
  PERSON,
  GUEST;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** A kind as a client names it; absent means a person. */
  public static UserKind fromWire(String value) {
    if (value == null) {
      return PERSON;
    }
    for (UserKind kind : values()) {
      if (kind.wire().equals(value)) {
        return kind;
      }
    }
    throw InvalidField.because("kind: must be person or guest");
  }
}
