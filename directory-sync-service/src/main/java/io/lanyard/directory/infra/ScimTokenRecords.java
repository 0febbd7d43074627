package io.lanyard.directory.infra;

import io.lanyard.directory.domain.ScimTokenEvent;
import io.lanyard.eventstore.CommandExecutor;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** The SCIM token that works for each tenant (its hash), written with each token event. */
@ApplicationScoped
public class ScimTokenRecords implements CommandExecutor.Projector<ScimTokenEvent> {

  private final Pool pool;

  ScimTokenRecords(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Uni<Void> apply(SqlConnection tx, ScimTokenEvent event) {
    if (event instanceof ScimTokenEvent.ScimTokenIssued issued) {
      return tx.preparedQuery(
              "INSERT INTO scim_tokens (tenant_id, token_hash, issued_at) VALUES ($1, $2, now())"
                  + " ON CONFLICT (tenant_id) DO UPDATE SET token_hash = excluded.token_hash,"
                  + " issued_at = now()")
          .execute(Tuple.of(issued.tenantId(), issued.tokenHash()))
          .replaceWithVoid();
    }
    return tx.preparedQuery("DELETE FROM scim_tokens WHERE tenant_id = $1")
        .execute(Tuple.of(event.tenantId()))
        .replaceWithVoid();
  }

  /** Whose a token is: its tenant, and whether that tenant is active. */
  public record Holder(String tenantId, boolean tenantActive) {}

  /**
   * The holder of the token with this hash, if any; one statement for what every SCIM request asks
   * ({@link KnownTenants} keeps the tenants' status).
   */
  public Uni<Optional<Holder>> holderOf(String tokenHash) {
    return pool.preparedQuery(
            "SELECT t.tenant_id, coalesce(k.status = 'active', false) AS active FROM scim_tokens t"
                + " LEFT JOIN known_tenants k ON k.id = t.tenant_id WHERE t.token_hash = $1")
        .execute(Tuple.of(tokenHash))
        .map(
            rows -> {
              if (rows.size() == 0) {
                return Optional.empty();
              }
              Row row = rows.iterator().next();
              return Optional.of(new Holder(row.getString("tenant_id"), row.getBoolean("active")));
            });
  }
}
