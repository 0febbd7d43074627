package io.lanyard.credential.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.lanyard.credential.application.CredentialCommands;
import io.lanyard.credential.application.CredentialHistory;
import io.lanyard.credential.domain.CredentialPolicy;
import io.lanyard.credential.infra.CardView;
import io.lanyard.credential.infra.CredentialRecords;
import io.lanyard.credential.infra.CredentialView;
import io.lanyard.credential.infra.KnownUsers;
import io.lanyard.kernel.DomainException;
import io.lanyard.kernel.Ids;
import io.lanyard.runtime.api.AdminTenant;
import io.lanyard.runtime.api.ApiException;
import io.lanyard.runtime.api.CarriesSecret;
import io.lanyard.runtime.api.Page;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * A user's access code and cards, for the admins of their tenant: {@code /admin/v1/credentials}.
 */
@Path("/admin/v1/credentials/{userId}")
@RolesAllowed("lanyard-admin")
@Produces(MediaType.APPLICATION_JSON)
public class CredentialResource {

  /**
   * What the admin sees: the code always masked, the cards masked; {@code codeSource} as the API
   * names it, {@code generated}, {@code admin} or {@code directory}. The times are absent when
   * there is nothing to say: no code, no start, no expiry, no rotation.
   *
   * @param rotatesAt when the tenant's policy replaces the code (never for the directory's)
   */
  public record Masked(
      String accessCode,
      String codeSource,
      List<CardView> cards,
      @JsonInclude(JsonInclude.Include.NON_NULL) Instant codeChangedAt,
      @JsonInclude(JsonInclude.Include.NON_NULL) Instant codeValidFrom,
      @JsonInclude(JsonInclude.Include.NON_NULL) Instant codeExpiresAt,
      boolean codeExpired,
      @JsonInclude(JsonInclude.Include.NON_NULL) Instant rotatesAt) {

    static Masked of(CredentialView view, CredentialPolicy policy, Instant now) {
      Instant rotatesAt =
          view.hasCode()
              ? policy
                  .rotation()
                  .flatMap(rule -> rule.rotatesAt(view.codeSource(), view.codeChangedAt()))
                  .orElse(null)
              : null;
      return new Masked(
          view.hasCode() ? MASK : null,
          view.codeSource() == null ? null : view.codeSource().wire(),
          view.cards(),
          view.codeChangedAt(),
          view.codeWindow().validFrom(),
          view.codeWindow().expiresAt(),
          view.codeExpired(now),
          rotatesAt);
    }
  }

  record AddCard(String cardNumber, String label) {}

  static final String MASK = "••••••";

  private final AdminTenant adminTenant;
  private final SecurityIdentity identity;
  private final KnownUsers users;
  private final CredentialRecords records;
  private final CredentialCommands commands;
  private final Pool pool;
  private final CredentialHistory history;
  private final CredentialAnswers answers;

  CredentialResource(
      AdminTenant adminTenant,
      SecurityIdentity identity,
      KnownUsers users,
      CredentialRecords records,
      CredentialCommands commands,
      Pool pool,
      CredentialHistory history,
      CredentialAnswers answers) {
    this.answers = answers;
    this.adminTenant = adminTenant;
    this.identity = identity;
    this.users = users;
    this.records = records;
    this.commands = commands;
    this.pool = pool;
    this.history = history;
  }

  @GET
  public Uni<Masked> view(@PathParam("userId") String userId) {
    return forUser(
        userId,
        (tenant, user) -> records.view(pool, user).chain(view -> answers.masked(tenant, view)));
  }

  @GET
  @Path("/history")
  public Uni<Page<Map<String, Object>>> history(@PathParam("userId") String userId) {
    return forUser(userId, (tenant, user) -> history.of(user.toString()))
        .map(entries -> new Page<>(entries, 0, Math.max(entries.size(), 1), entries.size()));
  }

  @POST
  @Path("/access-code/reveal")
  @CarriesSecret
  public Uni<Map<String, String>> reveal(@PathParam("userId") String userId) {
    return forUser(userId, (tenant, user) -> commands.reveal(tenant, user, actor()))
        .map(code -> Map.of("accessCode", code));
  }

  /**
   * A new code (typed or generated), with an expiry or without; or, with {@code expiresAt} alone,
   * the current code's expiry changed ({@code null}: cleared). See {@link AccessCodeRequest}.
   */
  @PUT
  @Path("/access-code")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Masked> changeCode(@PathParam("userId") String userId, JsonNode body) {
    AccessCodeRequest request = AccessCodeRequest.read(body);
    return forUser(
        userId,
        (tenant, user) ->
            (request.newCode()
                    ? commands.changeCode(
                        tenant,
                        user,
                        request.code(),
                        request.notifyUser(),
                        request.expiresAt(),
                        actor())
                    : commands.changeExpiry(tenant, user, request.expiresAt(), actor()))
                .chain(view -> answers.masked(tenant, view)));
  }

  @POST
  @Path("/cards")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Response> addCard(@PathParam("userId") String userId, AddCard body) {
    if (body == null) {
      throw ApiException.badRequest("invalid_json", "a card is a JSON object");
    }
    return forUser(
            userId,
            (tenant, user) ->
                commands.addCard(tenant, user, body.cardNumber(), body.label(), actor()))
        .map(card -> Response.status(201).entity(card).build());
  }

  @DELETE
  @Path("/cards/{cardId}")
  public Uni<Response> removeCard(
      @PathParam("userId") String userId, @PathParam("cardId") String cardId) {
    return forUser(userId, (tenant, user) -> commands.removeCard(tenant, user, cardId, actor()))
        .map(ignored -> Response.noContent().build());
  }

  private <T> Uni<T> forUser(String userId, BiFunction<String, UUID, Uni<T>> work) {
    UUID user = Ids.named(userId, "user");
    return adminTenant
        .of(identity)
        .chain(
            tenant ->
                users
                    .exists(tenant, user)
                    .chain(
                        known -> {
                          if (!known) {
                            throw DomainException.notFound("user");
                          }
                          return work.apply(tenant, user);
                        }));
  }

  private String actor() {
    return identity.getPrincipal().getName();
  }
}
