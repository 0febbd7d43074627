package io.lanyard.directory.application;

import com.fasterxml.jackson.databind.JsonNode;
import io.lanyard.directory.domain.scim.ScimName;
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

  /**
   * An externalId is indexed and recorded in {@code DirectoryUserLinked}, whose schema takes 500
   * characters; Entra's are object ids or names, far shorter.
   */
  static final int MAX_EXTERNAL_ID = 500;

  public String userName;
  public String displayName;

  /** The name's parts as sent; a PATCH starts from the user's (see {@link #of}). */
  public ScimName name = ScimName.NONE;

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

  /**
   * The user as they are, for a PATCH to change only the attributes its operations name (RFC 7644
   * §3.5.2). The code and card are never read back: a PATCH changes them only when it names them.
   */
  public static ScimUserPayload of(ScimUserRow user) {
    ScimUserPayload payload = new ScimUserPayload();
    payload.userName = user.userName();
    payload.displayName = user.displayName();
    payload.name = user.name() == null ? ScimName.NONE : user.name();
    payload.email = user.email();
    payload.locale = user.locale();
    payload.externalId = user.externalId();
    payload.active = user.active();
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
        if (value == null || value.isNull()) {
          name = ScimName.NONE;
        } else if (value.isObject()) {
          // The sub-attributes given replace theirs; the others stay (RFC 7644 §3.5.2.3).
          value.fields().forEachRemaining(e -> set("name." + e.getKey(), e.getValue()));
        } else {
          throw new ScimException(400, "invalidValue", "name is an object");
        }
      }
      case "emails" -> email = primaryEmail(value);
      case "emails.value", "emails[type eq \"work\"].value" -> email = text(value, "emails");
      default -> {
        ScimName.Part part =
            key.startsWith("name.") ? ScimName.Part.named(key.substring("name.".length())) : null;
        if (part != null) {
          name = name.with(part, text(value, "name." + part.attribute()));
        }
        // Otherwise an attribute Lanyard does not keep: ignored, as Entra sends many.
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
    return name.displayable();
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
    // RFC 7643 §2.3.1: a string attribute's value is a JSON string; a number such as 1e99999
    // would otherwise be kept as "Infinity".
    if (!value.isTextual()) {
      throw new ScimException(400, "invalidValue", name + " is a string");
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
