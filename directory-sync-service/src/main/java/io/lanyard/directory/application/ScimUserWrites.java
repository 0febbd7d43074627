package io.lanyard.directory.application;

import com.fasterxml.jackson.databind.JsonNode;
import io.lanyard.directory.application.ScimUserStore.IndexedAttribute;
import io.lanyard.directory.client.DirectoryWrites;
import io.lanyard.directory.client.IdentityServiceClient.Profile;
import io.lanyard.directory.client.IdentityServiceClient.User;
import io.lanyard.directory.domain.DirectoryLink;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * SCIM writes: users go to identity-service, codes and cards to credential-service, each as their
 * internal commands; the answer is recorded here at once, so a read right after a write reflects
 * it. A create that fails after the user exists removes the user again: nothing is left behind
 * without the code the request asked for.
 */
@ApplicationScoped
public class ScimUserWrites {

  private static final Logger LOG = Logger.getLogger(ScimUserWrites.class);

  /**
   * Runs of a tenant's creates under way at once: a second run fills while the first waits on the
   * other services, so neither the services nor the client's parallel requests sit idle.
   */
  private static final int RUNS_AT_ONCE = 2;

  /** At most so many creates in a run (identity-service takes up to 1,000 in a batch). */
  private static final int MOST_TOGETHER = 100;

  private final DirectoryWrites writes;
  private final DirectoryLinks links;
  private final ScimUserStore users;
  private final Pool pool;
  private final UnfinishedScimCreates unfinished;
  private final CreateLanes<NewScimUser, ScimUserRow> creates;

  ScimUserWrites(
      DirectoryWrites writes,
      DirectoryLinks links,
      ScimUserStore users,
      Pool pool,
      UnfinishedScimCreates unfinished,
      ScimCreateBatch batch) {
    this.writes = writes;
    this.links = links;
    this.users = users;
    this.pool = pool;
    this.unfinished = unfinished;
    ScimCreateBatch.Alone alone =
        new ScimCreateBatch.Alone() {
          @Override
          public Uni<ScimUserRow> create(String tenantId, NewScimUser user) {
            return createAlone(tenantId, user);
          }

          @Override
          public Uni<Void> undo(String tenantId, User user, Throwable why) {
            return undoCreate(tenantId, user, why);
          }
        };
    this.creates =
        new CreateLanes<>(
            RUNS_AT_ONCE,
            MOST_TOGETHER,
            NewScimUser::keys,
            new CreateLanes.Runs<>() {
              @Override
              public Uni<ScimUserRow> alone(String tenantId, NewScimUser user) {
                return createAlone(tenantId, user);
              }

              @Override
              public Uni<Void> together(
                  String tenantId, List<CreateLanes.Waiting<NewScimUser, ScimUserRow>> run) {
                return batch.createAll(tenantId, run, alone);
              }
            });
  }

  /**
   * A create: on its own when it is the tenant's only one under way, else together with the others
   * that arrived meanwhile ({@link ScimCreateBatch}).
   */
  public Uni<ScimUserRow> create(String tenantId, ScimUserPayload payload) {
    Profile profile = profile(payload, null);
    String externalId = payload.externalId != null ? payload.externalId : profile.username();
    return creates.submit(tenantId, new NewScimUser(payload, profile, externalId));
  }

  private Uni<ScimUserRow> createAlone(String tenantId, NewScimUser request) {
    ScimUserPayload payload = request.payload();
    Profile profile = request.profile();
    String externalId = request.externalId();
    return unique(tenantId, IndexedAttribute.USER_NAME, profile.username(), "userName", externalId)
        .chain(
            () ->
                unique(
                    tenantId, IndexedAttribute.EXTERNAL_ID, externalId, "externalId", externalId))
        .chain(() -> writes.upsert(tenantId, DirectoryLink.Source.SCIM, externalId, profile))
        .call(
            upserted ->
                upserted.created()
                    ? Uni.createFrom().voidItem()
                    : unfinished
                        .leftBy(
                            externalId,
                            UUID.fromString(upserted.user().id()),
                            upserted.user().origin(),
                            upserted.user().externalId())
                        .invoke(
                            retry -> {
                              if (!retry) {
                                throw new ScimException(
                                    409,
                                    "uniqueness",
                                    "a user with externalId " + externalId + " exists");
                              }
                            }))
        .chain(
            upserted -> {
              User user = upserted.user();
              return credentialsOf(tenantId, user.id(), user.email(), payload)
                  .chain(
                      () ->
                          Boolean.FALSE.equals(payload.active)
                              ? writes.active(tenantId, user.id(), false)
                              : Uni.createFrom().item(user))
                  .onFailure()
                  .call(failure -> undoCreate(tenantId, user, failure));
            })
        .call(
            user ->
                links.scimCreated(
                    tenantId, user.id(), externalId, payload.externalId != null, payload.name))
        .chain(user -> record(tenantId, user));
  }

  /** PATCH (RFC 7644 §3.5.2), the operations as Entra sends them. */
  public Uni<ScimUserRow> patch(String tenantId, ScimUserRow current, JsonNode body) {
    ScimUserPayload payload = ScimPatch.apply(current, body);
    return update(tenantId, current, payload);
  }

  /**
   * PUT: the whole resource replaced by the body. {@code userName} is required (RFC 7643 §4.1.1): a
   * body without one changes nothing.
   */
  public Uni<ScimUserRow> replace(String tenantId, ScimUserRow current, ScimUserPayload payload) {
    if (payload.userName == null || payload.userName.isBlank()) {
      throw new ScimException(
          400, "invalidValue", "userName is required: a PUT replaces the whole User");
    }
    return update(tenantId, current, payload);
  }

