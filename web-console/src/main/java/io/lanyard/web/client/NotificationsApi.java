package io.lanyard.web.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** notification-service's admin API: the emails sent to a user. */
@RegisterRestClient(configKey = "notification-service")
@RegisterClientHeaders(ForwardedAccessToken.class)
@Path("/admin/v1/notifications")
@Produces(MediaType.APPLICATION_JSON)
public interface NotificationsApi {

  record Mail(
      String id, String kind, String createdAt, String status, int attempts, String sentAt) {}

  @GET
  ApiPage<Mail> sentTo(@QueryParam("userId") String userId);
}
