package io.lanyard.directory.client;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** credential-service's internal commands for directory users (ADR 3). */
@RegisterRestClient(configKey = "credential-service")
@OidcClientFilter
@Path("/internal/v1/tenants/{tenantId}/credentials/{userId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface CredentialServiceClient {

  record Code(String code) {}

  /** A first code, with the new user's email so credential-service knows the user at once. */
  record InitialCode(String code, String email) {}

  record Card(String cardNumber) {}

  @POST
  @Path("/initial-code")
  Uni<Void> initialCode(
      @PathParam("tenantId") String tenantId, @PathParam("userId") String userId, InitialCode code);

  @PUT
  @Path("/directory-code")
  Uni<Void> directoryCode(
      @PathParam("tenantId") String tenantId, @PathParam("userId") String userId, Code code);

  @PUT
  @Path("/directory-card")
  Uni<Void> directoryCard(
      @PathParam("tenantId") String tenantId, @PathParam("userId") String userId, Card card);
}
