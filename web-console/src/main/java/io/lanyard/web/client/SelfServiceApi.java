package io.lanyard.web.client;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** credential-service's self-service API: the signed-in person's own code and cards. */
@RegisterRestClient(configKey = "credential-service")
@RegisterClientHeaders(ForwardedAccessToken.class)
@Path("/me/v1")
@Produces(MediaType.APPLICATION_JSON)
public interface SelfServiceApi {

  /** A card as the services show it: masked. */
  record Card(String id, String label, String maskedNumber, String source) {}

  /** The person's code in clear (null when they have none) and their cards. */
  record Access(String accessCode, List<Card> cards) {}

  @GET
  @Path("/access")
  Access access();

  @DELETE
  @Path("/cards/{cardId}")
  void removeCard(@PathParam("cardId") String cardId);

  @POST
  @Path("/access-code/email")
  void emailCode();
}
