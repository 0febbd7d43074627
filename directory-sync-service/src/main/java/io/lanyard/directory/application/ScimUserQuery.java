package io.lanyard.directory.application;

import com.unboundid.scim2.common.filters.Filter;
import io.lanyard.directory.domain.scim.AttributePath;
import io.lanyard.directory.domain.scim.ScimAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A search of a tenant's users as RFC 7644 §3.4.2 describes it, planned: which of its users the
 * filter keeps (the database answers it: {@link ScimUserStore#search}), which page of them, and
 * which attributes each shows.
 *
 * @param filter null for every user; as {@link ScimFilters#parse} answers it (the core schema's URN
 *     dropped from its paths)
 * @param startIndex 1-based, at least 1
 * @param count at most {@link #MAX_COUNT}, at least 0
 */
public record ScimUserQuery(
    Filter filter,
    int startIndex,
    int count,
    List<AttributePath> attributes,
    List<AttributePath> excludedAttributes) {

  public static final int DEFAULT_COUNT = 100;
  public static final int MAX_COUNT = 200;

  /** The page of a search: how many users matched, and those on the page, trimmed. */
  public record Page(int totalResults, int startIndex, List<Map<String, Object>> resources) {}

  /**
   * The query a list request's parameters ask for (each null when not given).
   *
   * @throws ScimException 400 {@code invalidFilter} for a filter that is not RFC 7644's or names an
   *     attribute {@link ScimUserAttribute} does not list, 400 {@code invalidValue} for a number or
   *     attribute list that is not one
   */
  public static ScimUserQuery plan(
      String filter,
      String startIndex,
      String count,
      String attributes,
      String excludedAttributes) {
    Filter parsed = filter == null ? null : ScimFilters.parse(filter);
    if (parsed != null) {
      ScimUserAttribute.check(parsed);
    }
    int start = Math.max(1, number(startIndex, 1, "startIndex"));
    int size = Math.min(MAX_COUNT, Math.max(0, number(count, DEFAULT_COUNT, "count")));
    return new ScimUserQuery(
        parsed,
        start,
        size,
        attributeList(attributes, "attributes"),
        attributeList(excludedAttributes, "excludedAttributes"));
  }

  /**
   * The page the database found, each resource trimmed to the attributes asked. A total beyond an
   * int (no tenant has that many users) is shown as the largest int.
   */
  public Page page(long total, List<Map<String, Object>> found) {
    List<Map<String, Object>> page = new ArrayList<>();
    for (Map<String, Object> document : found) {
      page.add(ScimAttributes.select(document, attributes, excludedAttributes));
    }
    return new Page((int) Math.min(Integer.MAX_VALUE, total), startIndex, page);
  }

  /**
   * {@code startIndex} or {@code count}: a whole number; below the range RFC 7644 §3.4.2.4 gives
   * them is read as its lowest value (the plan clamps), beyond an int is refused.
   */
  static int number(String value, int otherwise, String name) {
    if (value == null || value.isBlank()) {
      return otherwise;
    }
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new ScimException(
          400, "invalidValue", name + " is a whole number up to " + Integer.MAX_VALUE);
    }
  }

  /** {@code attributes} or {@code excludedAttributes}: attribute paths, comma separated. */
  public static List<AttributePath> attributeList(String value, String name) {
    try {
      return ScimAttributes.parseList(value);
    } catch (IllegalArgumentException malformed) {
      throw new ScimException(400, "invalidValue", name + ": " + malformed.getMessage());
    }
  }
}
