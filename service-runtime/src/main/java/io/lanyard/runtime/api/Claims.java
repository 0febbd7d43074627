package io.lanyard.runtime.api;

import org.eclipse.microprofile.jwt.JsonWebToken;

/** A token's claims as plain text: the one way every service reads them. */
public final class Claims {

  private Claims() {}

  /**
   * The claim's value as text, or null. Claims may come back as JSON values whose text form is
   * quoted; the quotes are not part of the value.
   */
  public static String text(JsonWebToken token, String name) {
    Object value = token.getClaim(name);
    return value == null ? null : value.toString().replace("\"", "");
  }
}
