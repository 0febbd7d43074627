package io.lanyard.directory.application;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Runs a planned {@link ScimUserQuery} against the tenant's users: the database filters, counts and
 * cuts the page, so a search holds one page of users, whatever the tenant's size.
 */
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
    return users
        .search(pool, tenantId, query.filter(), query.startIndex() - 1L, query.count())
        .map(
            found ->
                query.page(
                    found.total(),
                    found.users().stream().map(row -> ScimUserDocuments.of(row, base)).toList()));
  }
}
