package io.lanyard.directory.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.lanyard.kernel.DomainException;
import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** credential-service's internal commands for directory users (ADR 3). */
@RegisterRestClient(configKey = "credential-service")
@OidcClientFilter
@Path("/internal/v1/tenants/{tenantId}/credentials")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface CredentialServiceClient {

  record Code(String code) {}

  /** A first code, with the new user's email so credential-service knows the user at once. */
  record InitialCode(String code, String email) {}

  record Card(String cardNumber) {}

  /** One of a page of new users: their email, the directory's code (or none) and card. */
  record NewUserCredentials(String userId, String email, String code, String cardNumber) {}

  record NewUsersCredentials(List<NewUserCredentials> users) {}

  /**
   * Per user: done, or refused ({@code error}, {@code message}, and {@code kind}: as the single
   * command would have refused it).
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record BatchResult(String userId, String error, String message, String kind) {

    /** The refusal, as the single command's answer would have been translated. */
    public DomainException refusal() {
      DomainException.Kind refused = DomainException.Kind.INVALID;
      for (DomainException.Kind known : DomainException.Kind.values()) {
        if (known.name().equals(kind)) {
          refused = known;
        }
      }
      return new DomainException(refused, error, message);
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  record BatchResults(List<BatchResult> results) {}

  @POST
  @Path("/batch-initial")
  Uni<BatchResults> initialAll(@PathParam("tenantId") String tenantId, NewUsersCredentials users);

  @POST
  @Path("/{userId}/initial-code")
  Uni<Void> initialCode(
      @PathParam("tenantId") String tenantId, @PathParam("userId") String userId, InitialCode code);

  @PUT
  @Path("/{userId}/directory-code")
  Uni<Void> directoryCode(
      @PathParam("tenantId") String tenantId, @PathParam("userId") String userId, Code code);

  @PUT
  @Path("/{userId}/directory-card")
  Uni<Void> directoryCard(
      @PathParam("tenantId") String tenantId, @PathParam("userId") String userId, Card card);
}
