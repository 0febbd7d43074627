package io.lanyard.identity.application;

import io.lanyard.eventstore.CommandExecutor;
import io.lanyard.eventstore.ConcurrencyConflictException;
import io.lanyard.eventstore.ConflictRetry;
import io.lanyard.eventstore.PgEventStore;
import io.lanyard.identity.domain.DeleteReason;
import io.lanyard.identity.domain.GuestWindow;
import io.lanyard.identity.domain.Origin;
import io.lanyard.identity.domain.SuspendReason;
import io.lanyard.identity.domain.TenantSettings;
import io.lanyard.identity.domain.User;
import io.lanyard.identity.domain.UserEdit;
import io.lanyard.identity.domain.UserEvent;
import io.lanyard.identity.domain.UserKind;
import io.lanyard.identity.domain.UserProfile;
import io.lanyard.identity.infra.DataKeyStore;
import io.lanyard.identity.infra.IdentityEventCodecs;
import io.lanyard.identity.infra.UserDirectory;
import io.lanyard.identity.infra.UserView;
import io.lanyard.kernel.DomainException;
import io.lanyard.kernel.Ids;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * What can be done to users: each command loads the user's stream, lets the user decide, appends
 * the events and updates the read model in one transaction, and answers the user as it now is.
 */
@ApplicationScoped
public class UserCommands {

  private final CommandExecutor<User, UserEvent> executor;
  private final ConflictRetry retry = ConflictRetry.defaults();
  private final UserDirectory users;
  private final DataKeyStore keys;
  private final Clock clock;

  /**
   * Every command appends through {@link UserProjection}: a new user gets their data key, an erased
   * one loses it, in the appending transaction.
   */
  UserCommands(
      PgEventStore store,
      UserDirectory users,
      UserProjection projection,
      DataKeyStore keys,
      Clock clock) {
    this.users = users;
    this.keys = keys;
    this.clock = clock;
    this.executor =
        new CommandExecutor<>(
            store,
            IdentityEventCodecs.USERS,
            "user",
            User::fold,
            projection,
            ConflictRetry.defaults(),
            keys::keysOf);
  }

  public Uni<UserView> create(
      String tenantId, UserProfile profile, Origin origin, String externalId) {
    String userId = UUID.randomUUID().toString();
    return execute(
            tenantId, userId, user -> User.create(userId, tenantId, profile, origin, externalId))
        .map(Optional::orElseThrow);
  }

  /**
   * An admin's user: a person, or a guest with the window the admin gives (RFC 3339 text, checked
   * against the clock; see {@link GuestWindow#forKind}).
   */
  public Uni<UserView> createByAdmin(
      String tenantId, UserProfile profile, String kind, String validFrom, String validUntil) {
    UserKind checkedKind = UserKind.fromWire(kind);
    GuestWindow window = GuestWindow.forKind(checkedKind, validFrom, validUntil, clock.instant());
    String userId = UUID.randomUUID().toString();
    return execute(
            tenantId,
            userId,
            user ->
                User.create(userId, tenantId, profile, Origin.MANUAL, null, checkedKind, window))
        .map(Optional::orElseThrow);
  }

  /** A directory's user to create: its id there, its profile, whether suspended there. */
  public record DirectoryUser(String externalId, UserProfile profile, boolean suspended) {}

  /**
   * What became of one: created (with the user as created) or already there (with its id), or
   * refused (why).
   */
  public record BatchResult(
      String externalId, String userId, boolean created, UserView user, DomainException refused) {}

  /**
   * A page of a directory's users created together: one transaction, one statement for all their
   * streams. Users the directory already has are answered with their id (the caller updates them);
   * a taken username or email refuses that user only. Should a concurrent write make the batch
   * fail, each user is created on its own instead.
   */
  public Uni<List<BatchResult>> createAll(
      String tenantId, Origin origin, List<DirectoryUser> batch) {
    List<String> externalIds = batch.stream().map(DirectoryUser::externalId).toList();
    return users
        .idsByExternalId(tenantId, origin.wire(), externalIds)
        .chain(
            existing ->
                users
                    .taken(
                        tenantId,
                        batch.stream().map(user -> user.profile().username()).toList(),
                        batch.stream().map(user -> user.profile().email()).toList())
                    .chain(taken -> createAll(tenantId, origin, batch, existing, taken)));
  }

