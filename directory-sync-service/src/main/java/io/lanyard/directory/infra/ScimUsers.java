package io.lanyard.directory.infra;

import io.lanyard.contracts.EventEnvelope;
import io.lanyard.contracts.IdentityEvents;
import io.lanyard.directory.domain.DirectoryLink;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
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
public class ScimUsers {

  /** A user as SCIM shows them. */
  public record ScimUserRow(
      UUID id,
      String tenantId,
      String userName,
      String displayName,
      String email,
      String locale,
      String origin,
      String externalId,
      boolean active,
      long version,
      Instant created,
      Instant lastModified) {}

  /** A lookup the database can answer by index, instead of a scan of the tenant's users. */
  public enum IndexedAttribute {
    ID,
    USER_NAME,
    EXTERNAL_ID
  }

  private final Pool pool;

  /** The source of links that SCIM clients make (Google's are its own). */
  public static final String SCIM = "scim";

  ScimUsers(Pool pool) {
    this.pool = pool;
  }

  public Uni<Void> apply(
      SqlClient tx, EventEnvelope event, com.fasterxml.jackson.databind.JsonNode data) {
    UUID user = UUID.fromString(data.path("userId").asText());
    long version = event.streamVersion();
    java.time.OffsetDateTime at = event.time().atOffset(ZoneOffset.UTC);
    if (event.type().equals(IdentityEvents.USER_CREATED)
        || event.type().equals(IdentityEvents.USER_UPDATED)) {
      return tx.preparedQuery(
              "INSERT INTO scim_users (user_id, tenant_id, user_name, display_name, email, locale,"
                  + " origin, external_id, active, version, created_at, updated_at)"
                  + " VALUES ($1, $2, $3, $4, $5, $6, coalesce($7, 'manual'),"
                  + " coalesce((SELECT external_id FROM scim_links WHERE user_id = $1), $8), true, $9, $10,"
                  + " $10) ON CONFLICT (user_id) DO UPDATE SET user_name = excluded.user_name,"
                  + " display_name = excluded.display_name, email = excluded.email, locale ="
                  + " excluded.locale, version = excluded.version, updated_at = excluded.updated_at"
                  + " WHERE scim_users.version < excluded.version")
          .execute(
              Tuple.from(
                  Arrays.asList(
                      user,
                      event.tenantId(),
                      data.path("username").asText(),
                      data.path("displayName").asText(),
                      data.path("email").asText(),
                      text(data, "locale"),
                      text(data, "origin"),
                      text(data, "externalId"),
                      version,
                      at)))
          .replaceWithVoid();
    }
    String change =
        event.type().equals(IdentityEvents.USER_SUSPENDED)
            ? "active = false"
            : event.type().equals(IdentityEvents.USER_REACTIVATED)
                ? "active = true"
                : event.type().equals(IdentityEvents.USER_DELETED) ? "deleted = true" : null;
    if (change == null) {
      return Uni.createFrom().voidItem();
    }
    return tx.preparedQuery(
            "UPDATE scim_users SET "
                + change
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
        && SCIM.equals(link.source())) {
      return linked(tx, UUID.fromString(link.userId()), link.externalId());
    }
    if (event instanceof DirectoryLink.Event.DirectoryUserUnlinked unlink
        && SCIM.equals(unlink.source())) {
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

  public Uni<Void> deleted(SqlClient client, UUID id) {
    return client
        .preparedQuery("UPDATE scim_users SET deleted = true WHERE user_id = $1")
        .execute(Tuple.of(id))
        .replaceWithVoid();
  }

  public Uni<Optional<ScimUserRow>> find(SqlClient client, String tenantId, UUID id) {
    return client
        .preparedQuery(
            "SELECT * FROM scim_users WHERE tenant_id = $1 AND user_id = $2 AND NOT deleted")
        .execute(Tuple.of(tenantId, id))
        .map(
            rows -> rows.size() == 0 ? Optional.empty() : Optional.of(row(rows.iterator().next())));
  }

  /** The tenant's users, oldest first; with a value, only those whose attribute equals it. */
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

  private static String text(com.fasterxml.jackson.databind.JsonNode data, String field) {
    return data.path(field).isTextual() ? data.get(field).asText() : null;
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
