package io.lanyard.directory.application;

import com.fasterxml.jackson.databind.node.ValueNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.filters.AndFilter;
import com.unboundid.scim2.common.filters.ComplexValueFilter;
import com.unboundid.scim2.common.filters.ContainsFilter;
import com.unboundid.scim2.common.filters.EndsWithFilter;
import com.unboundid.scim2.common.filters.EqualFilter;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.filters.FilterType;
import com.unboundid.scim2.common.filters.FilterVisitor;
import com.unboundid.scim2.common.filters.GreaterThanFilter;
import com.unboundid.scim2.common.filters.GreaterThanOrEqualFilter;
import com.unboundid.scim2.common.filters.LessThanFilter;
import com.unboundid.scim2.common.filters.LessThanOrEqualFilter;
import com.unboundid.scim2.common.filters.NotEqualFilter;
import com.unboundid.scim2.common.filters.NotFilter;
import com.unboundid.scim2.common.filters.OrFilter;
import com.unboundid.scim2.common.filters.PresentFilter;
import com.unboundid.scim2.common.filters.StartsWithFilter;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What Lanyard asks of a parsed filter beyond UnboundID's parser, checked when the filter is read
 * (a filter is refused whether or not the tenant has users it would be tried on), and the filter
 * rewritten into the form the evaluator and the lookup planner read:
 *
 * <ul>
 *   <li>names are RFC 7643 §2.1's ({@code ALPHA *(nameChar)}), an attribute with at most one
 *       sub-attribute; {@code and or not} are keywords, not names;
 *   <li>{@code null} and booleans compare with {@code eq} and {@code ne} only, numbers not with
 *       {@code co sw ew}; strings hold no control character (no attribute holds one, and the
 *       database refuses NUL: a mistake, not a search);
 *   <li>the core User schema's URN names the core attributes themselves (RFC 7644 §3.10), so it is
 *       dropped from paths;
 *   <li>a multi-valued attribute compared as a whole ({@code emails co "@x"}) compares its values'
 *       {@code value} (RFC 7643 §2.4), as {@code emails.value co "@x"}.
 * </ul>
 */
final class ScimFilterRules implements FilterVisitor<Filter, Void> {

  private static final ScimFilterRules INSTANCE = new ScimFilterRules();

  /** RFC 7643 §4.1.2 and §4.1.3: the User's multi-valued attributes that have a {@code value}. */
  private static final Set<String> MULTI_VALUED =
      Set.of(
          "emails",
          "phonenumbers",
          "ims",
          "photos",
          "groups",
          "entitlements",
          "roles",
          "x509certificates");

  private static final Set<String> KEYWORDS = Set.of("and", "or", "not");

  private ScimFilterRules() {}

  /**
   * The filter checked and rewritten.
   *
   * @throws ScimException 400 {@code invalidFilter}
   */
  static Filter apply(Filter filter) {
    try {
      return filter.visit(INSTANCE, null);
    } catch (com.unboundid.scim2.common.exceptions.ScimException unexpected) {
      // Visitors may throw the SDK's exception; these rules throw Lanyard's.
      throw new IllegalStateException(unexpected);
    }
  }

  @Override
  public Filter visit(AndFilter filter, Void nothing) {
    return Filter.and(each(filter.getCombinedFilters()));
  }

  @Override
  public Filter visit(OrFilter filter, Void nothing) {
    return Filter.or(each(filter.getCombinedFilters()));
  }

  @Override
  public Filter visit(NotFilter filter, Void nothing) {
    return Filter.not(apply(filter.getInvertedFilter()));
  }

  @Override
  public Filter visit(ComplexValueFilter filter, Void nothing) {
    return Filter.complex(path(filter.getAttributePath()), apply(filter.getValueFilter()));
  }

  @Override
  public Filter visit(PresentFilter filter, Void nothing) {
    return Filter.pr(path(filter.getAttributePath()));
  }

  @Override
  public Filter visit(EqualFilter filter, Void nothing) {
    return comparison(filter);
  }

  @Override
  public Filter visit(NotEqualFilter filter, Void nothing) {
    return comparison(filter);
  }

  @Override
  public Filter visit(ContainsFilter filter, Void nothing) {
    return comparison(filter);
  }

  @Override
  public Filter visit(StartsWithFilter filter, Void nothing) {
    return comparison(filter);
  }

  @Override
  public Filter visit(EndsWithFilter filter, Void nothing) {
    return comparison(filter);
  }

  @Override
  public Filter visit(GreaterThanFilter filter, Void nothing) {
    return comparison(filter);
  }

  @Override
  public Filter visit(GreaterThanOrEqualFilter filter, Void nothing) {
    return comparison(filter);
  }

  @Override
  public Filter visit(LessThanFilter filter, Void nothing) {
    return comparison(filter);
  }

  @Override
  public Filter visit(LessThanOrEqualFilter filter, Void nothing) {
    return comparison(filter);
  }

  private List<Filter> each(List<Filter> filters) {
    return filters.stream().map(ScimFilterRules::apply).toList();
  }

  private static Filter comparison(Filter filter) {
    FilterType type = filter.getFilterType();
    ValueNode value = filter.getComparisonValue();
    String operator = type.getStringValue();
    boolean equality = type == FilterType.EQUAL || type == FilterType.NOT_EQUAL;
    if (value.isNull() && !equality) {
      throw ScimFilters.invalid("only eq and ne compare with null, not " + operator);
    }
    if (value.isBoolean() && !equality) {
      throw ScimFilters.invalid("booleans compare with eq and ne only, not " + operator);
    }
    boolean substring =
        type == FilterType.CONTAINS
            || type == FilterType.STARTS_WITH
            || type == FilterType.ENDS_WITH;
    if (value.isNumber() && substring) {
      throw ScimFilters.invalid(operator + " compares strings, not numbers");
    }
    if (value.isTextual() && value.textValue().chars().anyMatch(Character::isISOControl)) {
      throw ScimFilters.invalid("a string holds a control character");
    }
    Path path = path(filter.getAttributePath());
    if (path.size() == 1
        && MULTI_VALUED.contains(path.getElement(0).getAttribute().toLowerCase(Locale.ROOT))) {
      path = path.attribute("value");
    }
    return switch (type) {
      case EQUAL -> Filter.eq(path, value);
      case NOT_EQUAL -> Filter.ne(path, value);
      case CONTAINS -> Filter.co(path, value);
      case STARTS_WITH -> Filter.sw(path, value);
      case ENDS_WITH -> Filter.ew(path, value);
      case GREATER_THAN -> Filter.gt(path, value);
      case GREATER_OR_EQUAL -> Filter.ge(path, value);
      case LESS_THAN -> Filter.lt(path, value);
      case LESS_OR_EQUAL -> Filter.le(path, value);
      default -> throw new IllegalArgumentException("not a comparison: " + filter);
    };
  }

  /** The path checked, without the core User schema's URN. */
  private static Path path(Path path) {
    if (path.size() > 2) {
      throw ScimFilters.invalid("a path is an attribute and at most one sub-attribute: " + path);
    }
    Path checked =
        ScimUserDocuments.USER_SCHEMA.equalsIgnoreCase(path.getSchemaUrn())
            ? Path.root()
            : path.subPath(0);
    for (Path.Element element : path) {
      String name = element.getAttribute();
      if (!name.matches("[A-Za-z$][A-Za-z0-9_$-]*")
          || KEYWORDS.contains(name.toLowerCase(Locale.ROOT))) {
        throw ScimFilters.invalid("not an attribute name: " + name);
      }
      checked = checked.attribute(name, element.getValueFilter());
    }
    return checked;
  }
}
