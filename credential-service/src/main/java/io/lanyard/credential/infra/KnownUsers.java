package io.lanyard.credential.infra;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * The tenants and users credential-service knows of, as identity-service's events describe them.
 */
@ApplicationScoped
public class KnownUsers {

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

  public Uni<Void> emailChanged(SqlClient tx, String userId, String email) {
    return tx.preparedQuery("UPDATE known_users SET email = $2 WHERE id = $1")
        .execute(Tuple.of(UUID.fromString(userId), email))
        .replaceWithVoid();
  }

  public Uni<Void> statusChanged(SqlClient tx, String userId, String status) {
    return tx.preparedQuery("UPDATE known_users SET status = $2 WHERE id = $1")
        .execute(Tuple.of(UUID.fromString(userId), status))
        .replaceWithVoid();
  }
}
