package io.lanyard.directory.infra;

import io.lanyard.runtime.api.ActiveTenants;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The tenants identity-service created, and whether they are suspended: only an active tenant's
 * admins and SCIM tokens are served.
 */
@ApplicationScoped
public class KnownTenants implements ActiveTenants {

  private final Pool pool;

  KnownTenants(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Uni<Boolean> isActive(String tenantId) {
    return pool.preparedQuery("SELECT 1 FROM known_tenants WHERE id = $1 AND status = 'active'")
        .execute(Tuple.of(tenantId))
        .map(rows -> rows.size() > 0);
  }

  public Uni<Void> active(SqlClient tx, String tenantId) {
    return status(tx, tenantId, "active");
  }

  public Uni<Void> suspended(SqlClient tx, String tenantId) {
    return status(tx, tenantId, "suspended");
  }

  private static Uni<Void> status(SqlClient tx, String tenantId, String status) {
    return tx.preparedQuery(
            "INSERT INTO known_tenants (id, status) VALUES ($1, $2)"
                + " ON CONFLICT (id) DO UPDATE SET status = excluded.status")
        .execute(Tuple.of(tenantId, status))
        .replaceWithVoid();
  }
}
