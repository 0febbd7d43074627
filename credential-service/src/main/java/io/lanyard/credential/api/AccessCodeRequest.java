package io.lanyard.credential.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.lanyard.kernel.DomainException;
import io.lanyard.runtime.api.ApiException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.Set;

/**
 * A {@code PUT …/access-code} body, read by hand because {@code "expiresAt": null} (the code no
 * longer expires) and no {@code expiresAt} at all (with a new code: none given) mean different
 * things, which a typed body cannot tell apart. Its shapes: {@code {"code", "expiresAt"?}} or
 * {@code {"generate": true, "expiresAt"?}} (a new code), or {@code {"expiresAt"}} alone (only the
 * current code's expiry changes), each with {@code "notifyUser"}.
 *
 * @param code the typed code; {@code null} to have one generated or to leave the code as it is
 * @param newCode whether a new code is asked for (typed or generated)
 * @param expiryGiven whether the body names {@code expiresAt} (possibly as null)
 * @param expiresAt to the microsecond, as the database keeps it
 */
record AccessCodeRequest(
    String code, boolean newCode, boolean notifyUser, boolean expiryGiven, Instant expiresAt) {

  private static final Set<String> FIELDS = Set.of("code", "generate", "notifyUser", "expiresAt");

  static AccessCodeRequest read(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw ApiException.badRequest("invalid_json", "the body is a JSON object");
    }
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw ApiException.badRequest(
            "invalid_json", "unknown field \"" + name + "\"; the fields are " + FIELDS);
      }
    }
    String code = text(body, "code");
    boolean generate = flag(body, "generate");
    if (code != null && generate) {
      throw ApiException.badRequest(
          "invalid_request", "give either \"code\" or \"generate\": true, not both");
    }
    boolean newCode = code != null || generate;
    boolean expiryGiven = body.has("expiresAt");
    if (!newCode && !expiryGiven) {
      throw ApiException.badRequest(
          "invalid_request", "give \"code\", \"generate\": true, or \"expiresAt\" alone");
    }
    return new AccessCodeRequest(
        code, newCode, flag(body, "notifyUser"), expiryGiven, instant(body, "expiresAt"));
  }

  private static String text(JsonNode body, String field) {
    JsonNode value = body.path(field);
    if (value.isMissingNode() || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw DomainException.invalidField(field, "must be text");
    }
    return value.textValue();
  }

  private static boolean flag(JsonNode body, String field) {
    JsonNode value = body.path(field);
    if (value.isMissingNode() || value.isNull()) {
      return false;
    }
    if (!value.isBoolean()) {
      throw DomainException.invalidField(field, "must be true or false");
    }
    return value.booleanValue();
  }

  private static Instant instant(JsonNode body, String field) {
    JsonNode value = body.path(field);
    if (value.isMissingNode() || value.isNull()) {
      return null;
    }
    try {
      if (value.isTextual()) {
        return Instant.parse(value.textValue()).truncatedTo(ChronoUnit.MICROS);
      }
    } catch (DateTimeParseException e) {
      // Refused below, as any other value that is no instant.
    }
    throw DomainException.invalid(
        "invalid_field",
        field + ": must be null or an RFC 3339 instant such as 2026-12-03T10:00:00Z");
  }
}
