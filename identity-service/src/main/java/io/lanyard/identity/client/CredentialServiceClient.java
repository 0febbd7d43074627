package io.lanyard.identity.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
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

/**
 * credential-service's batch command for new users' first codes and cards, called with
 * identity-service's client-credentials identity (one of its named callers). The same command
 * directory-sync calls; this interface is this service's own copy of the few lines it needs.
 */
@RegisterRestClient(configKey = "credential-service")
@OidcClientFilter
@Path("/internal/v1/tenants/{tenantId}/credentials")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface CredentialServiceClient {

  /** One new user: who, their email, the import's code (or none) and card (or none). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record NewUserCredentials(String userId, String email, String code, String cardNumber) {

    @Override
    public String toString() {
      return "NewUserCredentials[userId=" + userId + "]";
    }
  }

  /** {@code dryRun}: check only, write nothing (absent: write). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record NewUsersCredentials(Boolean dryRun, List<NewUserCredentials> users) {}

  /** Per user: done (or acceptable), or refused ({@code error}, {@code message}). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record BatchResult(String userId, String error, String message) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record BatchResults(List<BatchResult> results) {}

  @POST
  @Path("/batch-initial")
  Uni<BatchResults> initialAll(@PathParam("tenantId") String tenantId, NewUsersCredentials users);
}
