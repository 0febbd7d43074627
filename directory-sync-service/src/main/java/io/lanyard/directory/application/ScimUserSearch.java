package io.lanyard.directory.application;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

/** Runs a planned {@link ScimUserQuery} against the tenant's users. */
@ApplicationScoped
public class ScimUserSearch {

  private final ScimUserStore users;
  private final Pool pool;

  ScimUserSearch(ScimUserStore users, Pool pool) {
    this.users = users;
    this.pool = pool;
  }

  /**
   * @param base the tenant's SCIM base URL, for each user's {@code meta.location}
   */
  public Uni<ScimUserQuery.Page> find(String tenantId, ScimUserQuery query, String base) {
    return query
        .lookup()
        .map(lookup -> users.list(pool, tenantId, lookup.attribute(), lookup.value()))
        .orElseGet(() -> users.list(pool, tenantId, null, null))
        .map(
            rows -> query.page(rows.stream().map(row -> ScimUserDocuments.of(row, base)).toList()));
  }
}
