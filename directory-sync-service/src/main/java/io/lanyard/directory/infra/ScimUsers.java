package io.lanyard.directory.infra;

import io.lanyard.contracts.WireValues;
import io.lanyard.contracts.identity.UserCreatedV1;
import io.lanyard.contracts.identity.UserUpdatedV1;
import io.lanyard.directory.application.ScimUserRow;
import io.lanyard.directory.application.ScimUserStore;
import io.lanyard.directory.domain.DirectoryLink;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Every user of every tenant as the SCIM server shows them, projected from identity's events (an
 * event older than the row's version changes nothing, so a write's own answer, recorded first, is
 * not undone by its event arriving later).
 */
@ApplicationScoped
public class ScimUsers implements ScimUserStore {

  private final Pool pool;

  ScimUsers(Pool pool) {
    this.pool = pool;
  }

  /** What identity's events do to a user's state, besides their profile. */
  public enum StatusChange {
    SUSPENDED("active = false"),
    REACTIVATED("active = true"),
    DELETED("deleted = true");

    private final String assignment;

    StatusChange(String assignment) {
      this.assignment = assignment;
    }
  }

  public Uni<Void> created(SqlClient tx, UserCreatedV1 user, long version, OffsetDateTime at) {
    return profile(
        tx,
        user.userId(),
        user.tenantId(),
        user.username(),
        user.displayName(),
        user.email(),
        user.locale(),
        user.origin(),
        user.externalId(),
        version,
        at);
  }

  /**
   * An update can arrive before the creation it follows (another partition's order, a rebuild): the
   * row it starts is a hand-made user's until the creation says otherwise.
   */
  public Uni<Void> updated(SqlClient tx, UserUpdatedV1 user, long version, OffsetDateTime at) {
    return profile(
        tx,
        user.userId(),
        user.tenantId(),
        user.username(),
        user.displayName(),
        user.email(),
        user.locale(),
        UserCreatedV1.Origin.MANUAL,
        null,
        version,
        at);
  }

  private Uni<Void> profile(
      SqlClient tx,
      UUID user,
      String tenantId,
      String username,
      String displayName,
      String email,
      String locale,
      UserCreatedV1.Origin origin,
      String externalId,
      long version,
      OffsetDateTime at) {
    return tx.preparedQuery(
            "INSERT INTO scim_users (user_id, tenant_id, user_name, display_name, email, locale,"
                + " origin, external_id, active, version, created_at, updated_at)"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7,"
                + " coalesce((SELECT external_id FROM scim_links WHERE user_id = $1), $8), true, $9, $10,"
                + " $10) ON CONFLICT (user_id) DO UPDATE SET user_name = excluded.user_name,"
                + " display_name = excluded.display_name, email = excluded.email, locale ="
                + " excluded.locale, version = excluded.version, updated_at = excluded.updated_at"
                + " WHERE scim_users.version < excluded.version")
        .execute(
            Tuple.from(
                Arrays.asList(
                    user,
                    tenantId,
                    username,
                    displayName,
                    email,
                    locale,
                    WireValues.of(origin),
                    externalId,
                    version,
                    at)))
        .replaceWithVoid();
  }

  public Uni<Void> changed(
      SqlClient tx, UUID user, StatusChange change, long version, OffsetDateTime at) {
    return tx.preparedQuery(
            "UPDATE scim_users SET "
                + change.assignment
                + ", version = $2, updated_at = $3 WHERE user_id = $1 AND version < $2")
        .execute(Tuple.of(user, version, at))
        .replaceWithVoid();
  }

  /**
   * A link event of directory-sync's own: a SCIM client's externalId for a user is the one its
   * latest {@code DirectoryUserLinked} with source scim names. Applied where the event is appended,
   * and again (changing nothing) when the feed replays the directory topic.
   */
  public Uni<Void> applyLink(SqlClient tx, DirectoryLink.Event event) {
    if (event instanceof DirectoryLink.Event.DirectoryUserLinked link
        && link.source() == DirectoryLink.Source.SCIM) {
      return linked(tx, UUID.fromString(link.userId()), link.externalId());
    }
    if (event instanceof DirectoryLink.Event.DirectoryUserUnlinked unlink
        && unlink.source() == DirectoryLink.Source.SCIM) {
      return unlinked(tx, UUID.fromString(unlink.userId()));
    }
    return Uni.createFrom().voidItem();
  }

