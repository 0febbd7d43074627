package io.lanyard.identity.domain;

import io.lanyard.kernel.DomainException;

/**
 * The refusal issue 22's fields answer with (guest windows, tenant settings): one code, {@code
 * invalid_field}, and a message that starts with the field's name and says what would be right. The
 * value the client sent is never repeated.
 */
public final class InvalidField {

  public static final String CODE = "invalid_field";

  private InvalidField() {}

  public static DomainException because(String message) {
    return DomainException.invalid(CODE, message);
  }
}
