package io.lanyard.identity.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.lanyard.identity.application.UserCommands;
import io.lanyard.identity.domain.DeleteReason;
import io.lanyard.identity.domain.Origin;
import io.lanyard.identity.domain.SuspendReason;
import io.lanyard.identity.domain.UserKind;
import io.lanyard.identity.domain.UserStatus;
import io.lanyard.identity.infra.UserDirectory;
import io.lanyard.identity.infra.UserView;
import io.lanyard.kernel.DomainException;
import io.lanyard.kernel.Ids;
import io.lanyard.runtime.api.AdminTenant;
import io.lanyard.runtime.api.ApiException;
import io.lanyard.runtime.api.Page;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Users of the admin's tenant: {@code /admin/v1/users}. */
@Path("/admin/v1/users")
@RolesAllowed("lanyard-admin")
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

  private final AdminTenant adminTenant;
  private final SecurityIdentity identity;
  private final UserCommands commands;
  private final UserDirectory users;

  UserResource(
      AdminTenant adminTenant,
      SecurityIdentity identity,
      UserCommands commands,
      UserDirectory users) {
    this.adminTenant = adminTenant;
    this.identity = identity;
    this.commands = commands;
    this.users = users;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Response> create(UserRequests.CreateUser body) {
    if (body == null) {
      throw ApiException.badRequest("invalid_json", "a user is a JSON object");
    }
    return adminTenant
        .of(identity)
        .chain(
            tenant ->
                commands.createByAdmin(
                    tenant,
                    body.profile(),
                    body.kindText(),
                    body.validFromText(),
                    body.validUntilText()))
        .map(user -> Response.status(201).entity(user).build());
  }

  @GET
  public Uni<Page<UserView>> list(
      @QueryParam("q") String query,
      // Kept in step with UserListFilters (IdentityApiTest compares them).
      @Parameter(
              description = "only users of this status; absent: any",
              schema =
                  @Schema(
                      type = SchemaType.STRING,
                      enumeration = {"active", "suspended"}))
          @QueryParam("status")
          String status,
      @Parameter(
              description = "only users from here: created by an admin, or by a directory",
              schema =
                  @Schema(
                      type = SchemaType.STRING,
                      enumeration = {"manual", "google", "scim"}))
          @QueryParam("origin")
          String origin,
      @Parameter(
              description = "only people, or only guests; absent: any",
              schema =
                  @Schema(
                      type = SchemaType.STRING,
                      enumeration = {"person", "guest"}))
          @QueryParam("kind")
          String kind,
      @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "0")) @QueryParam("page")
          String page,
      @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200"))
          @QueryParam("size")
          String size) {
    int checkedPage = Page.page(page);
    int checkedSize = Page.size(size);
    UserStatus checkedStatus = UserListFilters.status(status);
    Origin checkedOrigin = UserListFilters.origin(origin);
    UserKind checkedKind = UserListFilters.kind(kind);
    return adminTenant
        .of(identity)
        .chain(
            tenant ->
                users.search(
                    tenant,
                    query,
                    checkedStatus,
                    checkedOrigin,
                    checkedKind,
                    checkedPage,
                    checkedSize));
  }

  @GET
  @Path("/{id}")
  public Uni<UserView> get(@PathParam("id") String id) {
    return adminTenant
        .of(identity)
        .chain(tenant -> users.find(tenant, Ids.named(id, "user")))
        .map(user -> user.orElseThrow(() -> DomainException.notFound("user")));
  }

  @PATCH
  @Path("/{id}")
  @Consumes({"application/merge-patch+json", MediaType.APPLICATION_JSON})
  public Uni<UserView> update(@PathParam("id") String id, JsonNode patch) {
    return adminTenant
        .of(identity)
        .chain(
            tenant ->
                commands.edit(tenant, id, current -> UserRequests.mergePatch(current, patch)));
  }

  @DELETE
  @Path("/{id}")
  public Uni<Response> delete(@PathParam("id") String id) {
    return adminTenant
        .of(identity)
        .chain(tenant -> commands.delete(tenant, id, DeleteReason.ADMIN))
        .map(ignored -> Response.noContent().build());
  }

  @POST
  @Path("/{id}/suspend")
  public Uni<UserView> suspend(@PathParam("id") String id) {
    return adminTenant
        .of(identity)
        .chain(tenant -> commands.suspend(tenant, id, SuspendReason.ADMIN));
  }

  @POST
  @Path("/{id}/reactivate")
  public Uni<UserView> reactivate(@PathParam("id") String id) {
    return adminTenant.of(identity).chain(tenant -> commands.reactivate(tenant, id));
  }

  /** What an erasure answers: whose, {@code "erased"}, and when the key was destroyed. */
  public record ErasureBody(
      String userId,
      @Schema(enumeration = {"erased"}) String status,
      java.time.OffsetDateTime erasedAt) {}

  /**
   * Erases a deleted user (ADR 7): their data key is destroyed and {@code UserErased} published, in
   * one transaction; every service then removes the person's data. A second call answers the same
   * and changes nothing.
   */
  @POST
  @Path("/{id}/erasure")
  @Operation(summary = "erase a deleted user: destroy their data key (ADR 7)")
  @APIResponse(
      responseCode = "202",
      description = "erased (now or before)",
      content = @Content(schema = @Schema(implementation = ErasureBody.class)))
  @APIResponse(responseCode = "404", description = "not_found: no such user in the tenant")
  @APIResponse(
      responseCode = "409",
      description = "user_not_deleted: the user exists; delete them first")
  public Uni<Response> erase(@PathParam("id") String id) {
    return adminTenant
        .of(identity)
        .chain(tenant -> commands.erase(tenant, id, identity.getPrincipal().getName()))
        .map(
            erasure ->
                Response.status(Response.Status.ACCEPTED)
                    .entity(new ErasureBody(erasure.userId(), "erased", erasure.erasedAt()))
                    .build());
  }
}
