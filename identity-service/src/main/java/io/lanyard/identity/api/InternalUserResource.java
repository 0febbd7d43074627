package io.lanyard.identity.api;

import io.lanyard.identity.application.UserCommands;
import io.lanyard.identity.application.UserView;
import io.lanyard.identity.domain.Origin;
import io.lanyard.identity.infra.TenantDirectory;
import io.lanyard.identity.infra.UserDirectory;
import io.lanyard.kernel.DomainException;
import io.lanyard.runtime.api.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Commands for directory-sync, with a service identity only: create or update a user by the
 * directory's external id (idempotent: the same profile again changes nothing), suspend,
 * reactivate, delete. Inside the cluster, not on the public Ingress.
 */
@Path("/internal/v1/tenants/{tenantId}/users")
@RolesAllowed("lanyard-service")
@Produces(MediaType.APPLICATION_JSON)
public class InternalUserResource {

  private final TenantDirectory tenants;
  private final UserDirectory users;
  private final UserCommands commands;

  InternalUserResource(TenantDirectory tenants, UserDirectory users, UserCommands commands) {
    this.tenants = tenants;
    this.users = users;
    this.commands = commands;
  }

  @PUT
  @Path("/by-external-id/{origin}/{externalId}")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Response> upsert(
      @PathParam("tenantId") String tenantId,
      @PathParam("origin") String origin,
      @PathParam("externalId") String externalId,
      UserRequests.CreateUser body) {
    if (body == null) {
      throw ApiException.badRequest("invalid_json", "a user is a JSON object");
    }
    Origin source = Origin.fromWire(origin);
    if (source == Origin.MANUAL) {
      throw DomainException.invalidField("origin", "must be google or scim");
    }
    return activeTenant(tenantId)
        .chain(() -> users.findByExternalId(tenantId, source.wire(), externalId))
        .chain(
            existing ->
                existing.isPresent()
                    ? commands
                        .update(tenantId, existing.get().id(), current -> body.profile())
                        .map(user -> Response.ok(user).build())
                    : commands
                        .create(tenantId, body.profile(), source, externalId)
                        .map(user -> Response.status(201).entity(user).build()));
  }

  /**
   * directory-sync: a user's whole profile, whatever their origin (SCIM matches hand-made users).
   */
  @PUT
  @Path("/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<UserView> replace(
      @PathParam("tenantId") String tenantId,
      @PathParam("id") String id,
      UserRequests.CreateUser body) {
    if (body == null) {
      throw ApiException.badRequest("invalid_json", "a user is a JSON object");
    }
    return activeTenant(tenantId)
        .chain(() -> commands.update(tenantId, id, current -> body.profile()));
  }

  @POST
  @Path("/{id}/suspend")
  public Uni<UserView> suspend(@PathParam("tenantId") String tenantId, @PathParam("id") String id) {
    return activeTenant(tenantId).chain(() -> commands.suspend(tenantId, id));
  }

  @POST
  @Path("/{id}/reactivate")
  public Uni<UserView> reactivate(
      @PathParam("tenantId") String tenantId, @PathParam("id") String id) {
    return activeTenant(tenantId).chain(() -> commands.reactivate(tenantId, id));
  }

  @DELETE
  @Path("/{id}")
  public Uni<Response> delete(@PathParam("tenantId") String tenantId, @PathParam("id") String id) {
    return activeTenant(tenantId)
        .chain(() -> commands.delete(tenantId, id))
        .map(ignored -> Response.noContent().build());
  }

  private Uni<Void> activeTenant(String tenantId) {
    return tenants
        .isActive(tenantId)
        .invoke(
            active -> {
              if (!active) {
                throw DomainException.notFound("tenant");
              }
            })
        .replaceWithVoid();
  }
}
