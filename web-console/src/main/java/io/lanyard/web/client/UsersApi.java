package io.lanyard.web.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.lanyard.web.web.UtcTimes;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** identity-service's admin API: the tenant's users (the tenant is the admin token's). */
@RegisterRestClient(configKey = "identity-service")
@RegisterClientHeaders(ForwardedAccessToken.class)
@Path("/admin/v1/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface UsersApi {

  record User(
      String id,
      String username,
      String displayName,
      String email,
      String orgUnit,
      String status,
      String origin,
      String externalId,
      String kind,
      String validFrom,
      String validUntil) {

    public boolean active() {
      return "active".equals(status);
    }

    /** A visitor or contractor whose code and cards work inside a window only. */
    public boolean guest() {
      return "guest".equals(kind);
    }

    /** A guest whose window is over (the identity scheduler suspends them; shown as ended). */
    public boolean windowEnded() {
      return guest() && UtcTimes.past(validUntil);
    }

    public String validFromInput() {
      return UtcTimes.input(validFrom);
    }

    public String validUntilInput() {
      return UtcTimes.input(validUntil);
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

  /** A guest as the "Add guest" form sends it; the window's instants in RFC 3339, UTC. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record NewUser(
      String username,
      String displayName,
      String email,
      String kind,
      String validFrom,
      String validUntil) {}

  @GET
  ApiPage<User> list(
      @QueryParam("q") String query,
      @QueryParam("status") String status,
      @QueryParam("origin") String origin,
      @QueryParam("kind") String kind,
      @QueryParam("page") int page,
      @QueryParam("size") int size);

  @POST
  User create(NewUser user);

  /** A JSON merge patch: only the fields given change. */
  @PATCH
  @Path("/{id}")
  User patch(@PathParam("id") String id, Map<String, Object> changes);

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
