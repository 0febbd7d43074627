package io.lanyard.credential.client;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** identity-service's internal API, with this service's own client-credentials identity. */
@RegisterRestClient(configKey = "identity-service")
@OidcClientFilter
@Path("/internal/v1/tenants/{tenantId}/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface IdentityServiceClient {

  record UserIds(List<String> ids) {}

  /** Which of these users exist in the tenant. */
  @POST
  @Path("/existing")
  Uni<UserIds> existing(@PathParam("tenantId") String tenantId, UserIds ids);
}
