package io.lanyard.web.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** notification-service's mail settings of the admin's tenant. */
@RegisterRestClient(configKey = "notification-service")
@RegisterClientHeaders(ForwardedAccessToken.class)
@Path("/admin/v1/notifications/settings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface MailSettingsApi {

  /**
   * Subjects by email kind: {@code invitation}, {@code code_changed}, {@code code_regenerated},
   * {@code rotation_notice}, {@code code_rotated}, {@code reminder}; a kind left out of a PUT gets
   * its default subject.
   */
  record MailSettings(
      String senderName,
      Boolean invitationsEnabled,
      String portalUrl,
      Map<String, String> subjects) {}

  @GET
  MailSettings get();

  @PUT
  MailSettings put(MailSettings settings);
}
