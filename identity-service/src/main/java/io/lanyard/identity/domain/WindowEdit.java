package io.lanyard.identity.domain;

/**
 * The part of a guest's window a change names, as the client wrote it (RFC 3339 text); null: that
 * end stays as it is.
 */
public record WindowEdit(String validFrom, String validUntil) {

  public static final WindowEdit NONE = new WindowEdit(null, null);

  public boolean isEmpty() {
    return validFrom == null && validUntil == null;
  }
}
