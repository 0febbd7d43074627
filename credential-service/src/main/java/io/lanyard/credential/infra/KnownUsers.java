package io.lanyard.credential.infra;

import io.lanyard.runtime.api.ActiveTenants;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * The tenants and users credential-service knows of, as identity-service's events describe them.
 */
@ApplicationScoped
public class KnownUsers implements ActiveTenants {

  private final Pool pool;

  KnownUsers(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Uni<Boolean> isActive(String tenantId) {
    return pool.preparedQuery("SELECT 1 FROM known_tenants WHERE id = $1 AND status = 'active'")
        .execute(Tuple.of(tenantId))
        .map(rows -> rows.size() > 0);
  }

  /** Whether the user exists (not deleted) in the tenant: other tenants' users do not. */
  public Uni<Boolean> exists(String tenantId, UUID userId) {
    return pool.preparedQuery(
            "SELECT 1 FROM known_users WHERE tenant_id = $1 AND id = $2 AND status <> 'deleted'")
        .execute(Tuple.of(tenantId, userId))
        .map(rows -> rows.size() > 0);
  }

  /** A user's tenant, and whether they were deleted. */
  public record Membership(String tenantId, boolean deleted) {}

  /** The tenant of each of these users this service has heard of. */
  public Uni<java.util.Map<UUID, Membership>> tenantsOf(java.util.Collection<UUID> ids) {
    return pool.preparedQuery("SELECT id, tenant_id, status FROM known_users WHERE id = ANY($1)")
        .execute(Tuple.of(ids.toArray(UUID[]::new)))
        .map(
            rows -> {
              java.util.Map<UUID, Membership> found = new java.util.HashMap<>();
              rows.forEach(
                  row ->
                      found.put(
                          row.getUUID("id"),
                          new Membership(
                              row.getString("tenant_id"),
                              "deleted".equals(row.getString("status")))));
              return found;
            });
  }

  public Uni<Void> tenantCreated(SqlClient tx, String tenantId) {
    return tx.preparedQuery(
            "INSERT INTO known_tenants (id, status) VALUES ($1, 'active') ON CONFLICT DO NOTHING")
        .execute(Tuple.of(tenantId))
        .replaceWithVoid();
  }

  public Uni<Void> tenantSuspended(SqlClient tx, String tenantId) {
    return tx.preparedQuery("UPDATE known_tenants SET status = 'suspended' WHERE id = $1")
        .execute(Tuple.of(tenantId))
        .replaceWithVoid();
  }

  public Uni<Void> userCreated(SqlClient tx, String userId, String tenantId, String email) {
    return tx.preparedQuery(
            "INSERT INTO known_users (id, tenant_id, email, status) VALUES ($1, $2, $3, 'active')"
                + " ON CONFLICT (id) DO NOTHING")
        .execute(Tuple.of(UUID.fromString(userId), tenantId, email))
        .replaceWithVoid();
  }

  /**
   * A user directory-sync has just created in identity-service, announced with its first code so
   * that the code need not wait for {@code UserCreated} to arrive from the topic (which then
   * changes nothing). Only in an active tenant; a user known as deleted stays deleted.
   */
  public Uni<Void> announced(String tenantId, UUID userId, String email) {
    return pool.preparedQuery(
            "INSERT INTO known_users (id, tenant_id, email, status)"
                + " SELECT $1, $2, $3, 'active' WHERE EXISTS"
                + " (SELECT 1 FROM known_tenants WHERE id = $2 AND status = 'active')"
                + " ON CONFLICT (id) DO NOTHING")
        .execute(Tuple.of(userId, tenantId, email))
        .replaceWithVoid();
  }

  public Uni<Void> emailChanged(SqlClient tx, String userId, String email) {
    return tx.preparedQuery("UPDATE known_users SET email = $2 WHERE id = $1")
        .execute(Tuple.of(UUID.fromString(userId), email))
        .replaceWithVoid();
  }

  public Uni<Void> userSuspended(SqlClient tx, String userId) {
    return statusChanged(tx, userId, "suspended");
  }

  public Uni<Void> userReactivated(SqlClient tx, String userId) {
    return statusChanged(tx, userId, "active");
  }

  public Uni<Void> userDeleted(SqlClient tx, String userId) {
    return statusChanged(tx, userId, "deleted");
  }

  private Uni<Void> statusChanged(SqlClient tx, String userId, String status) {
    return tx.preparedQuery("UPDATE known_users SET status = $2 WHERE id = $1")
        .execute(Tuple.of(UUID.fromString(userId), status))
        .replaceWithVoid();
  }
}
