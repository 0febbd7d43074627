package io.lanyard.credential.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.lanyard.credential.domain.JobSelection;
import io.lanyard.kernel.Ids;
import io.lanyard.runtime.api.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * {@code POST /admin/v1/credential-jobs}: {@code {"kind":"regenerate_codes","notify":bool}} and
 * exactly one selection, {@code "userIds"}, {@code "orgUnit"}, {@code "filter":{"status"?,
 * "origin"?}} or {@code "all":true}. Read by hand so that each mistake gets its own answer.
 */
record CredentialJobRequest(JobSelection selection, boolean notifyUsers) {

  private static final Set<String> FIELDS =
      Set.of("kind", "notify", "userIds", "orgUnit", "filter", "all");
  private static final List<String> SELECTIONS = List.of("userIds", "orgUnit", "filter", "all");

  static CredentialJobRequest read(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw ApiException.badRequest("invalid_json", "a job is a JSON object");
    }
    body.fieldNames()
        .forEachRemaining(
            name -> {
              if (!FIELDS.contains(name)) {
                throw ApiException.badRequest(
                    "invalid_field", name + ": not a field of a job (" + FIELDS + ")");
              }
            });
    JsonNode kind = body.get("kind");
    if (kind == null || !"regenerate_codes".equals(kind.asText(null)) || !kind.isTextual()) {
      throw ApiException.badRequest("invalid_kind", "kind: regenerate_codes");
    }
    JsonNode notify = body.get("notify");
    if (notify != null && !notify.isBoolean() && !notify.isNull()) {
      throw ApiException.badRequest("invalid_field", "notify: true or false");
    }
    List<String> given = SELECTIONS.stream().filter(body::hasNonNull).toList();
    if (given.size() != 1) {
      throw JobSelection.invalid(
          "give exactly one of userIds, orgUnit, filter or all:true (given: "
              + (given.isEmpty() ? "none" : String.join(", ", given))
              + ")");
    }
    return new CredentialJobRequest(
        selection(given.get(0), body.get(given.get(0))), notify != null && notify.asBoolean());
  }

  private static JobSelection selection(String which, JsonNode value) {
    return switch (which) {
      case "userIds" -> JobSelection.ofUsers(userIds(value));
      case "orgUnit" -> {
        if (!value.isTextual()) {
          throw JobSelection.invalid("orgUnit is a path such as /Staff");
        }
        yield JobSelection.ofOrgUnit(value.textValue());
      }
      case "filter" -> filter(value);
      default -> {
        if (!value.isBoolean() || !value.booleanValue()) {
          throw JobSelection.invalid("all is true (every user of the tenant) or left out");
        }
        yield JobSelection.ofAll();
      }
    };
  }

  private static List<UUID> userIds(JsonNode value) {
    if (!value.isArray()) {
      throw JobSelection.invalid("userIds is a list of user ids");
    }
    if (value.size() > JobSelection.MOST_USER_IDS) {
      throw JobSelection.invalid("userIds holds at most " + JobSelection.MOST_USER_IDS + " ids");
    }
    List<UUID> ids = new ArrayList<>(value.size());
    for (JsonNode id : value) {
      if (!id.isTextual()) {
        throw JobSelection.invalid("userIds holds user ids (UUIDs)");
      }
      UUID parsed = Ids.parsed(id.textValue());
      if (parsed == null) {
        throw JobSelection.invalid("userIds holds user ids (UUIDs)");
      }
      ids.add(parsed);
    }
    return ids;
  }

  private static JobSelection filter(JsonNode value) {
    if (!value.isObject()) {
      throw JobSelection.invalid("filter is {\"status\"?, \"origin\"?}");
    }
    value
        .fieldNames()
        .forEachRemaining(
            name -> {
              if (!Set.of("status", "origin").contains(name)) {
                throw JobSelection.invalid("filter has status and origin only, not " + name);
              }
            });
    return JobSelection.ofFilter(text(value, "status"), text(value, "origin"));
  }

  private static String text(JsonNode filter, String field) {
    JsonNode value = filter.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw JobSelection.invalid("filter." + field + " is text");
    }
    return value.textValue();
  }
}
