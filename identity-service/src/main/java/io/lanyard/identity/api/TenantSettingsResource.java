package io.lanyard.identity.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.lanyard.identity.application.TenantCommands;
import io.lanyard.identity.domain.InvalidField;
import io.lanyard.identity.domain.TenantSettings;
import io.lanyard.identity.infra.TenantDirectory;
import io.lanyard.runtime.api.AdminTenant;
import io.lanyard.runtime.api.ApiException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * The admin's tenant's settings: {@code /admin/v1/tenant-settings}, {@code
 * {"guestRetentionDays":30}} (the default until an admin sets it).
 */
@Path("/admin/v1/tenant-settings")
@RolesAllowed("lanyard-admin")
@Produces(MediaType.APPLICATION_JSON)
public class TenantSettingsResource {

  public record SettingsBody(int guestRetentionDays) {

    static SettingsBody of(TenantSettings settings) {
      return new SettingsBody(settings.guestRetentionDays());
    }
  }

  private final AdminTenant adminTenant;
  private final SecurityIdentity identity;
  private final TenantDirectory tenants;
  private final TenantCommands commands;

  TenantSettingsResource(
      AdminTenant adminTenant,
      SecurityIdentity identity,
      TenantDirectory tenants,
      TenantCommands commands) {
    this.adminTenant = adminTenant;
    this.identity = identity;
    this.tenants = tenants;
    this.commands = commands;
  }

  @GET
  public Uni<SettingsBody> get() {
    return adminTenant.of(identity).chain(tenants::settings).map(SettingsBody::of);
  }

  /**
   * The body is read as a JSON tree: a typed one would take {@code 30.9} as 30 or {@code "30"} as
   * 30, and the admin would not learn that the value was not what they meant.
   */
  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<SettingsBody> put(JsonNode body) {
    TenantSettings wanted = settings(body);
    return adminTenant
        .of(identity)
        .chain(tenant -> commands.changeSettings(tenant, wanted, identity.getPrincipal().getName()))
        .map(SettingsBody::of);
  }

  private static TenantSettings settings(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw ApiException.badRequest(
          "invalid_json", "the settings are a JSON object such as {\"guestRetentionDays\":30}");
    }
    for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) body::fields) {
      if (!field.getKey().equals("guestRetentionDays")) {
        throw InvalidField.because("field '" + field.getKey() + "' is not a tenant setting");
      }
    }
    JsonNode days = body.get("guestRetentionDays");
    boolean wholeNumber = days != null && days.isIntegralNumber() && days.canConvertToInt();
    return TenantSettings.of(wholeNumber ? days.intValue() : null);
  }
}
