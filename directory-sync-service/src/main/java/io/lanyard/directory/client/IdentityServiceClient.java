package io.lanyard.directory.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** identity-service's internal commands, with this service's client-credentials identity. */
@RegisterRestClient(configKey = "identity-service")
@OidcClientFilter
@Path("/internal/v1/tenants/{tenantId}/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface IdentityServiceClient {

  record Profile(
      String username, String displayName, String email, String orgUnit, String locale) {}

  /** A user as identity-service answers. */
  // Answers may grow: read what we need, ignore the rest.
  @JsonIgnoreProperties(ignoreUnknown = true)
  record User(
      String id,
      String username,
      String displayName,
      String email,
      String locale,
      String status,
      String origin,
      String externalId,
      String createdAt,
      String updatedAt,
      long version) {}

  /** One of a page of a directory's users to create. */
  record NewUser(
      String externalId,
      String username,
      String displayName,
      String email,
      String orgUnit,
      String locale,
      boolean suspended) {}

  record NewUsers(java.util.List<NewUser> users) {}

  /**
   * Per user: created (its id, and the user as created) or already there (its id), or refused
   * ({@code error}, {@code message}).
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record BatchResult(
      String externalId, String userId, boolean created, User user, String error, String message) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record BatchResults(java.util.List<BatchResult> results) {}

  @POST
  @Path("/batch/{origin}")
  Uni<BatchResults> createAll(
      @PathParam("tenantId") String tenantId, @PathParam("origin") String origin, NewUsers users);

  @PUT
  @Path("/by-external-id/{origin}/{externalId}")
  Uni<Response> upsert(
      @PathParam("tenantId") String tenantId,
      @PathParam("origin") String origin,
      @PathParam("externalId") String externalId,
      Profile profile);

  @PUT
  @Path("/{id}")
  Uni<User> replace(
      @PathParam("tenantId") String tenantId, @PathParam("id") String id, Profile profile);

  @POST
  @Path("/{id}/suspend")
  Uni<User> suspend(@PathParam("tenantId") String tenantId, @PathParam("id") String id);

  @POST
  @Path("/{id}/reactivate")
  Uni<User> reactivate(@PathParam("tenantId") String tenantId, @PathParam("id") String id);

  @DELETE
  @Path("/{id}")
  Uni<Void> delete(@PathParam("tenantId") String tenantId, @PathParam("id") String id);
}
