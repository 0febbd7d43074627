package io.lanyard.runtime.sql;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.List;

/**
 * Every row a service holds of a tenant, deleted when the tenant is erased (ADR 7): the service's
 * own list of statements, each taking the tenant's id as {@code $1}, run in order in the caller's
 * transaction (children before the rows they hang from). A service's list names each of its tables
 * that holds a tenant's rows; {@code TenantErasureTest}s check none is left.
 */
public class TenantRows {

  private final List<String> deletions;

  /** A service's bean passes its list; CDI's proxy passes none. */
  protected TenantRows(List<String> deletions) {
    this.deletions = List.copyOf(deletions);
  }

  protected TenantRows() {
    this(List.of());
  }

  public Uni<Void> delete(SqlClient tx, String tenantId) {
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (String deletion : deletions) {
      chain =
          chain.chain(
              () -> tx.preparedQuery(deletion).execute(Tuple.of(tenantId)).replaceWithVoid());
    }
    return chain;
  }
}
