package io.lanyard.directory.application;

import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.filters.ComplexValueFilter;
import com.unboundid.scim2.common.filters.Filter;
import java.util.Locale;

/**
 * The User attributes a filter may name: exactly those {@code /Schemas} lists (and {@code id},
 * {@code meta}), each as this server keeps it. Any other attribute is refused (400 {@code
 * invalidFilter}) rather than matched against nothing: a client filtering on {@code title} learns
 * that Lanyard does not keep titles.
 */
public enum ScimUserAttribute {
  ID("id", Kind.ID),
  USER_NAME("userName", Kind.TEXT),
  EXTERNAL_ID("externalId", Kind.EXACT_TEXT),
  DISPLAY_NAME("displayName", Kind.TEXT),
  NAME_FORMATTED("name.formatted", Kind.TEXT),
  GIVEN_NAME("name.givenName", Kind.TEXT),
  FAMILY_NAME("name.familyName", Kind.TEXT),
  MIDDLE_NAME("name.middleName", Kind.TEXT),
  HONORIFIC_PREFIX("name.honorificPrefix", Kind.TEXT),
  HONORIFIC_SUFFIX("name.honorificSuffix", Kind.TEXT),
  EMAIL("emails.value", Kind.TEXT),
  /** Lanyard keeps one email, the work one: its type is always {@code work}. */
  EMAIL_TYPE("emails.type", Kind.CONSTANT_TEXT),
  /** ... and it is always primary. */
  EMAIL_PRIMARY("emails.primary", Kind.CONSTANT_TRUE),
  PREFERRED_LANGUAGE("preferredLanguage", Kind.TEXT),
  ACTIVE("active", Kind.BOOLEAN),
  CREATED("meta.created", Kind.DATE_TIME),
  LAST_MODIFIED("meta.lastModified", Kind.DATE_TIME),
  RESOURCE_TYPE("meta.resourceType", Kind.CONSTANT_TEXT);

  /** How an attribute's values compare (RFC 7644 §3.4.2.2). */
  public enum Kind {
    /** A UUID, compared case-exactly as its text. */
    ID,
    /** A string compared ignoring case. */
    TEXT,
    /** A string compared exactly (RFC 7643 §3.1: externalId is caseExact). */
    EXACT_TEXT,
    BOOLEAN,
    DATE_TIME,
    /** The same string for every user ({@link #constant}). */
    CONSTANT_TEXT,
    /** {@code true} for every user. */
    CONSTANT_TRUE
  }

  private final String path;
  private final Kind kind;

  ScimUserAttribute(String path, Kind kind) {
    this.path = path;
    this.kind = kind;
  }

  public String path() {
    return path;
  }

  public Kind kind() {
    return kind;
  }

  /** The value every user has, for the constant attributes. */
  public String constant() {
    return switch (this) {
      case EMAIL_TYPE -> "work";
      case RESOURCE_TYPE -> "User";
      case EMAIL_PRIMARY -> "true";
      default -> throw new IllegalStateException(path + " is no constant");
    };
  }

  /**
   * The attribute a filter's path names (schema URN of the core User already dropped by {@link
   * ScimFilterRules}), without its value filter.
   *
   * @param within the complex attribute of the value filter the path is inside ({@code emails} in
   *     {@code emails[type eq "work"]}), or null
   * @throws ScimException 400 {@code invalidFilter} for any other attribute
   */
  public static ScimUserAttribute of(Path path, String within) {
    if (path.getSchemaUrn() != null) {
      throw ScimFilters.invalid(
          "filters on "
              + path.getSchemaUrn()
              + " are not supported: its attributes are write-only");
    }
    String top = path.getElement(0).getAttribute();
    String sub = path.size() > 1 ? path.getElement(1).getAttribute() : null;
    if (within != null) {
      if (sub != null) {
        throw ScimFilters.invalid("not an attribute of " + within + ": " + path);
      }
      return named(within, top, path);
    }
    return named(top, sub, path);
  }

  private static ScimUserAttribute named(String top, String sub, Path shown) {
    String attribute = top.toLowerCase(Locale.ROOT);
    String part = sub == null ? null : sub.toLowerCase(Locale.ROOT);
    ScimUserAttribute found =
        switch (attribute) {
          case "id" -> part == null ? ID : null;
          case "username" -> part == null ? USER_NAME : null;
          case "externalid" -> part == null ? EXTERNAL_ID : null;
          case "displayname" -> part == null ? DISPLAY_NAME : null;
          case "preferredlanguage" -> part == null ? PREFERRED_LANGUAGE : null;
          case "active" -> part == null ? ACTIVE : null;
          case "name" -> part == null ? null : namePart(part);
          case "emails" ->
              part == null
                  ? EMAIL
                  : switch (part) {
                    case "value" -> EMAIL;
                    case "type" -> EMAIL_TYPE;
                    case "primary" -> EMAIL_PRIMARY;
                    default -> null;
                  };
          case "meta" ->
              part == null
                  ? null
                  : switch (part) {
                    case "created" -> CREATED;
                    case "lastmodified" -> LAST_MODIFIED;
                    case "resourcetype" -> RESOURCE_TYPE;
                    default -> null;
                  };
          default -> null;
        };
    if (found == null) {
      throw ScimFilters.invalid(
          "filters on "
              + shown
              + " are not supported: Lanyard filters on the attributes /Schemas lists"
              + " (userName, externalId, displayName, name.*, emails.value, preferredLanguage,"
              + " active), id and meta.created/lastModified");
    }
    return found;
  }

  private static ScimUserAttribute namePart(String part) {
    for (ScimUserAttribute attribute : values()) {
      if (attribute.path.toLowerCase(Locale.ROOT).equals("name." + part)) {
        return attribute;
      }
    }
    return null;
  }

  /**
   * Checks that every attribute a filter names is one of these, so a filter is refused when it is
   * read, whether or not the tenant has users.
   *
   * @throws ScimException 400 {@code invalidFilter}
   */
  public static void check(Filter filter) {
    check(filter, null);
  }

  private static void check(Filter filter, String within) {
    if (filter.isCombiningFilter()) {
      filter.getCombinedFilters().forEach(each -> check(each, within));
    } else if (filter.isNotFilter()) {
      check(filter.getInvertedFilter(), within);
    } else if (filter instanceof ComplexValueFilter complex) {
      check(complex.getValueFilter(), complexAttribute(complex.getAttributePath(), within));
    } else {
      Path path = filter.getAttributePath();
      if (within == null && path.getElement(0).getValueFilter() != null) {
        check(path.getElement(0).getValueFilter(), complexAttribute(path, null));
      }
      of(path, within);
    }
  }

  /** The attribute a value filter is about: emails or name, by itself. */
  static String complexAttribute(Path path, String within) {
    String name = path.getElement(0).getAttribute();
    if (within != null
        || path.getSchemaUrn() != null
        || (path.size() > 1 && path.getElement(1).getValueFilter() != null)
        || !(name.equalsIgnoreCase("emails") || name.equalsIgnoreCase("name"))) {
      throw ScimFilters.invalid(
          "filters on "
              + path
              + " are not supported: a value filter is on emails or name, not inside another");
    }
    return name;
  }
}
