package io.lanyard.directory.application;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.types.AttributeDefinition;
import com.unboundid.scim2.common.utils.FilterEvaluator;
import com.unboundid.scim2.common.utils.JsonUtils;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * SCIM filters (RFC 7644 §3.4.2.2), parsed and evaluated by UnboundID's SCIM SDK within Lanyard's
 * rules ({@link ScimFilterText}, {@link ScimFilterRules}). A filter that is not one is answered 400
 * {@code invalidFilter}.
 */
final class ScimFilters {

  private static final UserFilterEvaluator EVALUATOR = new UserFilterEvaluator();

  private ScimFilters() {}

  /**
   * @throws ScimException 400 {@code invalidFilter}
   */
  static Filter parse(String filter) {
    String prepared = ScimFilterText.prepare(filter);
    Filter parsed;
    try {
      parsed = Filter.fromString(prepared);
    } catch (BadRequestException malformed) {
      throw invalid(detail(malformed.getMessage()));
    } catch (ClassCastException objectOrArray) {
      // The parser reads a value as JSON, then takes it for a string, number, boolean or null.
      throw invalid("a value is a string, number, true, false or null");
    }
    return ScimFilterRules.apply(parsed);
  }

  /**
   * Whether a resource, JSON as maps and lists, matches a filter {@link #parse} answered. Attribute
   * names match in any case (the SDK's JSON objects ignore it). Searches are answered by the
   * database ({@link ScimUserStore#search}); this is the meaning they keep, which the tests hold
   * the database's answers to.
   *
   * @throws ScimException 400 {@code invalidFilter} for a comparison the resource's values refuse
   *     (an order on a boolean)
   */
  static boolean matches(Filter filter, Map<String, Object> resource) {
    JsonNode node = JsonUtils.valueToNode(resource);
    try {
      return filter.visit(EVALUATOR, node);
    } catch (com.unboundid.scim2.common.exceptions.ScimException refused) {
      throw invalid(detail(refused.getMessage()));
    }
  }

  static ScimException invalid(String detail) {
    return new ScimException(400, "invalidFilter", detail);
  }

  /**
   * The SDK's message; for a value, Jackson's, without where Jackson was in its own input (not the
   * filter's position, which the SDK's part of the message gives).
   */
  private static String detail(String message) {
    if (message == null) {
      return "the filter is not RFC 7644's";
    }
    return message.replaceAll("(?s)\\s*(\\(start marker )?at \\[Source:.*", "");
  }

  /**
   * The SDK's evaluator, told which User attributes compare case-exactly (RFC 7643 §3.1, §4.1):
   * {@code id} and {@code externalId}; every other string ignores case.
   */
  private static final class UserFilterEvaluator extends FilterEvaluator {

    private static final Set<String> CASE_EXACT = Set.of("id", "externalid");

    private static final AttributeDefinition CASE_EXACT_STRING =
        new AttributeDefinition.Builder()
            .setName("caseExact")
            .setType(AttributeDefinition.Type.STRING)
            .setCaseExact(true)
            .build();

    @Override
    protected AttributeDefinition getAttributeDefinition(Path path) {
      return path.size() > 0
              && CASE_EXACT.contains(path.getElement(0).getAttribute().toLowerCase(Locale.ROOT))
          ? CASE_EXACT_STRING
          : null;
    }
  }
}
