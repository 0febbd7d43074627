package io.lanyard.directory.application;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PATCH request's operations (RFC 7644 §3.5.2) applied to a user, as Entra ID sends them: {@code
 * "op"} in any case, a {@code path} or none (a value object setting several attributes), booleans
 * as strings, {@code remove} of the access code (a new one is generated and emailed).
 */
final class ScimPatch {

  private static final int MAX_PATH = 512;

  /**
   * RFC 7644's PATCH path: {@code [schema URN ":"] attribute ["." sub]}, or a value path {@code
   * attribute "[" filter "]" ["." sub]}. Paths of attributes Lanyard does not keep are accepted
   * (and ignored) as long as they are paths.
   */
  private static final Pattern PATH =
      Pattern.compile(
          "(urn:[A-Za-z0-9.:_-]+:)?[A-Za-z$][A-Za-z0-9_$-]*(\\.[A-Za-z$][A-Za-z0-9_$-]*)?"
              + "(\\[(?<filter>[^\\]]+)\\](\\.[A-Za-z$][A-Za-z0-9_$-]*)?)?");

  private ScimPatch() {}

  /** An operation's path, checked; null when it has none. */
  private static String path(JsonNode path) {
    if (path == null || path.isNull()) {
      return null;
    }
    if (!path.isTextual()) {
      throw new ScimException(400, "invalidPath", "path is a string");
    }
    String text = path.asText().strip();
    if (text.isEmpty()) {
      return null; // as if there were none, as lenient clients send it
    }
    if (text.length() > MAX_PATH || text.chars().anyMatch(Character::isISOControl)) {
      throw new ScimException(
          400, "invalidPath", "path is an attribute path of at most " + MAX_PATH + " characters");
    }
    Matcher parts = PATH.matcher(text);
    if (!parts.matches()) {
      throw new ScimException(
          400, "invalidPath", "path is an attribute path such as name.givenName");
    }
    if (parts.group("filter") != null) {
      try {
        ScimFilters.parse(parts.group("filter"));
      } catch (ScimException malformed) {
        throw new ScimException(400, "invalidPath", "path's filter: " + malformed.getMessage());
      }
    }
    return text;
  }

  static ScimUserPayload apply(ScimUserRow current, JsonNode body) {
    if (body == null || !body.isObject() || !body.path("Operations").isArray()) {
      throw new ScimException(400, "invalidSyntax", "a PATCH has Operations");
    }
    // From the user as they are: an operation changes exactly the attribute it names.
    ScimUserPayload payload = ScimUserPayload.of(current);
    for (JsonNode operation : body.get("Operations")) {
      if (!operation.isObject()) {
        throw new ScimException(400, "invalidSyntax", "each of Operations is an object");
      }
      String op = operation.path("op").asText("").toLowerCase(Locale.ROOT);
      String path = path(operation.get("path"));
      JsonNode value = operation.get("value");
      switch (op) {
        case "add", "replace" -> {
          if (path == null) {
            if (value == null || !value.isObject()) {
              throw new ScimException(
                  400, "invalidValue", "an operation without a path sets an object");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
              Map.Entry<String, JsonNode> field = it.next();
              payload.set(field.getKey(), field.getValue());
            }
          } else {
            payload.set(path, value);
          }
        }
        case "remove" -> {
          if (path == null) {
            throw new ScimException(400, "noTarget", "remove needs a path");
          }
          payload.set(path, NullNode.getInstance());
        }
        default -> throw new ScimException(400, "invalidSyntax", "op is add, replace or remove");
      }
    }
    return payload;
  }
}
