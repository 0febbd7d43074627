package io.lanyard.directory.infra;

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
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The tenants directory-sync knows of, from identity's events: who may use its admin API. */
@ApplicationScoped
public class KnownTenants implements ActiveTenants, EventHandler {

  private final Pool pool;
  private final EventConsumers consumers;
  private final String identityTopic;

  KnownTenants(
      Pool pool,
      EventConsumers consumers,
      @ConfigProperty(name = "lanyard.topics.identity") String identityTopic) {
    this.pool = pool;
    this.consumers = consumers;
    this.identityTopic = identityTopic;
  }

  void start(@Observes StartupEvent started) {
    consumers.start("tenants", List.of(identityTopic), this);
  }

  @Override
  public Uni<Boolean> isActive(String tenantId) {
    return pool.preparedQuery("SELECT 1 FROM known_tenants WHERE id = $1 AND status = 'active'")
        .execute(Tuple.of(tenantId))
        .map(rows -> rows.size() > 0);
  }

  @Override
  public Uni<Void> apply(EventEnvelope event, SqlConnection tx) {
    String status =
        event.type().equals(IdentityEvents.TENANT_CREATED)
            ? "active"
            : event.type().equals(IdentityEvents.TENANT_SUSPENDED) ? "suspended" : null;
    if (status == null) {
      return Uni.createFrom().voidItem();
    }
    return tx.preparedQuery(
            "INSERT INTO known_tenants (id, status) VALUES ($1, $2)"
                + " ON CONFLICT (id) DO UPDATE SET status = excluded.status")
        .execute(Tuple.of(event.tenantId(), status))
        .replaceWithVoid();
  }

  @Override
  public Uni<Void> reset(SqlConnection tx) {
    return tx.query("TRUNCATE known_tenants").execute().replaceWithVoid();
  }
}
