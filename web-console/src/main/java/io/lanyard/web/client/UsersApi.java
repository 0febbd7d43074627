package io.lanyard.web.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** identity-service's admin API: the tenant's users (the tenant is the admin token's). */
@RegisterRestClient(configKey = "identity-service")
@RegisterClientHeaders(ForwardedAccessToken.class)
@Path("/admin/v1/users")
@Produces(MediaType.APPLICATION_JSON)
public interface UsersApi {

  record User(
      String id,
      String username,
      String displayName,
      String email,
      String orgUnit,
      String status,
      String origin,
      String externalId) {

    public boolean active() {
      return "active".equals(status);
    }

    /** Where the user (and a directory's code) comes from, as an admin reads it. */
    public String directory() {
      return switch (origin == null ? "" : origin) {
        case "google" -> "Google Workspace";
        case "scim" -> "Microsoft Entra ID";
        default -> null;
      };
    }
  }

  @GET
  ApiPage<User> list(
      @QueryParam("q") String query,
      @QueryParam("status") String status,
      @QueryParam("origin") String origin,
      @QueryParam("page") int page,
      @QueryParam("size") int size);

  @GET
  @Path("/{id}")
  User get(@PathParam("id") String id);

  @POST
  @Path("/{id}/suspend")
  User suspend(@PathParam("id") String id);

  @POST
  @Path("/{id}/reactivate")
  User reactivate(@PathParam("id") String id);
}
