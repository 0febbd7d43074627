package io.lanyard.directory.api;

import io.lanyard.directory.application.google.AutomaticGoogleSync;
import io.lanyard.kernel.TenantIds;
import io.lanyard.runtime.api.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Google's push notifications for a tenant's {@code users.watch} channel. Google signs nothing: the
 * channel's token, which only Google and this service know, is what proves the sender. No OIDC
 * here; the body (the changed user) is not needed, a run reads the directory.
 */
@Path("/webhooks/google/{tenantId}")
@Produces(MediaType.APPLICATION_JSON)
public class GoogleWebhookResource {

  private final AutomaticGoogleSync automatic;

  GoogleWebhookResource(AutomaticGoogleSync automatic) {
    this.automatic = automatic;
  }

  @POST
  public Uni<Response> notified(
      @PathParam("tenantId") String tenantId,
      @HeaderParam("X-Goog-Channel-ID") String channelId,
      @HeaderParam("X-Goog-Channel-Token") String token,
      @HeaderParam("X-Goog-Resource-State") String state) {
    if (!TenantIds.valid(tenantId)) {
      // No tenant has such an id, so no channel either: the same answer as a wrong token.
      throw unknownChannel();
    }
    return automatic
        .notified(tenantId, channelId, token, state)
        .map(
            genuine -> {
              if (!genuine) {
                throw unknownChannel();
              }
              return Response.ok().build();
            });
  }

  private static ApiException unknownChannel() {
    return ApiException.unauthorized(
        "unknown_channel", "not a channel of this tenant, or a wrong channel token");
  }
}