  private Uni<Void> linked(SqlClient tx, UUID user, String externalId) {
    return tx.preparedQuery(
            "INSERT INTO scim_links (user_id, external_id) VALUES ($1, $2)"
                + " ON CONFLICT (user_id) DO UPDATE SET external_id = excluded.external_id")
        .execute(Tuple.of(user, externalId))
        .chain(
            () ->
                tx.preparedQuery("UPDATE scim_users SET external_id = $2 WHERE user_id = $1")
                    .execute(Tuple.of(user, externalId)))
        .replaceWithVoid();
  }

  private Uni<Void> unlinked(SqlClient tx, UUID user) {
    return tx.preparedQuery("DELETE FROM scim_links WHERE user_id = $1")
        .execute(Tuple.of(user))
        .replaceWithVoid();
  }

  /**
   * A user as identity-service answered a write, recorded at once so that a read right after the
   * write reflects it (the write's own event, arriving later, is older or equal and changes
   * nothing).
   */
  @Override
  public Uni<Void> record(
      SqlClient client,
      String tenantId,
      UUID id,
      String userName,
      String displayName,
      String email,
      String locale,
      String origin,
      String externalId,
      boolean active,
      long version,
      java.time.OffsetDateTime created,
      java.time.OffsetDateTime updated) {
    return client
        .preparedQuery(
            "INSERT INTO scim_users (user_id, tenant_id, user_name, display_name, email, locale,"
                + " origin, external_id, active, version, created_at, updated_at)"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
                + " ON CONFLICT (user_id) DO UPDATE SET user_name = excluded.user_name,"
                + " display_name = excluded.display_name, email = excluded.email, locale ="
                + " excluded.locale, active = excluded.active, version = excluded.version,"
                + " updated_at = excluded.updated_at WHERE scim_users.version < excluded.version")
        .execute(
            Tuple.from(
                Arrays.asList(
                    id,
                    tenantId,
                    userName,
                    displayName,
                    email,
                    locale,
                    origin,
                    externalId,
                    active,
                    version,
                    created,
                    updated)))
        .replaceWithVoid();
  }

  @Override
  public Uni<Void> deleted(SqlClient client, UUID id) {
    return client
        .preparedQuery("UPDATE scim_users SET deleted = true WHERE user_id = $1")
        .execute(Tuple.of(id))
        .replaceWithVoid();
  }

  @Override
  public Uni<Optional<ScimUserRow>> find(SqlClient client, String tenantId, UUID id) {
    return client
        .preparedQuery(
            "SELECT * FROM scim_users WHERE tenant_id = $1 AND user_id = $2 AND NOT deleted")
        .execute(Tuple.of(tenantId, id))
        .map(
            rows -> rows.size() == 0 ? Optional.empty() : Optional.of(row(rows.iterator().next())));
  }

  /** The tenant's users, oldest first; with a value, only those whose attribute equals it. */
  @Override
  public Uni<List<ScimUserRow>> list(
      SqlClient client, String tenantId, IndexedAttribute attribute, String value) {
    String where =
        attribute == null
            ? ""
            : switch (attribute) {
              case ID -> " AND user_id::text = $2";
              case USER_NAME -> " AND lower(user_name) = lower($2)";
              case EXTERNAL_ID -> " AND external_id = $2";
            };
    Tuple arguments = attribute == null ? Tuple.of(tenantId) : Tuple.of(tenantId, value);
    return client
        .preparedQuery(
            "SELECT * FROM scim_users WHERE tenant_id = $1 AND NOT deleted"
                + where
                + " ORDER BY created_at, user_id")
        .execute(arguments)
        .map(
            rows -> {
              List<ScimUserRow> users = new ArrayList<>();
              rows.forEach(row -> users.add(row(row)));
              return users;
            });
  }

  private static ScimUserRow row(Row row) {
    return new ScimUserRow(
        row.getUUID("user_id"),
        row.getString("tenant_id"),
        row.getString("user_name"),
        row.getString("display_name"),
        row.getString("email"),
        row.getString("locale"),
        row.getString("origin"),
        row.getString("external_id"),
        row.getBoolean("active"),
        row.getLong("version"),
        row.getOffsetDateTime("created_at").toInstant(),
        row.getOffsetDateTime("updated_at").toInstant());
  }
}
