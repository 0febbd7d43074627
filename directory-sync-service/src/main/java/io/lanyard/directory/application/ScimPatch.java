package io.lanyard.directory.application;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.lanyard.directory.infra.ScimUsers.ScimUserRow;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * A PATCH request's operations (RFC 7644 §3.5.2) applied to a user, as Entra ID sends them: {@code
 * "op"} in any case, a {@code path} or none (a value object setting several attributes), booleans
 * as strings, {@code remove} of the access code (a new one is generated and emailed).
 */
final class ScimPatch {

  private ScimPatch() {}

  static ScimUserPayload apply(ScimUserRow current, JsonNode body) {
    if (body == null || !body.isObject() || !body.path("Operations").isArray()) {
      throw new ScimException(400, "invalidSyntax", "a PATCH has Operations");
    }
    ScimUserPayload payload = new ScimUserPayload();
    for (JsonNode operation : body.get("Operations")) {
      String op = operation.path("op").asText("").toLowerCase(Locale.ROOT);
      JsonNode path = operation.get("path");
      JsonNode value = operation.get("value");
      switch (op) {
        case "add", "replace" -> {
          if (path == null || path.isNull()) {
            if (value == null || !value.isObject()) {
              throw new ScimException(
                  400, "invalidValue", "an operation without a path sets an object");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
              Map.Entry<String, JsonNode> field = it.next();
              payload.set(field.getKey(), field.getValue());
            }
          } else {
            payload.set(path.asText(), value);
          }
        }
        case "remove" -> {
          if (path == null || path.isNull()) {
            throw new ScimException(400, "noTarget", "remove needs a path");
          }
          payload.set(path.asText(), NullNode.getInstance());
        }
        default ->
            throw new ScimException(
                400, "invalidSyntax", "op is add, replace or remove, not " + operation.path("op"));
      }
    }
    return payload;
  }
}
