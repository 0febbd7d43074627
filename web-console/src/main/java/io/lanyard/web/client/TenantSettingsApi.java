package io.lanyard.web.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** identity-service's settings of the admin's tenant: how long ended guests are kept. */
@RegisterRestClient(configKey = "identity-service")
@RegisterClientHeaders(ForwardedAccessToken.class)
@Path("/admin/v1/tenant-settings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface TenantSettingsApi {

  /** Days a guest is kept after their window ended, before they are deleted (1 to 3650). */
  record TenantSettings(Integer guestRetentionDays) {}

  @GET
  TenantSettings get();

  @PUT
  TenantSettings put(TenantSettings settings);
}
