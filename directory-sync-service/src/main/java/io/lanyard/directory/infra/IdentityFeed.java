package io.lanyard.directory.infra;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lanyard.contracts.DirectoryEvents;
import io.lanyard.contracts.EventEnvelope;
import io.lanyard.contracts.EventType;
import io.lanyard.contracts.IdentityEvents;
import io.lanyard.directory.domain.DirectoryLink;
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
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What directory-sync learns from identity's events: the tenants (who may use its admin API) and
 * every user as SCIM shows them ({@link ScimUsers}); and, from its own topic, the projections of
 * its own events (links, Google users, connections, runs), which their appends also write at once:
 * replaying the topics rebuilds them.
 */
@ApplicationScoped
public class IdentityFeed implements ActiveTenants, EventHandler {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DIRECTORY_EVENTS = "io.lanyard.directory.";
  private static final Set<EventType> LINK_EVENTS =
      Set.of(
          DirectoryEvents.DIRECTORY_USER_LINKED,
          DirectoryEvents.DIRECTORY_USER_UNLINKED,
          DirectoryEvents.DIRECTORY_USER_SYNCED);
  private static final Set<EventType> CONNECTION_EVENTS =
      Set.of(
          DirectoryEvents.GOOGLE_CONNECTION_CONFIGURED, DirectoryEvents.GOOGLE_CONNECTION_REMOVED);
  private static final Set<EventType> RUN_EVENTS =
      Set.of(
          DirectoryEvents.DIRECTORY_SYNC_STARTED,
          DirectoryEvents.DIRECTORY_SYNC_COMPLETED,
          DirectoryEvents.DIRECTORY_SYNC_FAILED);

  private final Pool pool;
  private final ScimUsers users;
  private final EventConsumers consumers;
  private final String identityTopic;
  private final String directoryTopic;
  private final GoogleUsers googleUsers;
  private final GoogleConnectionRecords connections;
  private final SyncRuns runs;

  IdentityFeed(
      Pool pool,
      ScimUsers users,
      GoogleUsers googleUsers,
      GoogleConnectionRecords connections,
      SyncRuns runs,
      EventConsumers consumers,
      @ConfigProperty(name = "lanyard.topics.identity") String identityTopic,
      @ConfigProperty(name = "lanyard.topics.directory") String directoryTopic) {
    this.directoryTopic = directoryTopic;
    this.googleUsers = googleUsers;
    this.connections = connections;
    this.runs = runs;
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
    String data = new String(event.data(), UTF_8);
    if (LINK_EVENTS.contains(event.type())) {
      DirectoryLink.Event link = DirectoryEventCodecs.LINKS.decode(event.type(), data);
      return users.applyLink(tx, link).chain(() -> googleUsers.apply(tx, link));
    }
    if (CONNECTION_EVENTS.contains(event.type())) {
      return connections.apply(
          tx, DirectoryEventCodecs.GOOGLE_CONNECTIONS.decode(event.type(), data));
    }
    if (RUN_EVENTS.contains(event.type())) {
      return runs.apply(tx, DirectoryEventCodecs.SYNC_RUNS.decode(event.type(), data));
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
  public List<String> projectionTables() {
    return List.of("known_tenants", "scim_users", "scim_links", "google_users");
  }

  /**
   * A tenant's Google connection and its runs are written where their events are appended, with
   * times of their own (a run's heartbeat, when a connection was configured): a rebuild leaves them
   * as they are rather than replay old settings over current ones.
   */
  @Override
  public List<String> keptTables() {
    return List.of("google_connections", "sync_runs");
  }
}
