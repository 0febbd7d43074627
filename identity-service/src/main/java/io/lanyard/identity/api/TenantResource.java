package io.lanyard.identity.api;

import io.lanyard.identity.application.TenantCommands;
import io.lanyard.identity.application.TenantExport;
import io.lanyard.identity.infra.TenantDirectory;
import io.lanyard.identity.infra.TenantView;
import io.lanyard.kernel.DomainException;
import io.lanyard.kernel.TenantIds;
import io.lanyard.runtime.api.ApiException;
import io.lanyard.runtime.api.Page;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.logging.Logger;

/** Tenants, for platform operators: {@code /ops/v1/tenants}. */
@Path("/ops/v1/tenants")
@RolesAllowed("lanyard-operator")
@Produces(MediaType.APPLICATION_JSON)
public class TenantResource {

  record CreateTenant(String id, String name) {}

  static final String JSON_LINES = "application/x-ndjson";
  private static final Logger LOG = Logger.getLogger(TenantResource.class);

  private final TenantCommands commands;
  private final TenantDirectory tenants;
  private final TenantExport export;
  private final SecurityIdentity identity;

  TenantResource(
      TenantCommands commands,
      TenantDirectory tenants,
      TenantExport export,
      SecurityIdentity identity) {
    this.commands = commands;
    this.tenants = tenants;
    this.export = export;
    this.identity = identity;
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
   * they are read, for download, ending with an {@code "end"} line. Suspended or not; an unknown
   * tenant is 404, credential-service away 503, both before anything is written.
   */
  @POST
  @Path("/{id}/export")
  @Produces(JSON_LINES)
  @Blocking
  public Response export(@PathParam("id") String id) {
    TenantView tenant = export.tenant(id);
    // Who took a tenant's people out, in the log: as the admin's CSV export with numbers says it.
    LOG.infof("%s exports tenant %s's archive", identity.getPrincipal().getName(), tenant.id());
    InputStream credentialPart;
    try {
      credentialPart = export.credentialPart(tenant);
    } catch (WebApplicationException | ProcessingException e) {
      LOG.warnf("tenant %s's export: credential-service's part: %s", tenant.id(), e.toString());
      throw new ApiException(
              503,
              "credential_service_unavailable",
              "credential-service could not give its part of the archive; try again")
          .withHeader("Retry-After", "5");
    }
    StreamingOutput body =
        out -> {
          try (InputStream theirs = credentialPart) {
            export.write(tenant, theirs, out);
          }
        };
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

  /** What a tenant's erasure answers: which, {@code "erased"}, and when its key was destroyed. */
  public record TenantErasureBody(
      String tenantId,
      @Schema(enumeration = {"erased"}) String status,
      java.time.OffsetDateTime erasedAt) {}

  /**
   * A suspended tenant's exit (issue 23, ADR 7): its key and its users' data keys are destroyed and
   * {@code TenantErased} published, in one transaction; every service then deletes the tenant's
   * rows. A second call answers the same and changes nothing. Take the archive first ({@code
   * /export}): nothing of the people is readable afterwards.
   */
  @POST
  @Path("/{id}/erasure")
  @Operation(summary = "erase a suspended tenant: destroy its keys and its rows everywhere")
  @APIResponse(
      responseCode = "202",
      description = "erased (now or before)",
      content = @Content(schema = @Schema(implementation = TenantErasureBody.class)))
  @APIResponse(responseCode = "404", description = "not_found: no such tenant")
  @APIResponse(
      responseCode = "409",
      description = "tenant_not_suspended: the tenant is active; suspend it first")
  public Uni<Response> erase(@PathParam("id") String id) {
    String operator = identity.getPrincipal().getName();
    if (!TenantIds.valid(id)) {
      throw DomainException.notFound("tenant");
    }
    return commands
        .erase(id, operator)
        .invoke(erasure -> LOG.infof("%s erased tenant %s", operator, erasure.tenantId()))
        .map(
            erasure ->
                Response.status(Response.Status.ACCEPTED)
                    .entity(new TenantErasureBody(erasure.tenantId(), "erased", erasure.erasedAt()))
                    .build());
  }
}
