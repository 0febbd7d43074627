package io.lanyard.credential.infra;

import io.lanyard.credential.domain.PersonBinding.KnownUser;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/** Signed-in people and the users they are: {@code person_links} (domain PersonBinding). */
@ApplicationScoped
public class PersonLinks {

  private final Pool pool;

  PersonLinks(Pool pool) {
    this.pool = pool;
  }

  /** The user the subject is linked to in this tenant, as credential-service knows them. */
  public Uni<Optional<KnownUser>> linked(String issuer, String subject, String tenantId) {
    return pool.preparedQuery(
            "SELECT u.id, u.status FROM person_links l JOIN known_users u ON u.id = l.user_id"
                + " WHERE l.issuer = $1 AND l.subject = $2 AND l.tenant_id = $3"
                + " AND u.tenant_id = $3")
        .execute(Tuple.of(issuer, subject, tenantId))
        .map(PersonLinks::first);
  }

  /** The tenant's user with this email, whatever their status. */
  public Uni<Optional<KnownUser>> byEmail(String tenantId, String email) {
    return pool.preparedQuery(
            "SELECT id, status FROM known_users WHERE tenant_id = $1 AND email = lower($2)"
                + " ORDER BY status = 'deleted', status = 'suspended' LIMIT 1")
        .execute(Tuple.of(tenantId, email))
        .map(PersonLinks::first);
  }

  /** Links the subject to the user, replacing the user's link to any other subject. */
  public Uni<Void> link(String issuer, String subject, String tenantId, UUID userId) {
    // The user's row is locked first: two subjects linking one user at once (an account recreated
    // while the old one still signs in) otherwise both find no other link and both insert, and
    // the second breaks the one-link-per-user rule.
    return pool.withTransaction(
        tx ->
            tx.preparedQuery("SELECT id FROM known_users WHERE id = $1 FOR UPDATE")
                .execute(Tuple.of(userId))
                .chain(
                    () ->
                        tx.preparedQuery(
                                "DELETE FROM person_links WHERE user_id = $1"
                                    + " AND (issuer, subject) <> ($2, $3)")
                            .execute(Tuple.of(userId, issuer, subject)))
                .chain(
                    () ->
                        tx.preparedQuery(
                                "INSERT INTO person_links (issuer, subject, tenant_id, user_id)"
                                    + " VALUES ($1, $2, $3, $4) ON CONFLICT (issuer, subject)"
                                    + " DO UPDATE SET tenant_id = $3, user_id = $4,"
                                    + " linked_at = now()")
                            .execute(Tuple.of(issuer, subject, tenantId, userId)))
                .replaceWithVoid());
  }

  private static Optional<KnownUser> first(RowSet<Row> rows) {
    if (rows.size() == 0) {
      return Optional.empty();
    }
    Row row = rows.iterator().next();
    return Optional.of(new KnownUser(row.getUUID("id"), row.getString("status")));
  }
}
