package io.lanyard.directory.infra;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lanyard.contracts.DirectoryEvents;
import io.lanyard.contracts.EventEnvelope;
import io.lanyard.contracts.IdentityEvents;
import io.lanyard.eventstore.consumer.EventHandler;
import io.lanyard.runtime.api.ActiveTenants;
import io.lanyard.runtime.events.EventConsumers;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What directory-sync learns from identity's events: the tenants (who may use its admin API) and
 * every user as SCIM shows them ({@link ScimUsers}).
 */
@ApplicationScoped
public class IdentityFeed implements ActiveTenants, EventHandler {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DIRECTORY_EVENTS = "io.lanyard.directory.";

  private final Pool pool;
  private final ScimUsers users;
  private final EventConsumers consumers;
  private final String identityTopic;
  private final String directoryTopic;

  IdentityFeed(
      Pool pool,
      ScimUsers users,
      EventConsumers consumers,
      @ConfigProperty(name = "lanyard.topics.identity") String identityTopic,
      @ConfigProperty(name = "lanyard.topics.directory") String directoryTopic) {
    this.directoryTopic = directoryTopic;
    this.pool = pool;
    this.users = users;
    this.consumers = consumers;
    this.identityTopic = identityTopic;
  }

  void start(@Observes StartupEvent started) {
    consumers.start("identity", List.of(identityTopic, directoryTopic), this);
  }

  @Override
  public Uni<Boolean> isActive(String tenantId) {
    return pool.preparedQuery("SELECT 1 FROM known_tenants WHERE id = $1 AND status = 'active'")
        .execute(Tuple.of(tenantId))
        .map(rows -> rows.size() > 0);
  }

  @Override
  public Uni<Void> apply(EventEnvelope event, SqlConnection tx) {
    if (event.type().equals(DirectoryEvents.DIRECTORY_USER_LINKED)
        || event.type().equals(DirectoryEvents.DIRECTORY_USER_UNLINKED)) {
      return users.applyLink(
          tx, DirectoryEventCodecs.LINKS.decode(event.type(), new String(event.data(), UTF_8)));
    }
    if (event.type().name().startsWith(DIRECTORY_EVENTS)) {
      return Uni.createFrom().voidItem();
    }
    String status =
        event.type().equals(IdentityEvents.TENANT_CREATED)
            ? "active"
            : event.type().equals(IdentityEvents.TENANT_SUSPENDED) ? "suspended" : null;
    if (status == null) {
      try {
        return users.apply(tx, event, JSON.readTree(event.data()));
      } catch (IOException e) {
        throw new IllegalArgumentException(event + " has no JSON data", e);
      }
    }
    return tx.preparedQuery(
            "INSERT INTO known_tenants (id, status) VALUES ($1, $2)"
                + " ON CONFLICT (id) DO UPDATE SET status = excluded.status")
        .execute(Tuple.of(event.tenantId(), status))
        .replaceWithVoid();
  }

  @Override
  public Uni<Void> reset(SqlConnection tx) {
    return tx.query("TRUNCATE known_tenants")
        .execute()
        .replaceWithVoid()
        .chain(() -> users.reset(tx));
  }
}
