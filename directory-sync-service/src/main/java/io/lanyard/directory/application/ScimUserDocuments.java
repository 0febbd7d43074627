package io.lanyard.directory.application;

import io.lanyard.directory.domain.scim.ScimName;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A user as a SCIM User resource (RFC 7643 §4.1), with {@code meta} and the version as ETag. */
public final class ScimUserDocuments {

  public static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
  public static final String PAPERCUT_SCHEMA =
      "urn:ietf:params:scim:schemas:extension:papercut:2.0:User";

  private ScimUserDocuments() {}

  /**
   * The user's version in identity-service, and a digest of what this service keeps beside it (the
   * externalId as sent, the name's parts): a PATCH of the name alone changes no identity version,
   * yet a client's {@code If-Match} must see the resource changed (RFC 7644 §3.14).
   */
  public static String etag(ScimUserRow user) {
    ScimName name = user.name() == null ? ScimName.NONE : user.name();
    int kept =
        Arrays.hashCode(
            new Object[] {
              user.externalId(),
              name.formatted(),
              name.givenName(),
              name.familyName(),
              name.middleName(),
              name.honorificPrefix(),
              name.honorificSuffix()
            });
    return "W/\"" + user.version() + "-" + Integer.toHexString(kept) + "\"";
  }

  public static Map<String, Object> of(ScimUserRow user, String base) {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("schemas", List.of(USER_SCHEMA));
    document.put("id", user.id().toString());
    if (user.externalId() != null) {
      document.put("externalId", user.externalId());
    }
    // An erased user's personal attributes are null (ADR 7): such a user is deleted and listed by
    // nothing, but a document of them shows no attribute rather than fail.
    if (user.userName() != null) {
      document.put("userName", user.userName());
    }
    if (user.displayName() != null) {
      document.put("displayName", user.displayName());
    }
    if (user.name() != null && !user.name().isEmpty()) {
      // The parts as the client sent them, and no others (nothing is made up from displayName).
      Map<String, Object> name = new LinkedHashMap<>();
      for (ScimName.Part part : ScimName.Part.values()) {
        if (user.name().get(part) != null) {
          name.put(part.attribute(), user.name().get(part));
        }
      }
      document.put("name", name);
    }
    if (user.email() != null) {
      document.put(
          "emails", List.of(Map.of("value", user.email(), "type", "work", "primary", true)));
    }
    if (user.locale() != null) {
      document.put("preferredLanguage", user.locale());
    }
    document.put("active", user.active());
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("resourceType", "User");
    meta.put("created", user.created().toString());
    meta.put("lastModified", user.lastModified().toString());
    meta.put("location", base + "/Users/" + user.id());
    meta.put("version", etag(user));
    document.put("meta", meta);
    return document;
  }
}
