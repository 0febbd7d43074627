package io.lanyard.identity.application;

import io.lanyard.eventstore.CommandExecutor;
import io.lanyard.eventstore.ConcurrencyConflictException;
import io.lanyard.eventstore.ConflictRetry;
import io.lanyard.eventstore.PgEventStore;
import io.lanyard.identity.domain.Origin;
import io.lanyard.identity.domain.User;
import io.lanyard.identity.domain.UserEvent;
import io.lanyard.identity.domain.UserProfile;
import io.lanyard.identity.infra.IdentityEventCodecs;
import io.lanyard.identity.infra.UserDirectory;
import io.lanyard.identity.infra.UserView;
import io.lanyard.kernel.DomainException;
import io.lanyard.kernel.Ids;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
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
  private final UserDirectory users;

  UserCommands(PgEventStore store, UserDirectory users) {
    this.users = users;
    this.executor =
        new CommandExecutor<>(
            store,
            IdentityEventCodecs.USERS,
            "user",
            User::fold,
            users::apply,
            ConflictRetry.defaults());
  }

  public Uni<UserView> create(
      String tenantId, UserProfile profile, Origin origin, String externalId) {
    String userId = UUID.randomUUID().toString();
    return execute(
            tenantId, userId, user -> User.create(userId, tenantId, profile, origin, externalId))
        .map(Optional::orElseThrow);
  }

  /** A directory's user to create: its id there, its profile, whether suspended there. */
  public record DirectoryUser(String externalId, UserProfile profile, boolean suspended) {}

  /** What became of one: created or already there (with its id), or refused (why). */
  public record BatchResult(
      String externalId, String userId, boolean created, DomainException refused) {}

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
            new BatchResult(user.externalId(), existing.get(user.externalId()), false, null));
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
              events.addAll(User.fold(events).suspend());
            }
            return events;
          });
    }
    return executor
        .inTransaction(tx -> executor.startAllIn(tx, tenantId, decisions))
        .map(
            ignored -> {
              created.forEach(
                  (userId, user) ->
                      results.add(new BatchResult(user.externalId(), userId, true, null)));
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
                      .call(
                          view ->
                              user.suspended()
                                  ? suspend(tenantId, view.id())
                                  : Uni.createFrom().item(view))
                      .map(view -> new BatchResult(user.externalId(), view.id(), true, null))
                      .onFailure(DomainException.class)
                      .recoverWithItem(failure -> refused(user, (DomainException) failure))
                      .invoke(results::add)
                      .replaceWithVoid());
    }
    return chain.replaceWith(results);
  }

  private static BatchResult refused(DirectoryUser user, DomainException why) {
    return new BatchResult(user.externalId(), null, false, why);
  }

  /** Applies a change to the profile as it is now; answers the user after it. */
  public Uni<UserView> update(
      String tenantId, String userId, Function<UserProfile, UserProfile> change) {
    return execute(
            tenantId,
            userId,
            user -> user.update(user.exists() ? change.apply(user.profile()) : null))
        .map(Optional::orElseThrow);
  }

  public Uni<UserView> suspend(String tenantId, String userId) {
    return execute(tenantId, userId, User::suspend).map(Optional::orElseThrow);
  }

  public Uni<UserView> reactivate(String tenantId, String userId) {
    return execute(tenantId, userId, User::reactivate).map(Optional::orElseThrow);
  }

  public Uni<Void> delete(String tenantId, String userId) {
    return execute(tenantId, userId, User::delete).replaceWithVoid();
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
