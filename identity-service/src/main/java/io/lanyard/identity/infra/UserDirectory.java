package io.lanyard.identity.infra;

import io.lanyard.identity.domain.GuestWindow;
import io.lanyard.identity.domain.Origin;
import io.lanyard.identity.domain.UserEvent;
import io.lanyard.identity.domain.UserKind;
import io.lanyard.identity.domain.UserStatus;
import io.lanyard.kernel.DomainException;
import io.lanyard.runtime.api.Page;
import io.lanyard.runtime.sql.BatchLookup;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The users read model: changed with each user event in the transaction that appends it, read by
 * the admin API. Its unique indexes are where "username taken" and "email taken" are decided.
 */
@ApplicationScoped
public class UserDirectory {

  private static final String COLUMNS =
      "id, username, display_name, email, org_unit, locale, status, origin, external_id,"
          + " created_at, updated_at, version, kind, valid_from, valid_until";

  private final Pool pool;

  UserDirectory(Pool pool) {
    this.pool = pool;
  }

  /**
   * A page of new users (an import's chunk, a directory's page) in one statement: a row each by
   * itself cost PostgreSQL more than the rest of the page's work.
   */
  public Uni<Void> insertAll(SqlClient tx, List<UserEvent.Created> created) {
    if (created.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    int size = created.size();
    UUID[] ids = new UUID[size];
    String[] tenants = new String[size];
    String[] usernames = new String[size];
    String[] displayNames = new String[size];
    String[] emails = new String[size];
    String[] orgUnits = new String[size];
    String[] locales = new String[size];
    String[] origins = new String[size];
    String[] externalIds = new String[size];
    String[] kinds = new String[size];
    OffsetDateTime[] froms = new OffsetDateTime[size];
    OffsetDateTime[] untils = new OffsetDateTime[size];
    for (int i = 0; i < size; i++) {
      UserEvent.Created e = created.get(i);
      ids[i] = UUID.fromString(e.userId());
      tenants[i] = e.tenantId();
      usernames[i] = e.username();
      displayNames[i] = e.displayName();
      emails[i] = e.email();
      orgUnits[i] = e.orgUnit();
      locales[i] = e.locale();
      origins[i] = e.origin().wire();
      externalIds[i] = e.externalId();
      kinds[i] = e.kind().wire();
      froms[i] = validFrom(e.window());
      untils[i] = validUntil(e.window());
    }
    return tx.preparedQuery(
            "INSERT INTO users (id, tenant_id, username, display_name, email, org_unit, locale,"
                + " status, origin, external_id, kind, valid_from, valid_until, created_at,"
                + " updated_at)"
                + " SELECT x.id, x.tenant, x.username, x.display_name, x.email, x.org_unit,"
                + " x.locale, 'active', x.origin, x.external_id, x.kind, x.valid_from,"
                + " x.valid_until, now(), now()"
                + " FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[],"
                + " $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],"
                + " $11::timestamptz[], $12::timestamptz[]) AS x (id, tenant, username,"
                + " display_name, email, org_unit, locale, origin, external_id, kind, valid_from,"
                + " valid_until)")
        .execute(
            Tuple.tuple(
                List.of(
                    ids,
                    tenants,
                    usernames,
                    displayNames,
                    emails,
                    orgUnits,
                    locales,
                    origins,
                    externalIds,
                    kinds,
                    froms,
                    untils)))
        .onFailure(PgException.class)
        .transform(UserDirectory::taken)
        .replaceWithVoid();
  }

  public Uni<Void> apply(SqlClient tx, UserEvent event) {
    Uni<?> change;
    if (event instanceof UserEvent.Created e) {
      change =
          tx.preparedQuery(
                  "INSERT INTO users (id, tenant_id, username, display_name, email, org_unit,"
                      + " locale, status, origin, external_id, kind, valid_from, valid_until,"
                      + " created_at, updated_at)"
                      + " VALUES ($1, $2, $3, $4, $5, $6, $7, 'active', $8, $9, $10, $11, $12,"
                      + " now(), now())")
              .execute(
                  Tuple.from(
                      Arrays.asList(
                          UUID.fromString(e.userId()),
                          e.tenantId(),
                          e.username(),
                          e.displayName(),
                          e.email(),
                          e.orgUnit(),
                          e.locale(),
                          e.origin().wire(),
                          e.externalId(),
                          e.kind().wire(),
                          validFrom(e.window()),
                          validUntil(e.window()))));
    } else if (event instanceof UserEvent.Updated e) {
      change =
          tx.preparedQuery(
                  "UPDATE users SET username = $2, display_name = $3, email = $4, org_unit = $5,"
                      + " locale = $6, valid_from = $7, valid_until = $8, updated_at = now(),"
                      + " version = version + 1 WHERE id = $1")
              .execute(
                  Tuple.from(
                      Arrays.asList(
                          UUID.fromString(e.userId()),
                          e.username(),
                          e.displayName(),
                          e.email(),
                          e.orgUnit(),
                          e.locale(),
                          validFrom(e.window()),
                          validUntil(e.window()))));
    } else if (event instanceof UserEvent.Suspended e) {
      change = setStatus(tx, e.userId(), "suspended");
    } else if (event instanceof UserEvent.Reactivated e) {
      change = setStatus(tx, e.userId(), "active");
    } else if (event instanceof UserEvent.Deleted e) {
      change =
          tx.preparedQuery("DELETE FROM users WHERE id = $1")
              .execute(Tuple.of(UUID.fromString(e.userId())));
    } else {
      // UserEvent.Erased: the user's row went with the delete; the key goes in DataKeyStore.
      return Uni.createFrom().voidItem();
    }
    return change.onFailure(PgException.class).transform(UserDirectory::taken).replaceWithVoid();
  }

  public Uni<Optional<UserView>> find(SqlClient client, String tenantId, UUID userId) {
    return client
        .preparedQuery("SELECT " + COLUMNS + " FROM users WHERE tenant_id = $1 AND id = $2")
        .execute(Tuple.of(tenantId, userId))
        .map(
            rows ->
                rows.size() == 0 ? Optional.empty() : Optional.of(view(rows.iterator().next())));
  }

  /** The tenant's users among {@code ids}, by id; one probe of the primary key each. */
  public Uni<java.util.Map<UUID, UserView>> findAll(
      SqlClient client, String tenantId, java.util.Collection<UUID> ids) {
    return client
        .preparedQuery(
            "SELECT u.* FROM unnest($2::uuid[]) AS wanted (id) CROSS JOIN LATERAL (SELECT "
                + COLUMNS
                + " FROM users WHERE id = wanted.id AND tenant_id = $1 OFFSET 0) u")
        .execute(Tuple.of(tenantId, ids.toArray(UUID[]::new)))
        .map(
            rows -> {
              java.util.Map<UUID, UserView> found = new java.util.HashMap<>();
              rows.forEach(row -> found.put(row.getUUID("id"), view(row)));
              return found;
            });
  }

  /**
   * Which of these users exist (not deleted) in the tenant. One probe of the primary key per id,
   * whatever the planner estimates: with {@code id = ANY(...)} beside the tenant, or a join to the
   * ids, it may walk or hash the whole tenant instead ({@code OFFSET 0} keeps the probe a probe).
   */
  public Uni<java.util.Set<UUID>> existing(String tenantId, java.util.Collection<UUID> ids) {
    return pool.preparedQuery(
            "SELECT u.id FROM unnest($2::uuid[]) AS wanted (id) CROSS JOIN LATERAL"
                + " (SELECT id FROM users WHERE id = wanted.id AND tenant_id = $1 OFFSET 0) u")
        .execute(Tuple.of(tenantId, ids.toArray(UUID[]::new)))
        .map(
            rows -> {
              java.util.Set<UUID> found = new java.util.HashSet<>();
              rows.forEach(row -> found.add(row.getUUID("id")));
              return found;
            });
  }

  public Uni<Optional<UserView>> find(String tenantId, UUID userId) {
    return find(pool, tenantId, userId);
  }

  /**
   * The tenant's users after {@code after} ({@code null}: from the first), at most {@code size}, in
   * id order, whatever their status: a page of the tenant's archive.
   */
  public Uni<List<UserView>> pageAfter(String tenantId, UUID after, int size) {
    return pool.preparedQuery(
            "SELECT "
                + COLUMNS
                + " FROM users WHERE tenant_id = $1 AND ($2::uuid IS NULL OR id > $2)"
                + " ORDER BY id LIMIT $3")
        .execute(Tuple.from(Arrays.asList(tenantId, after, size)))
        .map(
            rows -> {
              List<UserView> page = new java.util.ArrayList<>();
              rows.forEach(row -> page.add(view(row)));
              return page;
            });
  }

  public Uni<Optional<UserView>> findByExternalId(
      String tenantId, String origin, String externalId) {
    return pool.preparedQuery(
            "SELECT "
                + COLUMNS
                + " FROM users WHERE tenant_id = $1 AND origin = $2 AND external_id = $3")
        .execute(Tuple.of(tenantId, origin, externalId))
        .map(
            rows ->
                rows.size() == 0 ? Optional.empty() : Optional.of(view(rows.iterator().next())));
  }

  /** Of these external ids of a directory, those that are users already: their user ids. */
  public Uni<java.util.Map<String, String>> idsByExternalId(
      String tenantId, String origin, List<String> externalIds) {
    return BatchLookup.each(
            pool,
            "SELECT external_id, id FROM users WHERE tenant_id = $1 AND origin = $2"
                + " AND external_id = $3",
            externalIds.stream().map(id -> Tuple.of(tenantId, origin, id)).toList())
        .map(
            rows -> {
              java.util.Map<String, String> ids = new java.util.HashMap<>();
              rows.forEach(
                  row -> ids.put(row.getString("external_id"), row.getUUID("id").toString()));
              return ids;
            });
  }

  /** Of these usernames (any case) and emails, those some user of the tenant has. */
  public Uni<java.util.Set<String>> taken(
      String tenantId, List<String> usernames, List<String> emails) {
    Uni<List<io.vertx.mutiny.sqlclient.Row>> byName =
        BatchLookup.each(
            pool,
            "SELECT 'username:' || lower(username) AS taken FROM users"
                + " WHERE tenant_id = $1 AND lower(username) = $2",
            usernames.stream()
                .map(name -> Tuple.of(tenantId, name.toLowerCase(java.util.Locale.ROOT)))
                .toList());
    Uni<List<io.vertx.mutiny.sqlclient.Row>> byEmail =
        BatchLookup.each(
            pool,
            "SELECT 'email:' || email AS taken FROM users WHERE tenant_id = $1 AND email = $2",
            emails.stream().map(email -> Tuple.of(tenantId, email)).toList());
    return byName.chain(
        names ->
            byEmail.map(
                mails -> {
                  java.util.Set<String> taken = new java.util.HashSet<>();
                  names.forEach(row -> taken.add(row.getString("taken")));
                  mails.forEach(row -> taken.add(row.getString("taken")));
                  return taken;
                }));
  }

  /**
   * Users whose username, display name or email contains {@code query}, any case, of this {@code
   * status}, {@code origin} and {@code kind} (null: any); {@code total} counts all that match.
   */
  public Uni<Page<UserView>> search(
      String tenantId,
      String query,
      UserStatus status,
      Origin origin,
      UserKind kind,
      int page,
      int size) {
    String pattern =
        query == null || query.isBlank()
            ? "%"
            : "%"
                + query
                    .strip()
                    .toLowerCase()
                    .replace("\\", "\\\\")
                    .replace("%", "\\%")
                    .replace("_", "\\_")
                + "%";
    String where =
        " FROM users WHERE tenant_id = $1 AND (lower(username) LIKE $2 OR lower(display_name) LIKE $2"
            + " OR email LIKE $2)"
            + " AND ($3::text IS NULL OR status = $3) AND ($4::text IS NULL OR origin = $4)"
            + " AND ($5::text IS NULL OR kind = $5)";
    String statusWire = status == null ? null : status.wire();
    String originWire = origin == null ? null : origin.wire();
    String kindWire = kind == null ? null : kind.wire();
    Uni<Long> total =
        pool.preparedQuery("SELECT count(*)" + where)
            .execute(Tuple.from(Arrays.asList(tenantId, pattern, statusWire, originWire, kindWire)))
            .map(rows -> rows.iterator().next().getLong(0));
    Uni<List<UserView>> items =
        pool.preparedQuery(
                "SELECT " + COLUMNS + where + " ORDER BY lower(username) LIMIT $6 OFFSET $7")
            .execute(
                Tuple.from(
                    Arrays.asList(
                        tenantId,
                        pattern,
                        statusWire,
                        originWire,
                        kindWire,
                        size,
                        (long) page * size)))
            .map(
                rows -> {
                  List<UserView> views = new ArrayList<>();
                  rows.forEach(row -> views.add(view(row)));
                  return views;
                });
    return Pages.of(items, total, page, size);
  }

  private static Uni<?> setStatus(SqlClient tx, String userId, String status) {
    return tx.preparedQuery(
            "UPDATE users SET status = $2, updated_at = now(), version = version + 1 WHERE id = $1")
        .execute(Tuple.of(UUID.fromString(userId), status));
  }

  private static Throwable taken(Throwable failure) {
    if (failure instanceof PgException pg && "23505".equals(pg.getSqlState())) {
      String constraint = String.valueOf(pg.getConstraint());
      if (constraint.contains("username")) {
        return DomainException.conflict("username_taken", "the username is taken in this tenant");
      }
      if (constraint.contains("email")) {
        return DomainException.conflict("email_taken", "the email is taken in this tenant");
      }
      if (constraint.contains("external_id")) {
        return DomainException.conflict(
            "external_id_taken", "a user with this external id exists in this tenant");
      }
    }
    return failure;
  }

  static UserView view(Row row) {
    return new UserView(
        row.getUUID("id").toString(),
        row.getString("username"),
        row.getString("display_name"),
        row.getString("email"),
        row.getString("org_unit"),
        row.getString("locale"),
        row.getString("status"),
        row.getString("origin"),
        row.getString("external_id"),
        row.getOffsetDateTime("created_at"),
        row.getOffsetDateTime("updated_at"),
        row.getLong("version"),
        row.getString("kind"),
        instant(row.getOffsetDateTime("valid_from")),
        instant(row.getOffsetDateTime("valid_until")));
  }

  private static Instant instant(OffsetDateTime value) {
    return value == null ? null : value.toInstant();
  }

  static OffsetDateTime validFrom(GuestWindow window) {
    return window == null ? null : window.validFrom().atOffset(ZoneOffset.UTC);
  }

  static OffsetDateTime validUntil(GuestWindow window) {
    return window == null ? null : window.validUntil().atOffset(ZoneOffset.UTC);
  }
}
