package io.lanyard.web.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** identity-service's admin API: the tenant's users (the tenant is the admin token's). */
@RegisterRestClient(configKey = "identity-service")
@RegisterClientHeaders(ForwardedAccessToken.class)
@Path("/admin/v1/users")
@Produces(MediaType.APPLICATION_JSON)
public interface UsersApi {

  record User(
      String id, String username, String displayName, String email, String status, String origin) {}

  record Page(List<User> items, int page, int size, long total) {

    public boolean hasPrevious() {
      return page > 0;
    }

    public boolean hasNext() {
      return (long) (page + 1) * size < total;
    }

    public int previous() {
      return page - 1;
    }

    public int next() {
      return page + 1;
    }
  }

  @GET
  Page list(
      @QueryParam("q") String query, @QueryParam("page") int page, @QueryParam("size") int size);
}
