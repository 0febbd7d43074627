package io.lanyard.credential.feed;

import io.lanyard.contracts.EventEnvelope;
import io.lanyard.contracts.EventJson;
import io.lanyard.contracts.identity.TenantCreatedV1;
import io.lanyard.contracts.identity.TenantSuspendedV1;
import io.lanyard.contracts.identity.UserCreatedV1;
import io.lanyard.contracts.identity.UserDeletedV1;
import io.lanyard.contracts.identity.UserReactivatedV1;
import io.lanyard.contracts.identity.UserSuspendedV1;
import io.lanyard.contracts.identity.UserUpdatedV1;
import io.lanyard.credential.application.CredentialCommands;
import io.lanyard.credential.infra.KnownUsers;
import io.lanyard.eventstore.consumer.EventHandler;
import io.lanyard.runtime.events.EventConsumers;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What credential-service does with identity's events: keeps its list of tenants and users, gives a
 * new manual user their first code (directory users get theirs from directory-sync, ADR 3), and
 * revokes a deleted user's credentials. Each in the transaction that marks the event applied. Who
 * (tenant, user) is the envelope's; only what else an event says is read from its data.
 */
@ApplicationScoped
public class IdentityFeed implements EventHandler {

  private final KnownUsers known;
  private final CredentialCommands commands;
  private final EventConsumers consumers;
  private final String identityTopic;

  IdentityFeed(
      KnownUsers known,
      CredentialCommands commands,
      EventConsumers consumers,
      @ConfigProperty(name = "lanyard.topics.identity") String identityTopic) {
    this.known = known;
    this.commands = commands;
    this.consumers = consumers;
    this.identityTopic = identityTopic;
  }

  void start(@Observes StartupEvent started) {
    consumers.start("identity", List.of(identityTopic), this);
  }

  @Override
  public Uni<Void> apply(EventEnvelope event, SqlConnection tx) {
    String tenant = event.tenantId();
    String userId = event.subject();
    if (event.type().equals(TenantCreatedV1.TYPE)) {
      return known.tenantCreated(tx, tenant);
    }
    if (event.type().equals(TenantSuspendedV1.TYPE)) {
      return known.tenantSuspended(tx, tenant);
    }
    if (event.type().equals(UserCreatedV1.TYPE)) {
      return userCreated(tx, tenant, userId, EventJson.read(event, UserCreatedV1.class));
    }
    if (event.type().equals(UserUpdatedV1.TYPE)) {
      return known.emailChanged(tx, userId, EventJson.read(event, UserUpdatedV1.class).email());
    }
    if (event.type().equals(UserSuspendedV1.TYPE)) {
      return known.userSuspended(tx, userId);
    }
    if (event.type().equals(UserReactivatedV1.TYPE)) {
      return known.userReactivated(tx, userId);
    }
    if (event.type().equals(UserDeletedV1.TYPE)) {
      return known
          .userDeleted(tx, userId)
          .chain(() -> commands.revokeIn(tx, tenant, userId))
          .replaceWithVoid();
    }
    // A newer event type this version does not know yet: nothing to do, not a failure.
    return Uni.createFrom().voidItem();
  }

  private Uni<Void> userCreated(
      SqlConnection tx, String tenant, String userId, UserCreatedV1 created) {
    Uni<Void> remembered = known.userCreated(tx, userId, tenant, created.email());
    if (created.origin() != UserCreatedV1.Origin.MANUAL) {
      return remembered;
    }
    return remembered
        .chain(() -> commands.generateFirstCodeIn(tx, tenant, userId))
        .replaceWithVoid();
  }

  /**
   * Its commands need no copies for a rebuild: a user with a code gets no first code again, a
   * revoked one is not revoked twice.
   */
  @Override
  public List<String> projectionTables() {
    return List.of("known_tenants", "known_users");
  }
}
