package io.lanyard.directory.application;

import com.fasterxml.jackson.databind.JsonNode;
import io.lanyard.kernel.Text;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * What a SCIM User body asks for, read leniently the way Entra ID writes it: booleans may be
 * strings ({@code "False"}), the PaperCut extension counts whether or not {@code schemas} lists it,
 * attributes Lanyard does not keep (titles, phone numbers) are ignored.
 */
public final class ScimUserPayload {

  /** A value a request sets, removes (null) or does not mention. */
  public record Change(boolean given, String value) {
    static final Change NONE = new Change(false, null);

    public static Change to(String value) {
      return new Change(true, value);
    }
  }

  /** Longer than any attribute Lanyard keeps (identity-service's limits are lower still). */
  static final int MAX_TEXT = 1024;

  /** An externalId is indexed; Entra's are object ids or names, far shorter. */
  static final int MAX_EXTERNAL_ID = 512;

  public String userName;
  public String displayName;
  public String givenName;
  public String familyName;
  public String formatted;
  public String email;
  public String locale;
  public String externalId;
  public Boolean active;
  public Change accessCode = Change.NONE;
  public Change accessCard = Change.NONE;

  public static ScimUserPayload read(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new ScimException(400, "invalidSyntax", "a User is a JSON object");
    }
    ScimUserPayload payload = new ScimUserPayload();
    for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      payload.set(field.getKey(), field.getValue());
    }
    return payload;
  }

  /** Sets one attribute by its name or path (a PATCH path without a filter, or a body key). */
  public void set(String path, JsonNode value) {
    String key = path.toLowerCase(Locale.ROOT);
    if (key.startsWith(ScimUserDocuments.PAPERCUT_SCHEMA.toLowerCase(Locale.ROOT))) {
      String rest = key.substring(ScimUserDocuments.PAPERCUT_SCHEMA.length());
      if (rest.isEmpty()) {
        if (value != null && value.isObject()) {
          value.fields().forEachRemaining(e -> setExtension(e.getKey(), e.getValue()));
        }
      } else if (rest.startsWith(":")) {
        setExtension(rest.substring(1), value);
      }
      return;
    }
    if (key.startsWith(ScimUserDocuments.USER_SCHEMA.toLowerCase(Locale.ROOT) + ":")) {
      key = key.substring(ScimUserDocuments.USER_SCHEMA.length() + 1);
    }
    switch (key) {
      case "username" -> userName = text(value, "userName");
      case "displayname" -> displayName = text(value, "displayName");
      case "externalid" -> externalId = text(value, "externalId");
      case "preferredlanguage", "locale" -> locale = text(value, "preferredLanguage");
      case "active" -> active = bool(value, "active");
      case "name" -> {
        if (value != null && value.isObject()) {
          value.fields().forEachRemaining(e -> set("name." + e.getKey(), e.getValue()));
        }
      }
      case "name.givenname" -> givenName = text(value, "name.givenName");
      case "name.familyname" -> familyName = text(value, "name.familyName");
      case "name.formatted" -> formatted = text(value, "name.formatted");
      case "emails" -> email = primaryEmail(value);
      case "emails.value", "emails[type eq \"work\"].value" -> email = text(value, "emails");
      default -> {
        // An attribute Lanyard does not keep: ignored, as Entra sends many.
      }
    }
  }

  private void setExtension(String name, JsonNode value) {
    switch (name.toLowerCase(Locale.ROOT)) {
      case "accesscode" -> accessCode = Change.to(text(value, "accessCode"));
      case "accesscard" -> accessCard = Change.to(text(value, "accessCard"));
      default -> {
        // unknown extension attribute: ignored
      }
    }
  }

  /** The display name asked for, or one made of the name's parts. */
  public String resolvedDisplayName() {
    if (displayName != null && !displayName.isBlank()) {
      return displayName;
    }
    if (formatted != null && !formatted.isBlank()) {
      return formatted;
    }
    String parts =
        ((givenName == null ? "" : givenName) + " " + (familyName == null ? "" : familyName))
            .strip();
    return parts.isEmpty() ? null : parts;
  }

  private static String primaryEmail(JsonNode emails) {
    if (emails == null || emails.isNull()) {
      return null;
    }
    if (!emails.isArray()) {
      throw new ScimException(400, "invalidValue", "emails is a list");
    }
    JsonNode chosen = null;
    for (JsonNode email : emails) {
      if (bool(email.get("primary"), "emails.primary") == Boolean.TRUE
          || (chosen == null && "work".equalsIgnoreCase(email.path("type").asText()))) {
        chosen = email;
      }
    }
    if (chosen == null && emails.size() > 0) {
      chosen = emails.get(0);
    }
    return chosen == null ? null : text(chosen.get("value"), "emails.value");
  }

  static String text(JsonNode value, String name) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isValueNode()) {
      throw new ScimException(400, "invalidValue", name + " is a single value");
    }
    String text = value.asText();
    int most = name.equals("externalId") ? MAX_EXTERNAL_ID : MAX_TEXT;
    if (text.length() > most) {
      throw new ScimException(
          400, "invalidValue", name + " is longer than " + most + " characters");
    }
    // Every attribute Lanyard keeps is one line (a name, an address, a code): no control
    // characters (the database refuses NUL outright), line breaks or invisible bidi controls.
    String problem = Text.lineProblem(text, most);
    if (problem != null) {
      throw new ScimException(400, "invalidValue", name + " " + problem);
    }
    return text;
  }

  static Boolean bool(JsonNode value, String name) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isTextual()) {
      String text = value.asText().strip().toLowerCase(Locale.ROOT);
      if (text.equals("true") || text.equals("false")) {
        return Boolean.valueOf(text);
      }
    }
    throw new ScimException(400, "invalidValue", name + " is true or false");
  }
}
