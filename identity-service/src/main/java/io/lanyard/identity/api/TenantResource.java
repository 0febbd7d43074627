package io.lanyard.identity.api;

import io.lanyard.identity.application.TenantCommands;
import io.lanyard.identity.infra.TenantDirectory;
import io.lanyard.identity.infra.TenantView;
import io.lanyard.runtime.api.ApiException;
import io.lanyard.runtime.api.Page;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Tenants, for platform operators: {@code /ops/v1/tenants}. */
@Path("/ops/v1/tenants")
@RolesAllowed("lanyard-operator")
@Produces(MediaType.APPLICATION_JSON)
public class TenantResource {

  record CreateTenant(String id, String name) {}

  private final TenantCommands commands;
  private final TenantDirectory tenants;

  TenantResource(TenantCommands commands, TenantDirectory tenants) {
    this.commands = commands;
    this.tenants = tenants;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Response> create(CreateTenant body) {
    if (body == null) {
      throw ApiException.badRequest("invalid_json", "a tenant is a JSON object");
    }
    return commands
        .create(body.id(), body.name())
        .map(tenant -> Response.status(201).entity(tenant).build());
  }

  @GET
  public Uni<Page<TenantView>> list() {
    return tenants.all().map(all -> new Page<>(all, 0, Math.max(all.size(), 1), all.size()));
  }

  @POST
  @Path("/{id}/suspend")
  public Uni<TenantView> suspend(@PathParam("id") String id) {
    return commands.suspend(id);
  }
}
