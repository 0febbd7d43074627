package io.lanyard.identity.api;

import io.lanyard.identity.application.UserCommands;
import io.lanyard.identity.domain.DeleteReason;
import io.lanyard.identity.domain.Origin;
import io.lanyard.identity.domain.SuspendReason;
import io.lanyard.identity.domain.User;
import io.lanyard.identity.domain.UserProfile;
import io.lanyard.identity.infra.TenantDirectory;
import io.lanyard.identity.infra.UserDirectory;
import io.lanyard.identity.infra.UserView;
import io.lanyard.kernel.DomainException;
import io.lanyard.runtime.api.ApiException;
import io.lanyard.runtime.api.InternalCallers;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Commands for directory-sync, with a service identity only: create or update a user by the
 * directory's external id (idempotent: the same profile again changes nothing), suspend,
 * reactivate, delete. Inside the cluster, not on the public Ingress.
 */
@Path("/internal/v1/tenants/{tenantId}/users")
@RolesAllowed("lanyard-service")
@InternalCallers(InternalCallers.DIRECTORY_SYNC)
@Produces(MediaType.APPLICATION_JSON)
public class InternalUserResource {

  private static final int MOST_IN_A_BATCH = 1000;

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
    body.person();
    return tenants
        .requireActive(tenantId)
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
   * directory-sync: a page of a directory's users created together (a Google sync's page, SCIM
   * creates that arrived together). Each user's result is theirs: created (with the user as
   * created), already there (the caller updates them), or refused.
   */
  @POST
  @Path("/batch/{origin}")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Map<String, Object>> createAll(
      @PathParam("tenantId") String tenantId,
      @PathParam("origin") String origin,
      UserRequests.CreateDirectoryUsers body) {
    if (body == null || body.users() == null || body.users().size() > MOST_IN_A_BATCH) {
      throw ApiException.badRequest(
          "invalid_batch",
          "a batch is {\"users\":[...]} with at most " + MOST_IN_A_BATCH + " users");
    }
    Origin source = Origin.fromWire(origin);
    if (source == Origin.MANUAL) {
      throw DomainException.invalidField("origin", "must be google or scim");
    }
    List<Map<String, Object>> refusedEarly = new ArrayList<>();
    List<UserCommands.DirectoryUser> valid = new ArrayList<>();
    for (UserRequests.DirectoryUserRequest user : body.users()) {
      try {
        valid.add(
            new UserCommands.DirectoryUser(
                User.checkExternalId(user.externalId()),
                new UserProfile(
                    user.username(),
                    user.displayName(),
                    user.email(),
                    user.orgUnit(),
                    user.locale()),
                user.suspended()));
      } catch (DomainException refused) {
        refusedEarly.add(result(user.externalId(), null, false, null, refused));
      }
    }
    return tenants
        .requireActive(tenantId)
        .chain(() -> commands.createAll(tenantId, source, valid))
        .map(
            results -> {
              // In the order of the request, whatever order they were decided in.
              Map<String, java.util.Deque<Map<String, Object>>> byId = new java.util.HashMap<>();
              refusedEarly.forEach(
                  r ->
                      byId.computeIfAbsent(
                              (String) r.get("externalId"), k -> new java.util.ArrayDeque<>())
                          .add(r));
              results.forEach(
                  r ->
                      byId.computeIfAbsent(r.externalId(), k -> new java.util.ArrayDeque<>())
                          .add(
                              result(
                                  r.externalId(), r.userId(), r.created(), r.user(), r.refused())));
              List<Map<String, Object>> answer = new ArrayList<>();
              body.users().forEach(user -> answer.add(byId.get(user.externalId()).poll()));
              return Map.of("results", answer);
            });
  }

  private static Map<String, Object> result(
      String externalId, String userId, boolean created, UserView user, DomainException refused) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("externalId", externalId);
    result.put("userId", userId);
    result.put("created", created);
    if (user != null) {
      // The caller records the new user as they are, without reading them back.
      result.put("user", user);
    }
    if (refused != null) {
      result.put("error", refused.code());
      result.put("message", refused.getMessage());
    }
    return result;
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
    body.person();
    return tenants
        .requireActive(tenantId)
        .chain(() -> commands.update(tenantId, id, current -> body.profile()));
  }

  @POST
  @Path("/{id}/suspend")
  public Uni<UserView> suspend(@PathParam("tenantId") String tenantId, @PathParam("id") String id) {
    return tenants
        .requireActive(tenantId)
        .chain(() -> commands.suspend(tenantId, id, SuspendReason.DIRECTORY));
  }

  @POST
  @Path("/{id}/reactivate")
  public Uni<UserView> reactivate(
      @PathParam("tenantId") String tenantId, @PathParam("id") String id) {
    return tenants.requireActive(tenantId).chain(() -> commands.reactivate(tenantId, id));
  }

  @DELETE
  @Path("/{id}")
  public Uni<Response> delete(@PathParam("tenantId") String tenantId, @PathParam("id") String id) {
    return tenants
        .requireActive(tenantId)
        .chain(() -> commands.delete(tenantId, id, DeleteReason.DIRECTORY))
        .map(ignored -> Response.noContent().build());
  }
}
