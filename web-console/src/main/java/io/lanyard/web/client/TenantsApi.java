package io.lanyard.web.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** identity-service's operator API: the tenants (organisations) Lanyard serves. */
@RegisterRestClient(configKey = "identity-service")
@RegisterClientHeaders(ForwardedAccessToken.class)
@Path("/ops/v1/tenants")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface TenantsApi {

  record Tenant(String id, String name, String status, String createdAt) {

    public boolean active() {
      return "active".equals(status);
    }
  }

  record NewTenant(String id, String name) {}

  @GET
  ApiPage<Tenant> list();

  @POST
  Tenant create(NewTenant tenant);

  @POST
  @Path("/{id}/suspend")
  Tenant suspend(@PathParam("id") String id);
}
