package io.lanyard.directory.infra;

import com.unboundid.scim2.common.filters.Filter;
import io.lanyard.contracts.WireValues;
import io.lanyard.contracts.identity.UserCreatedV1;
import io.lanyard.contracts.identity.UserUpdatedV1;
import io.lanyard.directory.application.ScimUserRow;
import io.lanyard.directory.application.ScimUserStore;
import io.lanyard.directory.domain.DirectoryLink;
import io.lanyard.directory.domain.scim.ScimName;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every user of every tenant as the SCIM server shows them, projected from identity's events (an
 * event older than the row's version changes nothing, so a write's own answer, recorded first, is
 * not undone by its event arriving later). A creation or an update comes as its v1 record whichever
 * version identity published: a v2 event opened by the feed ({@code UserEvents}, ADR 7), with null
 * personal fields for an erased user.
 */
@ApplicationScoped
public class ScimUsers implements ScimUserStore {

  /** What a SCIM link sets on a user (scim_links and scim_users have these columns alike). */
  private static final String LINKED_COLUMNS =
      "external_id, external_id_given, name_formatted, given_name, family_name, middle_name,"
          + " honorific_prefix, honorific_suffix";

  private static final String LINKED_ASSIGNMENTS =
      Arrays.stream(LINKED_COLUMNS.split(","))
          .map(String::strip)
          .map(column -> column + " = excluded." + column)
          .collect(Collectors.joining(", "));

  /** A row's linked columns and the ones an upsert brings differ. */
  private static final String LINKED_COLUMNS_CHANGE =
      linkedColumnsOf("scim_users") + ") IS DISTINCT FROM (" + linkedColumnsOf("excluded");

  /**
   * What an answer of identity-service's sets on a row a newer version has not changed since (the
   * answer can arrive after a later write's event).
   */
  private static final String NEWER_ANSWER_ASSIGNMENTS =
      Stream.of("user_name", "display_name", "email", "locale", "active", "version", "updated_at")
          .map(
              column ->
                  column
                      + " = CASE WHEN scim_users.version < excluded.version THEN excluded."
                      + column
                      + " ELSE scim_users."
                      + column
                      + " END")
          .collect(Collectors.joining(", "));

  /** The name's parts from the link {@code l}, none for an erased user. */
  private static final String NAME_UNLESS_ERASED =
      Arrays.stream(
              new String[] {
                "name_formatted",
                "given_name",
                "family_name",
                "middle_name",
                "honorific_prefix",
                "honorific_suffix"
              })
          .map(column -> unlessErased("l." + column))
          .collect(Collectors.joining(", "));

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
   * A user's creation as identity published it (opened, as its v1 record), with its stream version
   * and time.
   */
  public record Creation(UserCreatedV1 user, long version, OffsetDateTime at) {}