  public Uni<Void> delete(String tenantId, ScimUserRow current) {
    return writes
        .delete(tenantId, current.id().toString())
        .chain(() -> users.deleted(pool, current.id()))
        .chain(() -> links.unlinked(tenantId, current.id().toString(), DirectoryLink.Source.SCIM));
  }

  private Uni<ScimUserRow> update(String tenantId, ScimUserRow current, ScimUserPayload payload) {
    Profile profile = profile(payload, current);
    String id = current.id().toString();
    boolean profileChanged =
        !profile.username().equals(current.userName())
            || !profile.displayName().equals(current.displayName())
            || !profile.email().equalsIgnoreCase(current.email())
            || !java.util.Objects.equals(profile.locale(), current.locale());
    boolean relinked =
        payload.externalId != null && !payload.externalId.equals(current.externalId());
    Uni<Void> externalIdFree =
        relinked
            ? unique(tenantId, IndexedAttribute.EXTERNAL_ID, payload.externalId, "externalId")
            : Uni.createFrom().voidItem();
    return externalIdFree
        .chain(
            () ->
                profileChanged
                    ? writes.replace(tenantId, id, profile)
                    : Uni.createFrom().item((User) null))
        .chain(
            user ->
                payload.active != null && payload.active != current.active()
                    ? writes.active(tenantId, id, payload.active)
                    : Uni.createFrom().item(user))
        .call(() -> credentialChanges(tenantId, id, payload))
        // The link keeps what identity-service does not: the externalId as given, the name.
        .call(
            () ->
                links.scimChanged(
                    tenantId, id, payload.externalId, profile.username(), payload.name))
        .chain(user -> user != null ? record(tenantId, user) : reread(tenantId, current.id()));
  }

  /**
   * An existing user's externalId changes when a SCIM client adopts a user it matched (one an admin
   * created by hand, say): only the link records it, identity-service keeps the user's origin.
   */
  private Uni<ScimUserRow> reread(String tenantId, UUID id) {
    return ScimUserRecords.reread(users, pool, tenantId, id);
  }

  /** A new user's first code (the given one, or generated) and the directory's card. */
  private Uni<Void> credentialsOf(
      String tenantId, String userId, String email, ScimUserPayload payload) {
    return writes
        .initialCode(
            tenantId, userId, payload.accessCode.given() ? payload.accessCode.value() : null, email)
        .chain(
            () ->
                payload.accessCard.given() && payload.accessCard.value() != null
                    ? writes.directoryCard(tenantId, userId, payload.accessCard.value())
                    : Uni.createFrom().voidItem());
  }

  private Uni<Void> credentialChanges(String tenantId, String userId, ScimUserPayload payload) {
    Uni<Void> code =
        payload.accessCode.given()
            ? writes.directoryCode(tenantId, userId, payload.accessCode.value())
            : Uni.createFrom().voidItem();
    return code.chain(
        () ->
            payload.accessCard.given()
                ? writes.directoryCard(tenantId, userId, payload.accessCard.value())
                : Uni.createFrom().voidItem());
  }

  /**
   * Deletes the half-created user and leaves a tombstone here, so that the user's creation, still
   * on its way through identity's topic, cannot make it visible to a search in between.
   */
  private Uni<Void> undoCreate(String tenantId, User user, Throwable why) {
    String userId = user.id();
    LOG.infof("SCIM create of user %s failed (%s); removing the user", userId, why.toString());
    return writes
        .delete(tenantId, userId)
        .chain(() -> record(tenantId, user))
        .chain(() -> users.deleted(pool, UUID.fromString(userId)))
        .onFailure()
        .invoke(
            e -> LOG.warnf("could not remove the half-created user %s: %s", userId, e.toString()))
        .onFailure()
        .recoverWithNull();
  }

  private Uni<Void> unique(String tenantId, IndexedAttribute attribute, String value, String name) {
    return unique(tenantId, attribute, value, name, null);
  }

  /** As above, but a user an earlier failed create with {@code externalId} left does not count. */
  private Uni<Void> unique(
      String tenantId, IndexedAttribute attribute, String value, String name, String externalId) {
    return users
        .list(pool, tenantId, attribute, value)
        .chain(
            found ->
                found.size() == 1
                    ? unfinished.leftBy(
                        externalId,
                        found.get(0).id(),
                        found.get(0).origin(),
                        found.get(0).externalId())
                    : Uni.createFrom().item(found.isEmpty()))
        .invoke(
            free -> {
              if (!free) {
                throw new ScimException(409, "uniqueness", "a user with this " + name + " exists");
              }
            })
        .replaceWithVoid();
  }

  private Uni<ScimUserRow> record(String tenantId, User user) {
    UUID id = UUID.fromString(user.id());
    return users
        .record(pool, tenantId, List.of(ScimUserRecords.of(user)))
        .chain(written -> ScimUserRecords.answer(users, pool, tenantId, id, written));
  }

  /** The profile identity-service keeps, from the request and what the user has now. */
  private static Profile profile(ScimUserPayload payload, ScimUserRow current) {
    String userName =
        payload.userName != null ? payload.userName : current == null ? null : current.userName();
    if (userName == null || userName.isBlank()) {
      throw new ScimException(400, "invalidValue", "userName is required");
    }
    String displayName = payload.resolvedDisplayName();
    if (displayName == null) {
      displayName = current != null ? current.displayName() : userName;
    }
    String email = payload.email;
    if (email == null) {
      email = current != null ? current.email() : userName.contains("@") ? userName : null;
    }
    if (email == null) {
      throw new ScimException(
          400, "invalidValue", "an email is needed (emails or an email as userName)");
    }
    String locale =
        payload.locale != null ? payload.locale : current == null ? null : current.locale();
    return new Profile(userName, displayName, email.toLowerCase(Locale.ROOT), null, locale);
  }
}
