package io.lanyard.web.client;

import io.lanyard.web.client.SelfServiceApi.Card;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** credential-service's admin API: a user's code and cards, and what happened to them. */
@RegisterRestClient(configKey = "credential-service")
@RegisterClientHeaders(ForwardedAccessToken.class)
@Path("/admin/v1/credentials/{userId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface CredentialsApi {

  /** The code masked, where it came from, the cards masked. */
  record Credentials(String accessCode, String codeSource, List<Card> cards) {

    public boolean hasCode() {
      return accessCode != null;
    }
  }

  /** A typed code, or {@code generate}; {@code notifyUser} for "Save and email". */
  record ChangeCode(String code, Boolean generate, Boolean notifyUser) {}

  record AddCard(String cardNumber, String label) {}

  record Revealed(String accessCode) {}

  @GET
  Credentials view(@PathParam("userId") String userId);

  @GET
  @Path("/history")
  ApiPage<Map<String, Object>> history(@PathParam("userId") String userId);

  @POST
  @Path("/access-code/reveal")
  Revealed reveal(@PathParam("userId") String userId);

  @PUT
  @Path("/access-code")
  Credentials changeCode(@PathParam("userId") String userId, ChangeCode change);

  @POST
  @Path("/cards")
  Card addCard(@PathParam("userId") String userId, AddCard card);

  @DELETE
  @Path("/cards/{cardId}")
  void removeCard(@PathParam("userId") String userId, @PathParam("cardId") String cardId);
}