  /**
   * Many creations in one statement (a poll of an import's or a directory's new users), each as
   * {@link #created} would write it. The users are distinct: a stream has one creation.
   */
  public Uni<Void> createdAll(SqlClient tx, List<Creation> creations) {
    int size = creations.size();
    UUID[] users = new UUID[size];
    String[] tenants = new String[size];
    String[] usernames = new String[size];
    String[] displayNames = new String[size];
    String[] emails = new String[size];
    String[] locales = new String[size];
    String[] origins = new String[size];
    String[] externalIds = new String[size];
    Long[] versions = new Long[size];
    OffsetDateTime[] times = new OffsetDateTime[size];
    for (int i = 0; i < size; i++) {
      Creation creation = creations.get(i);
      UserCreatedV1 user = creation.user();
      users[i] = user.userId();
      tenants[i] = user.tenantId();
      usernames[i] = user.username();
      displayNames[i] = user.displayName();
      emails[i] = user.email();
      locales[i] = user.locale();
      origins[i] = WireValues.of(user.origin());
      externalIds[i] = user.externalId();
      versions[i] = creation.version();
      times[i] = creation.at();
    }
    return tx.preparedQuery(
            "INSERT INTO scim_users (user_id, tenant_id, user_name, display_name, email, locale,"
                + " origin, active, version, created_at, updated_at, "
                + LINKED_COLUMNS
                + ", deleted) SELECT x.user_id, x.tenant_id, "
                + unlessErased("x.user_name")
                + ", "
                + unlessErased("x.display_name")
                + ", "
                + unlessErased("x.email")
                + ", x.locale, x.origin, true, x.version, x.at, x.at, "
                + unlessErased("coalesce(l.external_id, x.external_id)")
                + ", coalesce(l.external_id_given, true), "
                + NAME_UNLESS_ERASED
                + ", e.user_id IS NOT NULL"
                + " FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[],"
                + " $6::text[], $7::text[], $8::text[], $9::bigint[], $10::timestamptz[])"
                + " AS x (user_id, tenant_id, user_name, display_name, email, locale, origin,"
                + " external_id, version, at) LEFT JOIN scim_links l ON l.user_id = x.user_id"
                + " LEFT JOIN erased_users e ON e.user_id = x.user_id"
                + " ON CONFLICT (user_id) DO UPDATE SET user_name = excluded.user_name,"
                + " display_name = excluded.display_name, email = excluded.email, locale ="
                + " excluded.locale, version = excluded.version, updated_at = excluded.updated_at"
                + " WHERE scim_users.version < excluded.version")
        .execute(
            Tuple.tuple(
                List.of(
                    users,
                    tenants,
                    usernames,
                    displayNames,
                    emails,
                    locales,
                    origins,
                    externalIds,
                    versions,
                    times)))
        .replaceWithVoid();
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
                + " origin, active, version, created_at, updated_at, "
                + LINKED_COLUMNS
                + ", deleted) SELECT $1::uuid, $2::text, "
                + unlessErased("$3::text")
                + ", "
                + unlessErased("$4::text")
                + ", "
                + unlessErased("$5::text")
                + ", $6::text, $7::text, true, $9::bigint, $10::timestamptz, $10::timestamptz, "
                + linkedValues("$8")
                + " ON CONFLICT (user_id) DO UPDATE SET user_name = excluded.user_name,"
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
      return linked(tx, link);
    }
    if (event instanceof DirectoryLink.Event.DirectoryUserUnlinked unlink
        && unlink.source() == DirectoryLink.Source.SCIM) {
      return unlinked(tx, UUID.fromString(unlink.userId()));
    }
    return Uni.createFrom().voidItem();
  }

  private Uni<Void> linked(SqlClient tx, DirectoryLink.Event.DirectoryUserLinked link) {
    ScimName name = link.name();
    Tuple values =
        Tuple.from(
            Arrays.asList(
                UUID.fromString(link.userId()),
                link.externalId(),
                link.externalIdGiven(),
                name.formatted(),
                name.givenName(),
                name.familyName(),
                name.middleName(),
                name.honorificPrefix(),
                name.honorificSuffix()));
    // For an erased user (a rebuild reading directory-sync's topic after identity's UserErased)
    // the link keeps whether an externalId was given, none of the person's values.
    String erasedOrValues =
        " FROM (SELECT 1) AS one LEFT JOIN erased_users e ON e.user_id = $1::uuid";
    String personal =
        unlessErased("$2::text")
            + ", $3::boolean, "
            + unlessErased("$4::text")
            + ", "
            + unlessErased("$5::text")
            + ", "
            + unlessErased("$6::text")
            + ", "
            + unlessErased("$7::text")
            + ", "
            + unlessErased("$8::text")
            + ", "
            + unlessErased("$9::text");
    return tx.preparedQuery(
            "INSERT INTO scim_links (user_id, "
                + LINKED_COLUMNS
                + ") SELECT $1::uuid, "
                + personal
                + erasedOrValues
                + " ON CONFLICT (user_id) DO UPDATE SET unlinked = false, "
                + LINKED_ASSIGNMENTS)
        .execute(values)
        .chain(
            () ->
                tx.preparedQuery(
                        "UPDATE scim_users u SET ("
                            + LINKED_COLUMNS
                            + ") = (SELECT "
                            + personal
                            + erasedOrValues
                            + ") WHERE u.user_id = $1")
                    .execute(values))
        .replaceWithVoid();
  }

  /**
   * A deleted user's data key was destroyed ({@code UserErased}, ADR 7): the person's userName,
   * display name, email, externalId and name's parts leave {@code scim_users} and {@code
   * scim_links} (the rows' ids, tenant, origin, locale, status, version and times stay), what the
   * last Google run applied to them ({@code google_users}: their Google id and a fingerprint of
   * their profile) goes, and their id joins {@code erased_users}, so that no later event about them
   * (a republished creation, a rebuild reading the directory topic after identity's) writes them
   * again. Their errors in sync runs' reports go too. A second time changes nothing.
   */
  public Uni<Void> erased(
      SqlClient tx, String tenantId, UUID user, long version, OffsetDateTime at) {
    return tx.preparedQuery(
            "SELECT u.email AS identifier FROM scim_users u WHERE u.user_id = $1"
                + " UNION SELECT u.user_name FROM scim_users u WHERE u.user_id = $1"
                + " UNION SELECT g.google_id FROM google_users g WHERE g.user_id = $1")
        .execute(Tuple.of(user))
        .map(
            rows -> {
              List<String> identifiers = new ArrayList<>();
              rows.forEach(
                  row -> {
                    String identifier = row.getString("identifier");
                    if (identifier != null && !identifier.isBlank()) {
                      identifiers.add(identifier.toLowerCase(java.util.Locale.ROOT));
                    }
                  });
              return identifiers;
            })
        .call(
            () ->
                tx.preparedQuery(
                        "INSERT INTO erased_users (user_id, tenant_id) VALUES ($1, $2)"
                            + " ON CONFLICT DO NOTHING")
                    .execute(Tuple.of(user, tenantId)))
        .call(
            () ->
                tx.preparedQuery(
                        "UPDATE scim_users SET user_name = NULL, display_name = NULL, email = NULL,"
                            + " external_id = NULL, name_formatted = NULL, given_name = NULL,"
                            + " family_name = NULL, middle_name = NULL, honorific_prefix = NULL,"
                            + " honorific_suffix = NULL, deleted = true,"
                            + " updated_at = CASE WHEN version < $2 THEN $3 ELSE updated_at END,"
                            + " version = greatest(version, $2) WHERE user_id = $1")
                    .execute(Tuple.of(user, version, at)))
        .call(
            () ->
                tx.preparedQuery(
                        "UPDATE scim_links SET external_id = NULL, name_formatted = NULL,"
                            + " given_name = NULL, family_name = NULL, middle_name = NULL,"
                            + " honorific_prefix = NULL, honorific_suffix = NULL WHERE user_id = $1")
                    .execute(Tuple.of(user)))
        .call(
            () ->
                tx.preparedQuery("DELETE FROM google_users WHERE user_id = $1")
                    .execute(Tuple.of(user)))
        .call(
            identifiers ->
                identifiers.isEmpty()
                    ? Uni.createFrom().voidItem()
                    : tx.preparedQuery(SyncRuns.FORGET_ERRORS)
                        .execute(Tuple.of(tenantId, identifiers.toArray(String[]::new))))
        .replaceWithVoid();
  }

  /** Marked, not deleted: see V7 (a rebuild must end where the live projection is). */
  private Uni<Void> unlinked(SqlClient tx, UUID user) {
    return tx.preparedQuery("UPDATE scim_links SET unlinked = true WHERE user_id = $1")
        .execute(Tuple.of(user))
        .replaceWithVoid();
  }

  /**
   * A user as identity-service answered a write, recorded at once so that a read right after the
   * write reflects it (the write's own event, arriving later, is older or equal and changes
   * nothing).
   */
  @Override
  public Uni<Map<UUID, ScimUserRow>> record(
      SqlClient client, String tenantId, List<Recorded> users) {
    if (users.isEmpty()) {
      return Uni.createFrom().item(Map.of());
    }
    List<Tuple> tuples = new ArrayList<>(users.size());
    for (Recorded user : users) {
      tuples.add(
          Tuple.from(
              Arrays.asList(
                  user.id(),
                  tenantId,
                  user.userName(),
                  user.displayName(),
                  user.email(),
                  user.locale(),
                  user.origin(),
                  user.externalId(),
                  user.active(),
                  user.version(),
                  user.created(),
                  user.updated())));
    }
    // Each user in a statement of its own, not a batch (one transaction holding every row until
    // its end): the feed inserts the same new users from identity's events, and two transactions
    // that each hold some of the rows the other needs deadlocked (seen at 37 creates/s).
    String upsert =
        "INSERT INTO scim_users (user_id, tenant_id, user_name, display_name, email, locale,"
            + " origin, active, version, created_at, updated_at, "
            + LINKED_COLUMNS
            + ", deleted) SELECT $1::uuid, $2::text, "
            + unlessErased("$3::text")
            + ", "
            + unlessErased("$4::text")
            + ", "
            + unlessErased("$5::text")
            + ", $6::text, $7::text, $9::boolean, $10::bigint, $11::timestamptz,"
            + " $12::timestamptz, "
            + linkedValues("$8")
            + " ON CONFLICT (user_id) DO UPDATE SET "
            + NEWER_ANSWER_ASSIGNMENTS
            + ", "
            + LINKED_ASSIGNMENTS
            + " WHERE scim_users.version < excluded.version OR ("
            + LINKED_COLUMNS_CHANGE
            + ") RETURNING *";
    List<Uni<RowSet<Row>>> writes = new ArrayList<>(tuples.size());
    for (Tuple tuple : tuples) {
      writes.add(client.preparedQuery(upsert).execute(tuple));
    }
    return Uni.join()
        .all(writes)
        .andFailFast()
        .map(
            results -> {
              Map<UUID, ScimUserRow> written = new HashMap<>();
              for (RowSet<Row> result : results) {
                for (Row row : result) {
                  if (tenantId.equals(row.getString("tenant_id")) && !row.getBoolean("deleted")) {
                    written.put(row.getUUID("user_id"), row(row));
                  }
                }
              }
              return written;
            });
  }

  /** The same predicates as {@link #list} by userName and by externalId, for many values. */
  @Override
  public Uni<Taken> taken(
      SqlClient client,
      String tenantId,
      java.util.Collection<String> userNames,
      java.util.Collection<String> externalIds) {
    return client
        .preparedQuery(
            // One probe of an index per value (LIMIT 1 in a lateral): as a semi-join the planner
            // hashed the whole tenant instead, 7 ms a call at 10,000 users.
            "SELECT 'userName' AS attribute, x.v FROM unnest($2::text[]) AS x (v) CROSS JOIN"
                + " LATERAL (SELECT 1 FROM scim_users s WHERE s.tenant_id = $1 AND NOT s.deleted"
                + " AND lower(s.user_name) = lower(x.v) LIMIT 1) hit"
                + " UNION ALL SELECT 'externalId', x.v FROM unnest($3::text[]) AS x (v) CROSS JOIN"
                + " LATERAL (SELECT 1 FROM scim_users s WHERE s.tenant_id = $1 AND NOT s.deleted"
                + " AND s.external_id = x.v LIMIT 1) hit")
        .execute(
            Tuple.of(
                tenantId, userNames.toArray(String[]::new), externalIds.toArray(String[]::new)))
        .map(
            rows -> {
              java.util.Set<String> names = new java.util.HashSet<>();
              java.util.Set<String> keys = new java.util.HashSet<>();
              rows.forEach(
                  row ->
                      ("userName".equals(row.getString("attribute")) ? names : keys)
                          .add(row.getString("v")));
              return new Taken(names, keys);
            });
  }

  @Override
  public Uni<Void> deleted(SqlClient client, UUID id) {
    return client
        .preparedQuery("UPDATE scim_users SET deleted = true WHERE user_id = $1")
        .execute(Tuple.of(id))
        .replaceWithVoid();
  }

  /**
   * The values of {@link #LINKED_COLUMNS} for user $1: the user's SCIM link where there is one (a
   * link can arrive before the user's creation), else the given externalId as identity has it.
   */
  private static String linkedValues(String externalId) {
    return unlessErased("coalesce(l.external_id, " + externalId + "::text)")
        + ", coalesce(l.external_id_given, true), "
        + NAME_UNLESS_ERASED
        + ", e.user_id IS NOT NULL"
        + " FROM (SELECT 1) AS one LEFT JOIN scim_links l ON l.user_id = $1"
        + " LEFT JOIN erased_users e ON e.user_id = $1";
  }

  private static String linkedColumnsOf(String table) {
    return Arrays.stream(LINKED_COLUMNS.split(","))
        .map(String::strip)
        .map(column -> table + "." + column)
        .collect(Collectors.joining(", "));
  }

  /**
   * A personal value in a statement that joins {@code erased_users e} on the user: null for an
   * erased user (ADR 7), so no later event writes their data again.
   */
  private static String unlessErased(String value) {
    return "CASE WHEN e.user_id IS NULL THEN " + value + " END";
  }

  @Override
  public Uni<Found> search(
      SqlClient client, String tenantId, Filter filter, long offset, int limit) {
    String where = "tenant_id = $1 AND NOT deleted";
    List<Object> arguments = new ArrayList<>(List.of(tenantId));
    if (filter != null) {
      ScimUserFilterSql.Condition condition = ScimUserFilterSql.of(filter, 2);
      where += " AND " + condition.sql();
      arguments.addAll(condition.parameters());
    }
    Uni<Long> total =
        client
            .preparedQuery("SELECT count(*) FROM scim_users WHERE " + where)
            .execute(Tuple.from(arguments))
            .map(rows -> rows.iterator().next().getLong(0));
    if (limit == 0) {
      return total.map(count -> new Found(count, List.of()));
    }
    List<Object> paged = new ArrayList<>(arguments);
    paged.add(limit);
    paged.add(offset);
    Uni<List<ScimUserRow>> page =
        client
            .preparedQuery(
                "SELECT * FROM scim_users WHERE "
                    + where
                    + " ORDER BY created_at, user_id LIMIT $"
                    + (paged.size() - 1)
                    + " OFFSET $"
                    + paged.size())
            .execute(Tuple.from(paged))
            .map(ScimUsers::rows);
    return total.chain(count -> page.map(users -> new Found(count, users)));
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
        .map(ScimUsers::rows);
  }

  private static List<ScimUserRow> rows(RowSet<Row> rows) {
    List<ScimUserRow> users = new ArrayList<>();
    rows.forEach(row -> users.add(row(row)));
    return users;
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
        row.getBoolean("external_id_given") ? row.getString("external_id") : null,
        new ScimName(
            row.getString("name_formatted"),
            row.getString("given_name"),
            row.getString("family_name"),
            row.getString("middle_name"),
            row.getString("honorific_prefix"),
            row.getString("honorific_suffix")),
        row.getBoolean("active"),
        row.getLong("version"),
        row.getOffsetDateTime("created_at").toInstant(),
        row.getOffsetDateTime("updated_at").toInstant());
  }
}
