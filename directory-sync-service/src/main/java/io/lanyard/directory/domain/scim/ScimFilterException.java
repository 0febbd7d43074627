package io.lanyard.directory.domain.scim;

/** A filter that is not SCIM's grammar (RFC 7644 §3.4.2.2): answered 400 {@code invalidFilter}. */
public final class ScimFilterException extends RuntimeException {

  private final int position;

  public ScimFilterException(String message, int position) {
    super(message + " at position " + position);
    this.position = position;
  }

  public int position() {
    return position;
  }
}
