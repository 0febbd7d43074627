package io.lanyard.device.infra;

import io.lanyard.device.feed.ErasedTenants;
import io.lanyard.runtime.sql.TenantRows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Every row device-gateway holds of a tenant, deleted when its login model reads {@code
 * TenantErased} (ADR 7): devices, their lockouts, failures and reminder counts. Each replica
 * deletes them as it reads the event; the second delete finds nothing.
 */
@ApplicationScoped
public class ErasedTenantRows extends TenantRows implements ErasedTenants {

  private final Pool pool;

  ErasedTenantRows(Pool pool) {
    super(
        List.of(
            "DELETE FROM device_failures WHERE tenant_id = $1",
            "DELETE FROM device_lockouts WHERE tenant_id = $1",
            "DELETE FROM device_reminder_requests WHERE tenant_id = $1",
            "DELETE FROM devices WHERE tenant_id = $1"));
    this.pool = pool;
  }

  @Override
  public Uni<Void> deleteRowsOf(String tenantId) {
    return pool.withTransaction(tx -> delete(tx, tenantId));
  }
}
