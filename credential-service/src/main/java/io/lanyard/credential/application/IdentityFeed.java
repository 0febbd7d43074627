package io.lanyard.credential.application;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lanyard.contracts.EventEnvelope;
import io.lanyard.contracts.IdentityEvents;
import io.lanyard.credential.infra.KnownUsers;
import io.lanyard.eventstore.consumer.EventHandler;
import io.lanyard.runtime.events.EventConsumers;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What credential-service does with identity's events: keeps its list of tenants and users, gives a
 * new manual user their first code (directory users get theirs from directory-sync, ADR 3), and
 * revokes a deleted user's credentials. Each in the transaction that marks the event applied.
 */
@ApplicationScoped
public class IdentityFeed implements EventHandler {

  private static final ObjectMapper JSON = new ObjectMapper();

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
    JsonNode data = read(event);
    String tenant = event.tenantId();
    if (event.type().equals(IdentityEvents.TENANT_CREATED)) {
      return known.tenantCreated(tx, tenant);
    }
    if (event.type().equals(IdentityEvents.TENANT_SUSPENDED)) {
      return known.tenantSuspended(tx, tenant);
    }
    String userId = event.subject();
    if (event.type().equals(IdentityEvents.USER_CREATED)) {
      Uni<Void> remembered = known.userCreated(tx, userId, tenant, data.path("email").asText());
      if (!"manual".equals(data.path("origin").asText())) {
        return remembered;
      }
      return remembered
          .chain(() -> commands.generateFirstCodeIn(tx, tenant, userId))
          .replaceWithVoid();
    }
    if (event.type().equals(IdentityEvents.USER_UPDATED)) {
      return known.emailChanged(tx, userId, data.path("email").asText());
    }
    if (event.type().equals(IdentityEvents.USER_SUSPENDED)) {
      return known.statusChanged(tx, userId, "suspended");
    }
    if (event.type().equals(IdentityEvents.USER_REACTIVATED)) {
      return known.statusChanged(tx, userId, "active");
    }
    if (event.type().equals(IdentityEvents.USER_DELETED)) {
      return known
          .statusChanged(tx, userId, "deleted")
          .chain(() -> commands.revokeIn(tx, tenant, userId))
          .replaceWithVoid();
    }
    // A newer event type this version does not know yet: nothing to do, not a failure.
    return Uni.createFrom().voidItem();
  }

  /**
   * Its commands need no copies for a rebuild: a user with a code gets no first code again, a
   * revoked one is not revoked twice.
   */
  @Override
  public List<String> projectionTables() {
    return List.of("known_tenants", "known_users");
  }

  private static JsonNode read(EventEnvelope event) {
    try {
      return JSON.readTree(event.data());
    } catch (IOException e) {
      throw new IllegalArgumentException("the data of " + event + " is not JSON", e);
    }
  }
}
