package io.lanyard.identity.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lanyard.identity.domain.UserProfile;
import io.lanyard.runtime.api.ApiException;
import java.util.Map;
import java.util.Set;

/** The bodies the users API accepts. */
final class UserRequests {

  private UserRequests() {}

  record CreateUser(
      String username, String displayName, String email, String orgUnit, String locale) {
    UserProfile profile() {
      return new UserProfile(username, displayName, email, orgUnit, locale);
    }
  }

  private static final Set<String> PATCHABLE =
      Set.of("username", "displayName", "email", "orgUnit", "locale");

  /**
   * A JSON merge patch (RFC 7396) of the profile: a field present replaces the value, {@code null}
   * removes an optional one; everything is checked before anything changes.
   */
  static UserProfile mergePatch(UserProfile current, JsonNode patch) {
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
      if (!field.getValue().isNull() && !field.getValue().isTextual()) {
        throw ApiException.badRequest(
            "invalid_" + snake(field.getKey()), field.getKey() + ": must be a string");
      }
    }
    return new UserProfile(
        value(fields, "username", current.username()),
        value(fields, "displayName", current.displayName()),
        value(fields, "email", current.email()),
        value(fields, "orgUnit", current.orgUnit()),
        value(fields, "locale", current.locale()));
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
