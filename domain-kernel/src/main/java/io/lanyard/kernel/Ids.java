package io.lanyard.kernel;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Ids as clients send them. Only the canonical form counts: {@link UUID#fromString} also takes
 * {@code 1-1-1-1-1}, which would let two spellings name one user.
 */
public final class Ids {

  private static final Pattern CANONICAL =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private Ids() {}

  /** The id, or null when the text is none. */
  public static UUID parsed(String text) {
    return text != null && CANONICAL.matcher(text).matches() ? UUID.fromString(text) : null;
  }

  /** An id in a path: text that is no id names nothing there, so the {@code what} is not found. */
  public static UUID named(String text, String what) {
    UUID id = parsed(text);
    if (id == null) {
      throw DomainException.notFound(what);
    }
    return id;
  }

  /** An id in a body or a query: one that is missing or malformed is the client's error. */
  public static UUID field(String text, String field) {
    UUID id = parsed(text);
    if (id == null) {
      throw DomainException.invalidField(field, "is required and must be an id (a UUID)");
    }
    return id;
  }
}
