package io.lanyard.identity.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lanyard.identity.domain.InvalidField;
import io.lanyard.identity.domain.UserEdit;
import io.lanyard.identity.domain.UserProfile;
import io.lanyard.identity.domain.WindowEdit;
import io.lanyard.runtime.api.ApiException;
import java.util.Map;
import java.util.Set;

/** The bodies the users API accepts. */
final class UserRequests {

  private UserRequests() {}

  /**
   * A user to create. {@code kind} and the window are JSON values rather than text, so that a
   * number or an object there is refused as that field's mistake ({@code invalid_field}), as the
   * contract says, not as unreadable JSON.
   */
  record CreateUser(
      String username,
      String displayName,
      String email,
      String orgUnit,
      String locale,
      JsonNode kind,
      JsonNode validFrom,
      JsonNode validUntil) {
    UserProfile profile() {
      return new UserProfile(username, displayName, email, orgUnit, locale);
    }

    String kindText() {
      return text("kind", kind, "must be person or guest");
    }

    String validFromText() {
      return text("validFrom", validFrom, INSTANT);
    }

    String validUntilText() {
      return text("validUntil", validUntil, INSTANT);
    }

    /** A directory's users are people: the directory's paths take no kind and no window. */
    CreateUser person() {
      if (present(kind) || present(validFrom) || present(validUntil)) {
        throw InvalidField.because("kind, validFrom, validUntil: a directory's users are people");
      }
      return this;
    }
  }

  private static final String INSTANT = "an RFC 3339 instant such as 2026-12-03T10:00:00Z";

  private static boolean present(JsonNode value) {
    return value != null && !value.isNull();
  }

  /** A JSON value that must be text if given; null if absent or null. */
  private static String text(String field, JsonNode value, String rule) {
    if (!present(value)) {
      return null;
    }
    if (!value.isTextual()) {
      throw InvalidField.because(field + ": " + rule);
    }
    return value.textValue();
  }

  private static final Set<String> WINDOW = Set.of("validFrom", "validUntil");

  private static final Set<String> PATCHABLE =
      Set.of("username", "displayName", "email", "orgUnit", "locale", "validFrom", "validUntil");

  /**
   * A JSON merge patch (RFC 7396) of the profile and, for a guest, the window: a field present
   * replaces the value, {@code null} removes an optional one (a guest's window is not optional);
   * everything is checked before anything changes.
   */
  static UserEdit mergePatch(UserProfile current, JsonNode patch) {
    if (patch == null || !patch.isObject()) {
      throw ApiException.badRequest("invalid_json", "a merge patch is a JSON object");
    }
    ObjectNode fields = (ObjectNode) patch;
    for (Map.Entry<String, JsonNode> field :
        (Iterable<Map.Entry<String, JsonNode>>) fields::fields) {
      if (!PATCHABLE.contains(field.getKey())) {
        throw ApiException.badRequest(
            "invalid_field", "field '" + field.getKey() + "' cannot be changed");
      }
      if (WINDOW.contains(field.getKey())) {
        if (!field.getValue().isTextual()) {
          throw InvalidField.because(
              field.getKey() + ": " + INSTANT + " (a guest's window cannot be removed)");
        }
        continue;
      }
      if (!field.getValue().isNull() && !field.getValue().isTextual()) {
        throw ApiException.badRequest(
            "invalid_" + snake(field.getKey()), field.getKey() + ": must be a string");
      }
    }
    return new UserEdit(
        new UserProfile(
            value(fields, "username", current.username()),
            value(fields, "displayName", current.displayName()),
            value(fields, "email", current.email()),
            value(fields, "orgUnit", current.orgUnit()),
            value(fields, "locale", current.locale())),
        new WindowEdit(value(fields, "validFrom", null), value(fields, "validUntil", null)));
  }

  private static String value(ObjectNode patch, String field, String current) {
    if (!patch.has(field)) {
      return current;
    }
    JsonNode value = patch.get(field);
    return value.isNull() ? null : value.asText();
  }

  private static String snake(String field) {
    return field.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
  }

  /** One user of a directory's page: its id there, its profile, whether suspended there. */
  record DirectoryUserRequest(
      String externalId,
      String username,
      String displayName,
      String email,
      String orgUnit,
      String locale,
      boolean suspended) {}

  /** A page of a directory's users to create. */
  record CreateDirectoryUsers(java.util.List<DirectoryUserRequest> users) {}
}
