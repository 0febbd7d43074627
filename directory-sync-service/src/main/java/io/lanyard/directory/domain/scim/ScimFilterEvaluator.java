package io.lanyard.directory.domain.scim;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Decides whether a resource matches a filter. The resource is JSON as maps and lists whose keys
 * are lower-case (attribute names are case-insensitive); extension attributes sit under their
 * schema URN. Strings compare case-insensitively except for case-exact attributes ({@code id},
 * {@code externalId}); {@code gt ge lt le} compare date-times as instants, numbers as numbers,
 * other strings in order.
 */
public final class ScimFilterEvaluator {

  private static final Set<String> CASE_EXACT = Set.of("id", "externalid");
  private static final String CORE_PREFIX = "urn:ietf:params:scim:schemas:core:2.0:";

  private ScimFilterEvaluator() {}

  public static boolean matches(ScimFilter filter, Map<String, Object> resource) {
    if (filter instanceof ScimFilter.And and) {
      return matches(and.left(), resource) && matches(and.right(), resource);
    }
    if (filter instanceof ScimFilter.Or or) {
      return matches(or.left(), resource) || matches(or.right(), resource);
    }
    if (filter instanceof ScimFilter.Not not) {
      return !matches(not.inner(), resource);
    }
    if (filter instanceof ScimFilter.ValuePath valuePath) {
      for (Object element :
          values(resource, valuePath.path().schema(), valuePath.path().attribute())) {
        if (element instanceof Map<?, ?> map && matches(valuePath.filter(), cast(map))) {
          return true;
        }
      }
      return false;
    }
    if (filter instanceof ScimFilter.Present present) {
      return candidates(present.path(), resource).stream().anyMatch(ScimFilterEvaluator::isPresent);
    }
    ScimFilter.Compare compare = (ScimFilter.Compare) filter;
    List<Object> candidates = candidates(compare.path(), resource);
    if (compare.value() == null) {
      boolean absent = candidates.stream().noneMatch(ScimFilterEvaluator::isPresent);
      return switch (compare.operator()) {
        case EQ -> absent;
        case NE -> !absent;
        default -> throw new ScimFilterException("only eq and ne compare with null", 0);
      };
    }
    boolean caseExact = CASE_EXACT.contains(compare.path().attribute());
    if (compare.operator() == ScimFilter.Operator.NE) {
      return candidates.stream()
          .noneMatch(c -> compare(ScimFilter.Operator.EQ, c, compare.value(), caseExact));
    }
    return candidates.stream()
        .anyMatch(c -> compare(compare.operator(), c, compare.value(), caseExact));
  }

  /** The values a path names: one for a simple attribute, one per element of a multi-valued one. */
  private static List<Object> candidates(AttributePath path, Map<String, Object> resource) {
    List<Object> found = new java.util.ArrayList<>();
    for (Object value : values(resource, path.schema(), path.attribute())) {
      if (path.subAttribute() != null) {
        if (value instanceof Map<?, ?> map) {
          found.add(map.get(path.subAttribute()));
        }
      } else if (value instanceof Map<?, ?> map && map.containsKey("value")) {
        // A multi-valued attribute compared as a whole compares its elements' "value".
        found.add(map.get("value"));
      } else {
        found.add(value);
      }
    }
    return found;
  }

  private static List<Object> values(
      Map<String, Object> resource, String schema, String attribute) {
    Map<String, Object> holder = resource;
    if (schema != null && !schema.startsWith(CORE_PREFIX)) {
      Object extension = resource.get(schema);
      if (!(extension instanceof Map<?, ?> map)) {
        return List.of();
      }
      holder = cast(map);
    }
    Object value = holder.get(attribute);
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> list) {
      return List.copyOf(list.stream().filter(Objects::nonNull).toList());
    }
    return List.of(value);
  }

  private static boolean isPresent(Object value) {
    if (value == null) {
      return false;
    }
    if (value instanceof String text) {
      return !text.isEmpty();
    }
    if (value instanceof List<?> list) {
      return !list.isEmpty();
    }
    return true;
  }

  private static boolean compare(
      ScimFilter.Operator operator, Object actual, Object expected, boolean caseExact) {
    if (actual == null) {
      return false;
    }
    if (expected instanceof Boolean flag) {
      if (operator != ScimFilter.Operator.EQ) {
        throw new ScimFilterException("booleans compare with eq and ne only", 0);
      }
      return flag.equals(actual instanceof String text ? Boolean.valueOf(text) : actual);
    }
    if (expected instanceof BigDecimal number) {
      if (!(actual instanceof Number)) {
        return false;
      }
      BigDecimal have;
      try {
        have = new BigDecimal(actual.toString());
      } catch (NumberFormatException notFinite) {
        return false; // NaN or an infinity: equal to, above or below no number
      }
      return ordered(operator, have.compareTo(number));
    }
    String want = (String) expected;
    String have = actual.toString();
    if (!caseExact) {
      want = want.toLowerCase(Locale.ROOT);
      have = have.toLowerCase(Locale.ROOT);
    }
    return switch (operator) {
      case EQ -> have.equals(want);
      case CO -> have.contains(want);
      case SW -> have.startsWith(want);
      case EW -> have.endsWith(want);
      case GT, GE, LT, LE -> ordered(operator, order(actual.toString(), (String) expected));
      case NE -> !have.equals(want);
    };
  }

  private static int order(String actual, String expected) {
    try {
      return Instant.parse(actual).compareTo(Instant.parse(expected));
    } catch (DateTimeParseException notDates) {
      return actual.compareTo(expected);
    }
  }

  private static boolean ordered(ScimFilter.Operator operator, int order) {
    return switch (operator) {
      case EQ -> order == 0;
      case NE -> order != 0;
      case GT -> order > 0;
      case GE -> order >= 0;
      case LT -> order < 0;
      case LE -> order <= 0;
      default -> throw new ScimFilterException(operator + " does not compare numbers", 0);
    };
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Map<?, ?> map) {
    return (Map<String, Object>) map;
  }
}
