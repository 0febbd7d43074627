package io.lanyard.credential.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.lanyard.credential.application.BatchOrigin;
import io.lanyard.credential.application.CredentialCommands;
import io.lanyard.credential.application.DirectoryBatchProvisioning;
import io.lanyard.credential.application.DirectoryBatchProvisioning.BatchMode;
import io.lanyard.credential.application.DirectoryBatchProvisioning.BatchResult;
import io.lanyard.credential.application.DirectoryBatchProvisioning.DirectoryCredentials;
import io.lanyard.credential.client.UserOwnership;
import io.lanyard.credential.infra.CredentialView;
import io.lanyard.credential.infra.KnownUsers;
import io.lanyard.kernel.DomainException;
import io.lanyard.kernel.Ids;
import io.lanyard.runtime.api.ApiException;
import io.lanyard.runtime.api.Claims;
import io.lanyard.runtime.api.InternalCallers;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Commands for device-gateway, directory-sync and identity-service's CSV import, with a service
 * identity only. Inside the cluster, not on the public Ingress. Re-sending the current value
 * changes nothing.
 */
@Path("/internal/v1/tenants/{tenantId}")
@RolesAllowed("lanyard-service")
@InternalCallers(InternalCallers.DIRECTORY_SYNC)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InternalCredentialResource {

  record InitialCode(String code, String email) {}

  record CardByCode(String code, String cardNumber, String deviceId) {}

  private static final int MOST_IN_A_BATCH = 1000;

  private final KnownUsers users;
  private final UserOwnership ownership;
  private final CredentialCommands commands;
  private final DirectoryBatchProvisioning batchProvisioning;
  private final CredentialAnswers answers;
  private final SecurityIdentity identity;

  InternalCredentialResource(
      KnownUsers users,
      UserOwnership ownership,
      CredentialCommands commands,
      DirectoryBatchProvisioning batchProvisioning,
      CredentialAnswers answers,
      SecurityIdentity identity) {
    this.identity = identity;
    this.answers = answers;
    this.users = users;
    this.ownership = ownership;
    this.commands = commands;
    this.batchProvisioning = batchProvisioning;
  }

  /**
   * directory-sync: a provisioned user's first code (ADR 3); without a code, one is generated. With
   * the user's {@code email}, a user identity-service has just created is taken as known at once.
   */
  @POST
  @Path("/credentials/{userId}/initial-code")
  public Uni<Response> initialCode(
      @PathParam("tenantId") String tenant, @PathParam("userId") String userId, InitialCode body) {
    UUID user = Ids.named(userId, "user");
    Uni<Void> announced =
        body != null && body.email() != null
            ? users.announced(tenant, user, body.email().strip().toLowerCase(java.util.Locale.ROOT))
            : Uni.createFrom().voidItem();
    return users
        .requireActive(tenant)
        .chain(() -> theTenants(tenant, user))
        .chain(() -> announced)
        .chain(
            () ->
                forUser(
                    tenant,
                    userId,
                    known ->
                        commands.initialCode(tenant, known, body == null ? null : body.code())));
  }

  /** One of a directory's new users: who, their email, their code (or none) and card (or none). */
  record DirectoryUserCredentials(String userId, String email, String code, String cardNumber) {}

  /**
   * A page of new users; with {@code dryRun}, everything is checked as it would be and nothing is
   * written.
   */
  record InitialCredentials(List<DirectoryUserCredentials> users, Boolean dryRun) {}

  /**
   * directory-sync (Google sync) and identity-service (CSV import): first codes and cards for a
   * page of new users together. Each user's result is theirs: done, or refused with the reason.
   * What the caller is decides what the codes and cards are ({@link BatchOrigin}): the directory's,
   * or an import's (source {@code admin}, cause {@code import}); a guest's code gets the guest's
   * window as this service knows it.
   */
  @POST
  @Path("/credentials/batch-initial")
  @InternalCallers({InternalCallers.DIRECTORY_SYNC, InternalCallers.IDENTITY})
  public Uni<Map<String, Object>> initialAll(
      @PathParam("tenantId") String tenant, InitialCredentials body) {
    if (body == null || body.users() == null || body.users().size() > MOST_IN_A_BATCH) {
      throw ApiException.badRequest(
          "invalid_batch",
          "a batch is {\"users\":[...], \"dryRun\"?} with at most " + MOST_IN_A_BATCH + " users");
    }
    List<DirectoryCredentials> batch = new ArrayList<>();
    for (DirectoryUserCredentials user : body.users()) {
      if (user == null) {
        throw DomainException.invalidField("users", "holds a null where a user belongs");
      }
      UUID id = Ids.field(user.userId(), "userId");
      batch.add(new DirectoryCredentials(id, user.code(), user.cardNumber()));
    }
    BatchOrigin origin =
        InternalCallers.IDENTITY.equals(callerClient())
            ? BatchOrigin.IMPORT
            : BatchOrigin.DIRECTORY;
    boolean dryRun = Boolean.TRUE.equals(body.dryRun());
    List<UUID> ids = batch.stream().map(DirectoryCredentials::userId).toList();
    // Unlike a single user's first code, the page's users are not announced to KnownUsers: the
    // feed learns them from identity's UserCreated while this runs, and inserting the same rows
    // here made the two wait on (and deadlock with) each other. A guest not known yet gets their
    // window when their UserCreated arrives (IdentityFeed).
    return users
        .requireActive(tenant)
        .chain(() -> dryRun ? ownership.forDryRun(tenant, ids) : ownership.ofTenant(tenant, ids))
        .chain(
            theirs ->
                users
                    .guestWindows(tenant, ids)
                    .chain(
                        windows ->
                            batchProvisioning.provision(
                                tenant, batch, theirs, new BatchMode(origin, windows, dryRun))))
        .map(
            results ->
                Map.of("results", results.stream().map(InternalCredentialResource::item).toList()));
  }

  /** The calling service's client id, as its token names it. */
  private String callerClient() {
    if (!(identity.getPrincipal() instanceof JsonWebToken token)) {
      return null;
    }
    String client = Claims.text(token, "azp");
    return client != null ? client : Claims.text(token, "client_id");
  }

  private static Map<String, Object> item(BatchResult result) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("userId", result.userId().toString());
    if (result.refused() != null) {
      item.put("error", result.refused().code());
      item.put("message", result.refused().getMessage());
      // What the single command would have answered (invalid, not found, conflict): the caller
      // answers its own client the same.
      item.put("kind", result.refused().kind().name());
    }
    return item;
  }

  /**
   * directory-sync: the directory's code; {@code "code": null} means it was removed there. The
   * field must be there: a body without it says nothing, and is refused rather than read as a
   * removal (which would give the user a new code).
   */
  @PUT
  @Path("/credentials/{userId}/directory-code")
  public Uni<Response> directoryCode(
      @PathParam("tenantId") String tenant, @PathParam("userId") String userId, JsonNode body) {
    String code = nullableText(body, "code");
    return forUser(tenant, userId, user -> commands.directoryCode(tenant, user, code));
  }

  /** directory-sync: the directory's card; {@code "cardNumber": null} removes it. */
  @PUT
  @Path("/credentials/{userId}/directory-card")
  public Uni<Response> directoryCard(
      @PathParam("tenantId") String tenant, @PathParam("userId") String userId, JsonNode body) {
    String cardNumber = nullableText(body, "cardNumber");
    return forUser(tenant, userId, user -> commands.directoryCard(tenant, user, cardNumber));
  }

  /** The one field a body must name: text, or {@code null} for "none". */
  private static String nullableText(JsonNode body, String field) {
    if (body == null || !body.isObject() || !body.has(field) || body.size() != 1) {
      throw ApiException.badRequest(
          "invalid_request", "the body is {\"" + field + "\": <text or null>} and nothing else");
    }
    JsonNode value = body.get(field);
    if (value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw DomainException.invalidField(field, "must be text or null");
    }
    return value.textValue();
  }

  /** device-gateway: a card swiped after typing a code now belongs to the code's owner. */
  @POST
  @Path("/cards/by-code")
  @InternalCallers(InternalCallers.DEVICE_GATEWAY)
  public Uni<Response> registerCardByCode(@PathParam("tenantId") String tenant, CardByCode body) {
    if (body == null || body.code() == null || body.cardNumber() == null) {
      throw ApiException.badRequest("invalid_request", "give \"code\" and \"cardNumber\"");
    }
    return users
        .requireActive(tenant)
        .chain(
            () ->
                commands.registerCardByCode(
                    tenant, body.code(), body.cardNumber(), String.valueOf(body.deviceId())))
        .map(
            card ->
                Response.status(201)
                    .entity(Map.of("userId", card.userId().toString(), "cardId", card.cardId()))
                    .build());
  }

  private Uni<Response> forUser(
      String tenant, String userId, Function<UUID, Uni<CredentialView>> work) {
    UUID user = Ids.named(userId, "user");
    return users
        .requireActive(tenant)
        .chain(() -> users.exists(tenant, user))
        .chain(
            known -> {
              if (!known) {
                throw DomainException.notFound("user");
              }
              return work.apply(user);
            })
        .chain(view -> answers.masked(tenant, view))
        .map(masked -> Response.ok(masked).build());
  }

  private Uni<Void> theTenants(String tenant, UUID user) {
    return ownership
        .ofTenant(tenant, List.of(user))
        .invoke(
            theirs -> {
              if (!theirs.contains(user)) {
                throw DomainException.notFound("user");
              }
            })
        .replaceWithVoid();
  }
}
