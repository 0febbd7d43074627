package io.lanyard.directory.infra;

import com.fasterxml.jackson.databind.node.ValueNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.filters.FilterType;
import io.lanyard.directory.application.ScimException;
import io.lanyard.directory.application.ScimUserAttribute;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A SCIM filter (as {@code ScimFilters.parse} answers it) as a condition on {@code scim_users}, so
 * PostgreSQL answers it from its indexes and cuts the page: no tenant's users are loaded into the
 * service to be filtered. Values are parameters, never SQL text.
 *
 * <p>The semantics are RFC 7644 §3.4.2.2's as UnboundID's evaluator has them: strings compare
 * ignoring case except {@code id} and {@code externalId}; {@code ne} and {@code not} hold for a
 * user without the attribute; {@code pr} needs a non-empty value; orders compare strings by code
 * point and date-times as instants.
 */
final class ScimUserFilterSql {

  /** The condition and its parameters, numbered from the first one asked for. */
  record Condition(String sql, List<Object> parameters) {}

  private final List<Object> parameters = new ArrayList<>();
  private final int first;

  private ScimUserFilterSql(int first) {
    this.first = first;
  }

  /**
   * @param firstParameter the number of the condition's first parameter ({@code $n})
   * @throws ScimException 400 {@code invalidFilter} for an attribute or comparison this server does
   *     not answer
   */
  static Condition of(Filter filter, int firstParameter) {
    ScimUserFilterSql sql = new ScimUserFilterSql(firstParameter);
    return new Condition(sql.condition(filter, null), sql.parameters);
  }

  private String condition(Filter filter, String within) {
    if (filter.isCombiningFilter()) {
      List<String> each = new ArrayList<>();
      filter.getCombinedFilters().forEach(f -> each.add(condition(f, within)));
      String joint = filter.getFilterType() == FilterType.AND ? " AND " : " OR ";
      return "(" + String.join(joint, each) + ")";
    }
    if (filter.isNotFilter()) {
      return "NOT coalesce(" + condition(filter.getInvertedFilter(), within) + ", false)";
    }
    if (filter.isComplexValueFilter()) {
      // One email and one name per user: a value filter is a condition on the same row.
      return condition(
          filter.getValueFilter(), filter.getAttributePath().getElement(0).getAttribute());
    }
    Path path = filter.getAttributePath();
    String valueFilter = "";
    if (within == null && path.getElement(0).getValueFilter() != null) {
      valueFilter =
          condition(path.getElement(0).getValueFilter(), path.getElement(0).getAttribute())
              + " AND ";
    }
    ScimUserAttribute attribute = ScimUserAttribute.of(path, within);
    String comparison =
        filter.isPresentFilter()
            ? present(attribute)
            : compare(attribute, filter.getFilterType(), filter.getComparisonValue());
    return valueFilter.isEmpty() ? comparison : "(" + valueFilter + comparison + ")";
  }

  private String present(ScimUserAttribute attribute) {
    return switch (attribute.kind()) {
      case TEXT, EXACT_TEXT -> guarded(attribute, column(attribute) + " <> ''");
      default -> "TRUE";
    };
  }

  private String compare(ScimUserAttribute attribute, FilterType type, ValueNode value) {
    if (type == FilterType.NOT_EQUAL) {
      return "NOT coalesce(" + compare(attribute, FilterType.EQUAL, value) + ", false)";
    }
    return switch (attribute.kind()) {
      case ID, TEXT, EXACT_TEXT -> text(attribute, type, value);
      case BOOLEAN -> bool(attribute, type, value);
      case DATE_TIME -> dateTime(attribute, type, value);
      case CONSTANT_TEXT, CONSTANT_TRUE -> constant(attribute, type, value) ? "TRUE" : "FALSE";
    };
  }

  private String text(ScimUserAttribute attribute, FilterType type, ValueNode value) {
    if (value.isNull()) {
      // Only eq reaches here with null (ScimFilterRules): the attribute is absent.
      return "NOT coalesce(" + guarded(attribute, column(attribute) + " IS NOT NULL") + ", false)";
    }
    if (!value.isTextual()) {
      if (type == FilterType.EQUAL) {
        return "FALSE"; // a string never equals a number or a boolean
      }
      throw invalid(attribute, "compares with a string");
    }
    String text = value.textValue();
    if (attribute == ScimUserAttribute.ID && type == FilterType.EQUAL) {
      // By the primary key; an id is compared exactly, so only its canonical form matches.
      UUID id = canonicalUuid(text);
      return id == null ? "FALSE" : "user_id = " + parameter(id);
    }
    boolean ignoreCase = attribute.kind() == ScimUserAttribute.Kind.TEXT;
    String left = ignoreCase ? "lower(" + column(attribute) + ")" : column(attribute);
    String comparison =
        switch (type) {
          case EQUAL -> left + " = " + folded(parameter(text), ignoreCase);
          case CONTAINS -> left + " LIKE " + folded(parameter("%" + like(text) + "%"), ignoreCase);
          case STARTS_WITH -> left + " LIKE " + folded(parameter(like(text) + "%"), ignoreCase);
          case ENDS_WITH -> left + " LIKE " + folded(parameter("%" + like(text)), ignoreCase);
          case GREATER_THAN, GREATER_OR_EQUAL, LESS_THAN, LESS_OR_EQUAL ->
              left
                  + " COLLATE \"C\" "
                  + operator(type)
                  + " "
                  + folded(parameter(text), ignoreCase)
                  + " COLLATE \"C\"";
          default -> throw new IllegalArgumentException(type.toString());
        };
    return guarded(attribute, comparison);
  }

