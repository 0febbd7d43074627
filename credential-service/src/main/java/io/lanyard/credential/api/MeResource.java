package io.lanyard.credential.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.lanyard.credential.application.CredentialCommands;
import io.lanyard.credential.application.SecretSealer;
import io.lanyard.credential.domain.TooManyCodeEmails;
import io.lanyard.credential.infra.CardView;
import io.lanyard.credential.infra.CredentialRecords;
import io.lanyard.credentialrules.SecretPurposes;
import io.lanyard.kernel.Ids;
import io.lanyard.runtime.api.ApiException;
import io.lanyard.runtime.api.CarriesSecret;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The signed-in user's own credentials ({@code /me/v1}): their code in clear and their cards
 * masked, removing one of their cards, and having their code emailed to them. The person is found
 * by their identity provider's subject ({@link SignedInUser}).
 */
@Path("/me/v1")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

  /**
   * The user's own code in clear, its expiry (absent: none) and whether it has passed, and their
   * cards masked.
   */
  public record Access(
      String accessCode,
      List<CardView> cards,
      @JsonInclude(JsonInclude.Include.NON_NULL) Instant codeExpiresAt,
      boolean codeExpired) {}

  private final SecurityIdentity identity;
  private final SignedInUser signedIn;
  private final CredentialRecords records;
  private final CredentialCommands commands;
  private final SecretSealer sealer;
  private final Pool pool;
  private final Clock clock;

  MeResource(
      SecurityIdentity identity,
      SignedInUser signedIn,
      CredentialRecords records,
      CredentialCommands commands,
      SecretSealer sealer,
      Pool pool,
      Clock clock) {
    this.clock = clock;
    this.identity = identity;
    this.signedIn = signedIn;
    this.records = records;
    this.commands = commands;
    this.sealer = sealer;
    this.pool = pool;
  }

  @GET
  @Path("/access")
  @CarriesSecret
  public Uni<Access> mine() {
    return signedIn.of(identity).chain(this::access);
  }

  /**
   * Removes one of the user's own cards, as an admin would, recorded as done by the user. Any other
   * id (another user's card, none at all) is not found: nobody learns that a card exists.
   */
  @DELETE
  @Path("/cards/{cardId}")
  public Uni<Response> removeCard(@PathParam("cardId") String cardId) {
    return signedIn
        .of(identity)
        .chain(
            me ->
                commands.removeCard(
                    me.tenantId(),
                    me.userId(),
                    // Canonical, as the user's stream names its cards; no id at all is no card.
                    Ids.named(cardId, "card").toString(),
                    me.userId().toString()))
        .map(ignored -> Response.noContent().build());
  }

  /**
   * Emails the user their current code, as a reminder, to their own address (notification-service
   * sends it). Too soon after the last: 429 {@code too_many_reminders} with {@code Retry-After};
   * the user may be told, it is their own code.
   */
  @POST
  @Path("/access-code/email")
  public Uni<Response> emailCode() {
    return signedIn
        .of(identity)
        .chain(me -> commands.requestCodeEmail(me.tenantId(), me.userId()))
        .onFailure(TooManyCodeEmails.class)
        .transform(tooSoon -> tooManyReminders((TooManyCodeEmails) tooSoon))
        .map(ignored -> Response.accepted().build());
  }

  private Uni<Access> access(SignedInUser.Me me) {
    return records
        .view(pool, me.userId())
        .map(
            view ->
                new Access(
                    view.codeCiphertext() == null
                        ? null
                        : sealer.open(
                            me.tenantId(), SecretPurposes.ACCESS_CODE, view.codeCiphertext()),
                    view.cards(),
                    view.codeWindow().expiresAt(),
                    view.codeExpired(clock.instant())));
  }

  private static ApiException tooManyReminders(TooManyCodeEmails tooSoon) {
    return new ApiException(429, tooSoon.code(), tooSoon.getMessage())
        .withHeader("Retry-After", seconds(tooSoon.retryAfter()));
  }

  /** Whole seconds, rounded up and never 0 (which would invite a retry at once). */
  private static String seconds(Duration wait) {
    return Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000));
  }
}
