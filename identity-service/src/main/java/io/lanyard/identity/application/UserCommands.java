package io.lanyard.identity.application;

import io.lanyard.eventstore.CommandExecutor;
import io.lanyard.eventstore.ConflictRetry;
import io.lanyard.eventstore.PgEventStore;
import io.lanyard.identity.domain.Origin;
import io.lanyard.identity.domain.User;
import io.lanyard.identity.domain.UserEvent;
import io.lanyard.identity.domain.UserProfile;
import io.lanyard.identity.infra.IdentityEventCodecs;
import io.lanyard.identity.infra.UserDirectory;
import io.lanyard.kernel.DomainException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
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
    UUID id = parse(userId);
    return executor.execute(
        userId,
        tenantId,
        // Another tenant's user does not exist for this tenant.
        user -> decide.apply(tenantId.equals(user.tenantId()) ? user : User.NONE),
        tx -> users.find(tx, tenantId, id));
  }

  static UUID parse(String userId) {
    try {
      return UUID.fromString(userId);
    } catch (IllegalArgumentException e) {
      throw DomainException.notFound("user");
    }
  }
}