  private Uni<List<BatchResult>> createAll(
      String tenantId,
      Origin origin,
      List<DirectoryUser> batch,
      Map<String, String> existing,
      Set<String> taken) {
    List<BatchResult> results = new ArrayList<>();
    Map<String, Function<User, List<UserEvent>>> decisions = new LinkedHashMap<>();
    Map<String, DirectoryUser> created = new LinkedHashMap<>();
    Set<String> claimed = new HashSet<>(taken);
    for (DirectoryUser user : batch) {
      if (existing.containsKey(user.externalId())) {
        results.add(
            new BatchResult(user.externalId(), existing.get(user.externalId()), false, null, null));
        continue;
      }
      String username = "username:" + user.profile().username().toLowerCase(Locale.ROOT);
      String email = "email:" + user.profile().email();
      if (!claimed.add(username)) {
        results.add(
            refused(
                user,
                DomainException.conflict(
                    "username_taken", "the username is taken in this tenant")));
        continue;
      }
      if (!claimed.add(email)) {
        results.add(
            refused(
                user,
                DomainException.conflict("email_taken", "the email is taken in this tenant")));
        continue;
      }
      String userId = UUID.randomUUID().toString();
      created.put(userId, user);
      decisions.put(
          userId,
          none -> {
            List<UserEvent> events =
                new ArrayList<>(
                    User.create(userId, tenantId, user.profile(), origin, user.externalId()));
            if (user.suspended()) {
              events.addAll(User.fold(events).suspend(SuspendReason.DIRECTORY));
            }
            return events;
          });
    }
    List<UUID> ids = created.keySet().stream().map(UUID::fromString).toList();
    return executor
        .startAll(tenantId, decisions, tx -> users.findAll(tx, tenantId, ids))
        .map(
            views -> {
              created.forEach(
                  (userId, user) ->
                      results.add(
                          new BatchResult(
                              user.externalId(),
                              userId,
                              true,
                              views.get(UUID.fromString(userId)),
                              null)));
              return results;
            })
        .onFailure(
            failure -> failure instanceof ConcurrencyConflictException || isConflict(failure))
        .recoverWithUni(() -> oneByOne(tenantId, origin, created, results));
  }

  private static boolean isConflict(Throwable failure) {
    return failure instanceof DomainException refused
        && refused.kind() == DomainException.Kind.CONFLICT;
  }

  /** The batch lost a race: each user on their own, each refusal that user's. */
  private Uni<List<BatchResult>> oneByOne(
      String tenantId,
      Origin origin,
      Map<String, DirectoryUser> pending,
      List<BatchResult> results) {
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (DirectoryUser user : pending.values()) {
      chain =
          chain.chain(
              () ->
                  create(tenantId, user.profile(), origin, user.externalId())
                      .chain(
                          view ->
                              user.suspended()
                                  ? suspend(tenantId, view.id(), SuspendReason.DIRECTORY)
                                  : Uni.createFrom().item(view))
                      .map(view -> new BatchResult(user.externalId(), view.id(), true, view, null))
                      .onFailure(DomainException.class)
                      .recoverWithItem(failure -> refused(user, (DomainException) failure))
                      .invoke(results::add)
                      .replaceWithVoid());
    }
    return chain.replaceWith(results);
  }

  private static BatchResult refused(DirectoryUser user, DomainException why) {
    return new BatchResult(user.externalId(), null, false, null, why);
  }

  /** A user of an import's chunk: the id given at staging, the profile, whether a code follows. */
  public record ImportedUser(String userId, UserProfile profile, boolean firstCodeFollows) {}

  /**
   * An import's chunk of new users, created in the caller's transaction (the import's progress
   * commits with them) by the admin's path: people, origin manual. Fails whole on a taken username
   * or email (a unique index) or a user id already used (the chunk was done): the caller's
   * transaction rolls back.
   */
  public Uni<Void> createImportedIn(
      SqlConnection tx, String tenantId, List<ImportedUser> imported) {
    Map<String, Function<User, List<UserEvent>>> decisions = new LinkedHashMap<>();
    for (ImportedUser user : imported) {
      decisions.put(
          user.userId(),
          none -> User.imported(user.userId(), tenantId, user.profile(), user.firstCodeFollows()));
    }
    return executor.startAllIn(tx, tenantId, decisions).replaceWithVoid();
  }

