package io.lanyard.identity.api;

import io.lanyard.identity.application.TenantCommands;
import io.lanyard.identity.application.TenantExport;
import io.lanyard.identity.infra.TenantDirectory;
import io.lanyard.identity.infra.TenantView;
import io.lanyard.runtime.api.ApiException;
import io.lanyard.runtime.api.Page;
import io.smallrye.common.annotation.Blocking;
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
import jakarta.ws.rs.core.StreamingOutput;

/** Tenants, for platform operators: {@code /ops/v1/tenants}. */
@Path("/ops/v1/tenants")
@RolesAllowed("lanyard-operator")
@Produces(MediaType.APPLICATION_JSON)
public class TenantResource {

  record CreateTenant(String id, String name) {}

  static final String JSON_LINES = "application/x-ndjson";

  private final TenantCommands commands;
  private final TenantDirectory tenants;
  private final TenantExport export;

  TenantResource(TenantCommands commands, TenantDirectory tenants, TenantExport export) {
    this.commands = commands;
    this.tenants = tenants;
    this.export = export;
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

  /**
   * The tenant's archive for its exit (issue 23, {@link TenantExport}): JSON lines, streamed as
   * they are read, for download. Suspended or not; an unknown tenant is 404 before anything is
   * written.
   */
  @POST
  @Path("/{id}/export")
  @Produces(JSON_LINES)
  @Blocking
  public Response export(@PathParam("id") String id) {
    TenantView tenant = export.tenant(id);
    StreamingOutput body = out -> export.write(tenant, out);
    return Response.ok(body, JSON_LINES)
        .header("Content-Disposition", "attachment; filename=\"tenant-" + tenant.id() + ".jsonl\"")
        .header("Cache-Control", "no-store")
        .build();
  }

  @POST
  @Path("/{id}/suspend")
  public Uni<TenantView> suspend(@PathParam("id") String id) {
    return commands.suspend(id);
  }
}
