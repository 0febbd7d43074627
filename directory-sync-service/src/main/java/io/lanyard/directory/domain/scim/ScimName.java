package io.lanyard.directory.domain.scim;

/**
 * A User's {@code name} (RFC 7643 §4.1.1) as the SCIM client gave it: identity-service keeps one
 * display name, so the parts are this service's to keep and return as sent. Each part is null when
 * not given.
 */
public record ScimName(
    String formatted,
    String givenName,
    String familyName,
    String middleName,
    String honorificPrefix,
    String honorificSuffix) {

  public static final ScimName NONE = new ScimName(null, null, null, null, null, null);

  /** The sub-attributes, in RFC 7643's order, by the names SCIM gives them. */
  public enum Part {
    FORMATTED("formatted"),
    GIVEN_NAME("givenName"),
    FAMILY_NAME("familyName"),
    MIDDLE_NAME("middleName"),
    HONORIFIC_PREFIX("honorificPrefix"),
    HONORIFIC_SUFFIX("honorificSuffix");

    private final String attribute;

    Part(String attribute) {
      this.attribute = attribute;
    }

    public String attribute() {
      return attribute;
    }

    /** The part a sub-attribute names, in any case; null for none. */
    public static Part named(String name) {
      for (Part part : values()) {
        if (part.attribute.equalsIgnoreCase(name)) {
          return part;
        }
      }
      return null;
    }
  }

  public boolean isEmpty() {
    return equals(NONE);
  }

  public String get(Part part) {
    return switch (part) {
      case FORMATTED -> formatted;
      case GIVEN_NAME -> givenName;
      case FAMILY_NAME -> familyName;
      case MIDDLE_NAME -> middleName;
      case HONORIFIC_PREFIX -> honorificPrefix;
      case HONORIFIC_SUFFIX -> honorificSuffix;
    };
  }

  /** This name with one part set (null removes it); the others as they are. */
  public ScimName with(Part part, String value) {
    return new ScimName(
        part == Part.FORMATTED ? value : formatted,
        part == Part.GIVEN_NAME ? value : givenName,
        part == Part.FAMILY_NAME ? value : familyName,
        part == Part.MIDDLE_NAME ? value : middleName,
        part == Part.HONORIFIC_PREFIX ? value : honorificPrefix,
        part == Part.HONORIFIC_SUFFIX ? value : honorificSuffix);
  }

  /** A display name made of the name: the formatted one, else the parts a person reads. */
  public String displayable() {
    if (formatted != null && !formatted.isBlank()) {
      return formatted;
    }
    StringBuilder parts = new StringBuilder();
    for (String part : new String[] {honorificPrefix, givenName, middleName, familyName}) {
      if (part != null && !part.isBlank()) {
        parts.append(parts.isEmpty() ? "" : " ").append(part.strip());
      }
    }
    if (honorificSuffix != null && !honorificSuffix.isBlank() && !parts.isEmpty()) {
      parts.append(", ").append(honorificSuffix.strip());
    }
    return parts.isEmpty() ? null : parts.toString();
  }
}
