package io.lanyard.identity.infra;

import io.lanyard.identity.domain.TenantEvent;
import io.lanyard.identity.domain.TenantSettings;
import io.lanyard.runtime.api.ActiveTenants;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The tenants read model, changed in the transaction that appends each tenant event. */
@ApplicationScoped
public class TenantDirectory implements ActiveTenants {

  private final Pool pool;

  TenantDirectory(Pool pool) {
    this.pool = pool;
  }

  public Uni<Void> apply(SqlClient tx, TenantEvent event) {
    if (event instanceof TenantEvent.Created e) {
      return tx.preparedQuery(
              "INSERT INTO tenants (id, name, status, created_at) VALUES ($1, $2, 'active', now())")
          .execute(Tuple.of(e.tenantId(), e.name()))
          .replaceWithVoid();
    }
    if (event instanceof TenantEvent.SettingsChanged e) {
      return tx.preparedQuery("UPDATE tenants SET guest_retention_days = $2 WHERE id = $1")
          .execute(Tuple.of(e.tenantId(), e.settings().guestRetentionDays()))
          .replaceWithVoid();
    }
    if (event instanceof TenantEvent.Erased e) {
      return tx.preparedQuery("UPDATE tenants SET status = 'erased' WHERE id = $1")
          .execute(Tuple.of(e.tenantId()))
          .replaceWithVoid();
    }
    return tx.preparedQuery("UPDATE tenants SET status = 'suspended' WHERE id = $1")
        .execute(Tuple.of(((TenantEvent.Suspended) event).tenantId()))
        .replaceWithVoid();
  }

  /** The tenant's settings; the defaults for what it never set. */
  public Uni<TenantSettings> settings(SqlClient client, String tenantId) {
    return client
        .preparedQuery("SELECT guest_retention_days FROM tenants WHERE id = $1")
        .execute(Tuple.of(tenantId))
        .map(
            rows -> {
              Integer days =
                  rows.size() == 0
                      ? null
                      : rows.iterator().next().getInteger("guest_retention_days");
              return days == null ? TenantSettings.DEFAULT : new TenantSettings(days);
            });
  }

  public Uni<TenantSettings> settings(String tenantId) {
    return settings(pool, tenantId);
  }

  public Uni<Optional<TenantView>> find(String tenantId) {
    return find(pool, tenantId);
  }

  public Uni<Optional<TenantView>> find(SqlClient client, String tenantId) {
    return client
        .preparedQuery("SELECT * FROM tenants WHERE id = $1")
        .execute(Tuple.of(tenantId))
        .map(
            rows ->
                rows.size() == 0 ? Optional.empty() : Optional.of(view(rows.iterator().next())));
  }

  /** Whether a tenant exists and is not suspended: what an admin's token must name. */
  @Override
  public Uni<Boolean> isActive(String tenantId) {
    return find(pool, tenantId)
        .map(tenant -> tenant.map(t -> "active".equals(t.status())).orElse(false));
  }

  public Uni<List<TenantView>> all() {
    return pool.query("SELECT * FROM tenants ORDER BY id")
        .execute()
        .map(
            rows -> {
              List<TenantView> views = new ArrayList<>();
              rows.forEach(row -> views.add(view(row)));
              return views;
            });
  }

  private static TenantView view(Row row) {
    return new TenantView(
        row.getString("id"),
        row.getString("name"),
        row.getString("status"),
        row.getOffsetDateTime("created_at"));
  }
}
