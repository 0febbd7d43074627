package io.lanyard.directory.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.lanyard.directory.application.google.GoogleConnectionStore.StoredConnection;
import io.lanyard.directory.application.google.GoogleConnections;
import io.lanyard.directory.application.google.GoogleSync;
import io.lanyard.directory.domain.google.GoogleSettings;
import io.lanyard.directory.domain.google.ServiceAccountKey;
import io.lanyard.directory.domain.google.SyncRun;
import io.lanyard.kernel.DomainException;
import io.lanyard.runtime.api.AdminTenant;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The tenant's Google Workspace connection: its settings (the key file goes in, never comes out),
 * and "Save and sync".
 */
@Path("/admin/v1/directory/google")
@RolesAllowed("lanyard-admin")
@Produces(MediaType.APPLICATION_JSON)
public class GoogleConnectionResource {

  private static final Set<String> FIELDS =
      Set.of(
          "customerId",
          "domain",
          "adminSubject",
          "serviceAccountKey",
          "apiRootUrl",
          "syncMode",
          "intervalMinutes",
          "source",
          "orgUnits",
          "deleteRemovedUsers",
          "syncAccessCodes",
          "syncCardNumbers",
          "serviceAccount");

  private static final Pattern SETTING_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

  private final AdminTenant adminTenant;
  private final SecurityIdentity identity;
  private final GoogleConnections connections;
  private final GoogleSync sync;

  GoogleConnectionResource(
      AdminTenant adminTenant,
      SecurityIdentity identity,
      GoogleConnections connections,
      GoogleSync sync) {
    this.adminTenant = adminTenant;
    this.identity = identity;
    this.connections = connections;
    this.sync = sync;
  }

  @GET
  public Uni<Map<String, Object>> get() {
    return adminTenant
        .of(identity)
        .chain(connections::find)
        .map(found -> view(found.orElseThrow(() -> DomainException.notFound("Google connection"))));
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Map<String, Object>> put(JsonNode body) {
    GoogleSettings settings = settings(body);
    ServiceAccountKey key = key(body.get("serviceAccountKey"));
    return adminTenant
        .of(identity)
        .chain(
            tenant ->
                connections
                    .configure(tenant, settings, key, identity.getPrincipal().getName())
                    .chain(() -> connections.find(tenant)))
        .map(found -> view(found.orElseThrow()));
  }

  @DELETE
  public Uni<Response> delete() {
    return adminTenant
        .of(identity)
        .chain(tenant -> connections.disconnect(tenant, identity.getPrincipal().getName()))
        .map(ignored -> Response.noContent().build());
  }

  /** "Save and sync": 202 with the run's id (the running one's, if the tenant has one). */
  @POST
  @Path("/sync")
  public Uni<Response> sync() {
    return adminTenant
        .of(identity)
        .chain(tenant -> sync.start(tenant, SyncRun.Trigger.MANUAL))
        .map(runId -> Response.accepted(Map.of("runId", runId)).build());
  }

  private static GoogleSettings settings(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw DomainException.invalid("invalid_json", "the settings are a JSON object");
    }
    body.fieldNames()
        .forEachRemaining(
            field -> {
              if (!FIELDS.contains(field)) {
                // The name goes into the error code only when it is a plain, short name.
                throw SETTING_NAME.matcher(field).matches()
                    ? DomainException.invalidField(field, "is not a setting")
                    : DomainException.invalid(
                        "invalid_setting", "a setting's name is one of " + new TreeSet<>(FIELDS));
              }
            });
    return new GoogleSettings(
        text(body, "customerId"),
        text(body, "domain"),
        text(body, "adminSubject"),
        text(body, "apiRootUrl"),
        GoogleSettings.SyncMode.fromWire(text(body, "syncMode")),
        integer(body, "intervalMinutes", 60),
        GoogleSettings.Source.fromWire(text(body, "source")),
        texts(body, "orgUnits"),
        bool(body, "deleteRemovedUsers", false),
        bool(body, "syncAccessCodes", true),
        bool(body, "syncCardNumbers", true));
  }

  private static ServiceAccountKey key(JsonNode key) {
    if (key == null || key.isNull()) {
      return null;
    }
    if (!key.isObject()) {
      throw DomainException.invalidField(
          "serviceAccountKey", "is the key file's JSON object, as Google gave it");
    }
    return ServiceAccountKey.of(
        text(key, "type"),
        text(key, "client_email"),
        text(key, "private_key"),
        text(key, "token_uri"),
        key.toString());
  }

  private static Map<String, Object> view(StoredConnection connection) {
    GoogleSettings settings = connection.settings();
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("customerId", settings.customerId());
    view.put("domain", settings.domain());
    view.put("adminSubject", settings.adminSubject());
    view.put("apiRootUrl", settings.apiRootUrl());
    view.put("syncMode", settings.syncMode().wire());
    view.put("intervalMinutes", settings.intervalMinutes());
    view.put("source", settings.source().wire());
    view.put("orgUnits", settings.orgUnits());
    view.put("deleteRemovedUsers", settings.deleteRemovedUsers());
    view.put("syncAccessCodes", settings.syncAccessCodes());
    view.put("syncCardNumbers", settings.syncCardNumbers());
    view.put("serviceAccount", connection.clientEmail());
    return view;
  }

  private static String text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw DomainException.invalidField(field, "is a string");
    }
    return value.asText();
  }

  private static int integer(JsonNode body, String field, int otherwise) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return otherwise;
    }
    if (!value.canConvertToInt() || !value.isIntegralNumber()) {
      throw DomainException.invalidField(field, "is a whole number");
    }
    return value.asInt();
  }

  private static boolean bool(JsonNode body, String field, boolean otherwise) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return otherwise;
    }
    if (!value.isBoolean()) {
      throw DomainException.invalidField(field, "is true or false");
    }
    return value.asBoolean();
  }

  private static List<String> texts(JsonNode body, String field) {
    JsonNode value = body.get(field);
    List<String> texts = new ArrayList<>();
    if (value == null || value.isNull()) {
      return texts;
    }
    if (!value.isArray()) {
      throw DomainException.invalidField(field, "is a list of strings");
    }
    for (JsonNode item : value) {
      if (!item.isTextual()) {
        throw DomainException.invalidField(field, "is a list of strings");
      }
      texts.add(item.asText());
    }
    return texts;
  }
}
