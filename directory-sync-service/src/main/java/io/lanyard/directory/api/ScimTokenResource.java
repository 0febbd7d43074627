package io.lanyard.directory.api;

import io.lanyard.directory.application.ScimTokenCommands;
import io.lanyard.runtime.api.AdminTenant;
import io.lanyard.runtime.api.CarriesSecret;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The tenant's SCIM credentials for Microsoft Entra ID's provisioning: the Tenant URL and a Secret
 * Token, shown once. A new one replaces the old at once; DELETE revokes it.
 */
@Path("/admin/v1/directory/scim-token")
@RolesAllowed("lanyard-admin")
@Produces(MediaType.APPLICATION_JSON)
public class ScimTokenResource {

  private final AdminTenant adminTenant;
  private final SecurityIdentity identity;
  private final ScimTokenCommands commands;
  private final String publicUrl;

  ScimTokenResource(
      AdminTenant adminTenant,
      SecurityIdentity identity,
      ScimTokenCommands commands,
      @ConfigProperty(name = "lanyard.directory.public-url") String publicUrl) {
    this.adminTenant = adminTenant;
    this.identity = identity;
    this.commands = commands;
    this.publicUrl =
        publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
  }

  /** The secret token is shown once: {@code Cache-Control: no-store}, so no cache keeps it. */
  @POST
  @CarriesSecret
  public Uni<Response> issue() {
    return adminTenant
        .of(identity)
        .chain(
            tenant ->
                commands
                    .issue(tenant, identity.getPrincipal().getName())
                    .map(
                        token ->
                            Response.status(201)
                                .entity(
                                    Map.of(
                                        "tenantUrl",
                                        publicUrl + "/scim/v2/tenants/" + tenant,
                                        "secretToken",
                                        token))
                                .build()));
  }

  @DELETE
  public Uni<Response> revoke() {
    return adminTenant
        .of(identity)
        .chain(tenant -> commands.revoke(tenant, identity.getPrincipal().getName()))
        .map(ignored -> Response.noContent().build());
  }
}
