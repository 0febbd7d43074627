package io.lanyard.web.client;

import io.lanyard.web.client.SelfServiceApi.Card;
import io.lanyard.web.web.UtcTimes;
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

  /**
   * The code masked, where it came from, the cards masked; when the code changed, the window it
   * works in ({@code codeExpiresAt}, {@code codeExpired}) and when the policy will replace it.
   */
  record Credentials(
      String accessCode,
      String codeSource,
      List<Card> cards,
      String codeChangedAt,
      String codeValidFrom,
      String codeExpiresAt,
      Boolean codeExpired,
      String rotatesAt) {

    public Credentials(String accessCode, String codeSource, List<Card> cards) {
      this(accessCode, codeSource, cards, null, null, null, false, null);
    }

    public boolean hasCode() {
      return accessCode != null;
    }

    public boolean expired() {
      return Boolean.TRUE.equals(codeExpired);
    }

    /** The expiry as the expiry form's {@code datetime-local} value (UTC); empty for none. */
    public String expiresAtInput() {
      return UtcTimes.input(codeExpiresAt);
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

  /**
   * Only the current code's expiry: {@code {"expiresAt":"…"}}, or {@code {"expiresAt":null}} to
   * clear it (a map, so that the null is sent rather than left out).
   */
  @PUT
  @Path("/access-code")
  Credentials changeExpiry(@PathParam("userId") String userId, Map<String, Object> expiry);

  @POST
  @Path("/cards")
  Card addCard(@PathParam("userId") String userId, AddCard card);

  @DELETE
  @Path("/cards/{cardId}")
  void removeCard(@PathParam("userId") String userId, @PathParam("cardId") String cardId);
}
