package io.lanyard.directory.domain.scim;

import java.util.Locale;

/**
 * {@code [schema URN ":"] attribute ["." subAttribute]}, the attributes a response shows, e.g.
 * {@code userName}, {@code emails.value}, {@code
 * urn:ietf:params:scim:schemas:core:2.0:User:name.givenName}. Names compare case-insensitively (RFC
 * 7643 §2.1), so they are kept lower-case.
 *
 * @param schema the URN, lower-case, or null
 * @param attribute lower-case
 * @param subAttribute lower-case, or null
 */
public record AttributePath(String schema, String attribute, String subAttribute) {

  /**
   * Parses a path as written in an {@code attributes} parameter.
   *
   * @throws IllegalArgumentException for text that is not an attribute path
   */
  public static AttributePath parse(String text) {
    String schema = null;
    String path = text;
    int colon = text.lastIndexOf(':');
    if (colon >= 0) {
      schema = text.substring(0, colon).toLowerCase(Locale.ROOT);
      path = text.substring(colon + 1);
      if (!schema.startsWith("urn:")) {
        throw new IllegalArgumentException("an attribute's schema is a URN: " + text);
      }
    }
    String attribute = path;
    String sub = null;
    int dot = path.indexOf('.');
    if (dot >= 0) {
      attribute = path.substring(0, dot);
      sub = path.substring(dot + 1);
      if (!validName(sub)) {
        throw new IllegalArgumentException("not a sub-attribute name: " + sub);
      }
    }
    if (!validName(attribute)) {
      throw new IllegalArgumentException("not an attribute name: " + text);
    }
    return new AttributePath(
        schema,
        attribute.toLowerCase(Locale.ROOT),
        sub == null ? null : sub.toLowerCase(Locale.ROOT));
  }

  /** ATTRNAME = ALPHA *(nameChar), nameChar = "-" / "_" / DIGIT / ALPHA (plus "$" as in $ref). */
  private static boolean validName(String name) {
    return name.matches("[A-Za-z$][A-Za-z0-9_$-]*");
  }
}