  /** Applies a change to the profile as it is now; answers the user after it. */
  public Uni<UserView> update(
      String tenantId, String userId, Function<UserProfile, UserProfile> change) {
    return edit(tenantId, userId, profile -> UserEdit.profileOnly(change.apply(profile)));
  }

  /**
   * Applies a change to the profile as it is now and, for a guest, to the window (checked against
   * the clock); answers the user after it.
   */
  public Uni<UserView> edit(String tenantId, String userId, Function<UserProfile, UserEdit> edit) {
    return execute(
            tenantId,
            userId,
            user ->
                user.exists()
                    ? user.update(edit.apply(user.profile()), clock.instant())
                    : user.update(null))
        .map(Optional::orElseThrow);
  }

  public Uni<UserView> suspend(String tenantId, String userId, SuspendReason reason) {
    return execute(tenantId, userId, user -> user.suspend(reason)).map(Optional::orElseThrow);
  }

  public Uni<UserView> reactivate(String tenantId, String userId) {
    return execute(tenantId, userId, user -> user.reactivate(clock.instant()))
        .map(Optional::orElseThrow);
  }

  public Uni<Void> delete(String tenantId, String userId, DeleteReason reason) {
    return execute(tenantId, userId, user -> user.delete(reason)).replaceWithVoid();
  }

  /** A user erased (ADR 7): whose, and when their data key was destroyed. */
  public record Erasure(String userId, OffsetDateTime erasedAt) {}

  /**
   * Erases a deleted user (ADR 7): their data key is destroyed and {@code UserErased} appended, in
   * one transaction ({@link UserProjection}). Erasing again changes nothing and answers the first
   * erasure. A user that is not deleted is refused ({@code user_not_deleted}); an unknown id, or
   * another tenant's, is not found.
   */
  public Uni<Erasure> erase(String tenantId, String userId, String erasedBy) {
    UUID id = Ids.named(userId, "user");
    return executor.execute(
        id.toString(),
        tenantId,
        user -> (tenantId.equals(user.tenantId()) ? user : User.NONE).erase(erasedBy),
        tx ->
            keys.erasedAt(tx, tenantId, id)
                .map(erasedAt -> new Erasure(id.toString(), erasedAt.orElseThrow())));
  }

  /**
   * The scheduler's suspension of a guest whose window ended by {@code now}: answers whether this
   * call suspended them (false when the stream shows it done already, or not due).
   */
  public Uni<Boolean> suspendIfWindowEnded(String tenantId, String userId, Instant now) {
    return decideOnly(tenantId, userId, user -> user.suspendIfWindowEnded(now));
  }

  /** The scheduler's deletion of a guest past the tenant's retention: whether this call did it. */
  public Uni<Boolean> deleteIfRetentionEnded(
      String tenantId, String userId, Instant now, TenantSettings settings) {
    return decideOnly(tenantId, userId, user -> user.deleteIfRetentionEnded(now, settings));
  }

  /**
   * One transaction: load, decide, append with the version loaded, project. A lost race is retried
   * from a fresh load, where the winner's event makes the decision empty: two replicas or passes
   * never act twice.
   */
  private Uni<Boolean> decideOnly(
      String tenantId, String userId, Function<User, List<UserEvent>> decide) {
    return retry
        .run(
            () ->
                executor.inTransaction(
                    tx ->
                        executor.executeIn(
                            tx,
                            userId,
                            tenantId,
                            user ->
                                decide.apply(tenantId.equals(user.tenantId()) ? user : User.NONE))))
        .map(events -> !events.isEmpty());
  }

  private Uni<Optional<UserView>> execute(
      String tenantId, String userId, Function<User, List<UserEvent>> decide) {
    UUID id = Ids.named(userId, "user");
    return executor.execute(
        userId,
        tenantId,
        // Another tenant's user does not exist for this tenant.
        user -> decide.apply(tenantId.equals(user.tenantId()) ? user : User.NONE),
        tx -> users.find(tx, tenantId, id));
  }
}
