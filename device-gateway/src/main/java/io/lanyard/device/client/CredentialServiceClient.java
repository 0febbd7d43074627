package io.lanyard.device.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * credential-service's internal commands, called with this service's own identity (an OIDC
 * client-credentials token, fetched and refreshed by the filter).
 */
@RegisterRestClient(configKey = "credential-service")
@OidcClientFilter
@Path("/internal/v1/tenants/{tenantId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface CredentialServiceClient {

  record CardByCode(String code, String cardNumber, String deviceId) {}

  // Answers may grow: read what we need, ignore the rest.
  @JsonIgnoreProperties(ignoreUnknown = true)
  record RegisteredCard(String userId, String cardId) {}

  @POST
  @Path("/cards/by-code")
  Uni<RegisteredCard> registerCardByCode(@PathParam("tenantId") String tenantId, CardByCode body);
}
