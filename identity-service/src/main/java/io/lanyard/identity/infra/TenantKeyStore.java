package io.lanyard.identity.infra;

import io.lanyard.secrets.DataKey;
import io.lanyard.secrets.DataKeyWrapper;
import io.lanyard.secrets.SecretCipher;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tenants' own keys (ADR 7, {@code tenant_keys}): made in the transaction that creates the
 * tenant, kept wrapped under this service's cipher ring (purpose {@value
 * DataKeyWrapper#TENANT_KEY_PURPOSE}), destroyed by the tenant's erasure. Not a read model: no
 * event holds a key. This class writes no log.
 */
@ApplicationScoped
public class TenantKeyStore {

  /** Each tenant asked about in exactly one part, in the order asked. Its text shows no key. */
  public record Answer(
      Map<String, DataKey> keys, List<String> legacy, List<String> erased, List<String> unknown) {

    @Override
    public String toString() {
      return "Answer[keys="
          + keys.keySet()
          + ", legacy="
          + legacy
          + ", erased="
          + erased
          + ", unknown="
          + unknown
          + "]";
    }
  }

  private final Pool pool;
  private final DataKeyWrapper wrapper;

  TenantKeyStore(Pool pool, SecretCipher cipher) {
    this.pool = pool;
    this.wrapper = DataKeyWrapper.forTenantKeys(cipher);
  }

  /** The new tenant's key, in the transaction that creates the tenant. */
  public Uni<Void> create(SqlClient tx, String tenantId) {
    return tx.preparedQuery(
            "INSERT INTO tenant_keys (tenant_id, wrapped_key, created_at) VALUES ($1, $2, now())"
                + " ON CONFLICT (tenant_id) DO NOTHING")
        .execute(Tuple.of(tenantId, wrapper.wrap(tenantId, DataKey.generate())))
        .replaceWithVoid();
  }

  /**
   * Destroys the tenant's key, in the erasing transaction (a tenant made before tenant keys gets a
   * row that says so); answers when it was destroyed, the first time for a second erasure.
   */
  public Uni<OffsetDateTime> erase(SqlClient tx, String tenantId) {
    return tx.preparedQuery(
            "INSERT INTO tenant_keys (tenant_id, wrapped_key, created_at, erased_at)"
                + " VALUES ($1, NULL, now(), now())"
                + " ON CONFLICT (tenant_id) DO UPDATE SET wrapped_key = NULL, erased_at = now()"
                + " WHERE tenant_keys.erased_at IS NULL")
        .execute(Tuple.of(tenantId))
        .chain(
            () ->
                tx.preparedQuery("SELECT erased_at FROM tenant_keys WHERE tenant_id = $1")
                    .execute(Tuple.of(tenantId)))
        .map(rows -> rows.iterator().next().getOffsetDateTime("erased_at"));
  }

  /**
   * What each tenant has: a key; none because it was destroyed (erased); none because the tenant
   * was made before tenant keys (legacy: its keys come from the rings alone); or no such tenant.
   */
  public Uni<Answer> answer(List<String> tenantIds) {
    return pool.preparedQuery(
            "SELECT w.id, t.id AS tenant, k.wrapped_key, k.erased_at"
                + " FROM unnest($1::text[]) WITH ORDINALITY AS w (id, n)"
                + " LEFT JOIN tenants t ON t.id = w.id"
                + " LEFT JOIN tenant_keys k ON k.tenant_id = w.id ORDER BY w.n")
        .execute(Tuple.of(tenantIds.toArray(String[]::new)))
        .map(this::answer);
  }

  /** The same for every tenant there is or was (a service's start: tenants are few). */
  public Uni<Answer> answerAll() {
    return pool.query(
            "SELECT coalesce(t.id, k.tenant_id) AS id, t.id AS tenant, k.wrapped_key, k.erased_at"
                + " FROM tenants t FULL JOIN tenant_keys k ON k.tenant_id = t.id ORDER BY 1")
        .execute()
        .map(this::answer);
  }

  private Answer answer(RowSet<Row> rows) {
    Map<String, DataKey> keys = new LinkedHashMap<>();
    List<String> legacy = new ArrayList<>();
    List<String> erased = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (Row row : rows) {
      String id = row.getString("id");
      String wrapped = row.getString("wrapped_key");
      if (wrapped != null) {
        keys.put(id, wrapper.unwrap(id, wrapped));
      } else if (row.getOffsetDateTime("erased_at") != null) {
        erased.add(id);
      } else if (row.getString("tenant") != null) {
        legacy.add(id);
      } else {
        unknown.add(id);
      }
    }
    return new Answer(keys, legacy, erased, unknown);
  }
}