  private String bool(ScimUserAttribute attribute, FilterType type, ValueNode value) {
    if (type != FilterType.EQUAL) {
      throw invalid(attribute, "is true or false: it has no order and no substrings");
    }
    return value.isBoolean()
        ? column(attribute) + " = " + parameter(value.booleanValue())
        : "FALSE";
  }

  private String dateTime(ScimUserAttribute attribute, FilterType type, ValueNode value) {
    if (value.isNull() && type == FilterType.EQUAL) {
      return "FALSE"; // every user has it
    }
    OffsetDateTime at = value.isTextual() ? instant(value.textValue()) : null;
    if (at == null
        || type == FilterType.CONTAINS
        || type == FilterType.STARTS_WITH
        || type == FilterType.ENDS_WITH) {
      throw invalid(
          attribute, "compares (eq, gt, ge, lt, le) with a date-time such as 2026-01-01T00:00:00Z");
    }
    String operator = type == FilterType.EQUAL ? "=" : operator(type);
    return column(attribute) + " " + operator + " " + parameter(at);
  }

  /** An attribute every user has with the same value, compared here as the evaluator would. */
  private static boolean constant(ScimUserAttribute attribute, FilterType type, ValueNode value) {
    if (attribute.kind() == ScimUserAttribute.Kind.CONSTANT_TRUE) {
      if (type != FilterType.EQUAL) {
        throw invalid(attribute, "is true or false: it has no order and no substrings");
      }
      return value.isBoolean() && value.booleanValue();
    }
    if (value.isNull() || !value.isTextual()) {
      if (type == FilterType.EQUAL) {
        return false;
      }
      throw invalid(attribute, "compares with a string");
    }
    String have = attribute.constant().toLowerCase(Locale.ROOT);
    String want = value.textValue().toLowerCase(Locale.ROOT);
    return switch (type) {
      case EQUAL -> have.equals(want);
      case CONTAINS -> have.contains(want);
      case STARTS_WITH -> have.startsWith(want);
      case ENDS_WITH -> have.endsWith(want);
      case GREATER_THAN -> have.compareTo(want) > 0;
      case GREATER_OR_EQUAL -> have.compareTo(want) >= 0;
      case LESS_THAN -> have.compareTo(want) < 0;
      case LESS_OR_EQUAL -> have.compareTo(want) <= 0;
      default -> throw new IllegalArgumentException(type.toString());
    };
  }

  /**
   * A condition on an attribute that may be absent: externalId is shown (and so compared) only when
   * the client gave it; every other column is null when absent.
   */
  private static String guarded(ScimUserAttribute attribute, String condition) {
    String column = column(attribute);
    String present =
        attribute == ScimUserAttribute.EXTERNAL_ID
            ? "external_id_given AND " + column + " IS NOT NULL"
            : column + " IS NOT NULL";
    return "(" + present + " AND " + condition + ")";
  }

  static String column(ScimUserAttribute attribute) {
    return switch (attribute) {
      case ID -> "user_id::text";
      case USER_NAME -> "user_name";
      case EXTERNAL_ID -> "external_id";
      case DISPLAY_NAME -> "display_name";
      case NAME_FORMATTED -> "name_formatted";
      case GIVEN_NAME -> "given_name";
      case FAMILY_NAME -> "family_name";
      case MIDDLE_NAME -> "middle_name";
      case HONORIFIC_PREFIX -> "honorific_prefix";
      case HONORIFIC_SUFFIX -> "honorific_suffix";
      case EMAIL -> "email";
      case PREFERRED_LANGUAGE -> "locale";
      case ACTIVE -> "active";
      case CREATED -> "created_at";
      case LAST_MODIFIED -> "updated_at";
      case EMAIL_TYPE, EMAIL_PRIMARY, RESOURCE_TYPE ->
          throw new IllegalArgumentException(attribute + " is no column");
    };
  }

  private String parameter(Object value) {
    parameters.add(value);
    return "$" + (first + parameters.size() - 1);
  }

  /** lower() as the column's side has it, so both fold case alike (the index is on lower()). */
  private static String folded(String parameter, boolean ignoreCase) {
    return ignoreCase ? "lower(" + parameter + ")" : parameter;
  }

  /** A value inside a LIKE pattern, its wildcards and escape character taken literally. */
  static String like(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  private static String operator(FilterType type) {
    return switch (type) {
      case GREATER_THAN -> ">";
      case GREATER_OR_EQUAL -> ">=";
      case LESS_THAN -> "<";
      case LESS_OR_EQUAL -> "<=";
      default -> throw new IllegalArgumentException(type.toString());
    };
  }

  private static UUID canonicalUuid(String text) {
    try {
      UUID id = UUID.fromString(text);
      return id.toString().equals(text) ? id : null;
    } catch (IllegalArgumentException notOne) {
      return null;
    }
  }

  private static OffsetDateTime instant(String text) {
    try {
      return OffsetDateTime.parse(text);
    } catch (DateTimeParseException notOne) {
      return null;
    }
  }

  private static ScimException invalid(ScimUserAttribute attribute, String rule) {
    return new ScimException(400, "invalidFilter", attribute.path() + " " + rule);
  }
}
