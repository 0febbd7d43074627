package io.lanyard.credential.infra;

import io.lanyard.kernel.DomainException;
import io.lanyard.runtime.api.ActiveTenants;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The tenants and users credential-service knows of, as identity-service's events describe them.
 */
@ApplicationScoped
public class KnownUsers implements ActiveTenants {

  /**
   * A personal field's value in a statement that has {@code e.erased} (the user is in {@code
   * erased_users}): null for an erased user.
   */
  private static final String UNLESS_ERASED = "CASE WHEN e.erased THEN NULL ELSE %s END";

  private final Pool pool;

  KnownUsers(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Uni<Boolean> isActive(String tenantId) {
    return pool.preparedQuery("SELECT 1 FROM known_tenants WHERE id = $1 AND status = 'active'")
        .execute(Tuple.of(tenantId))
        .map(rows -> rows.size() > 0);
  }

  /** A tenant this service has heard of, suspended or not (an archive's); otherwise 404. */
  public Uni<Void> requireKnown(String tenantId) {
    return pool.preparedQuery("SELECT 1 FROM known_tenants WHERE id = $1")
        .execute(Tuple.of(tenantId))
        .invoke(
            rows -> {
              if (rows.size() == 0) {
                throw DomainException.notFound("tenant");
              }
            })
        .replaceWithVoid();
  }

  /** Whether the user exists (not deleted) in the tenant: other tenants' users do not. */
  public Uni<Boolean> exists(String tenantId, UUID userId) {
    return pool.preparedQuery(
            "SELECT 1 FROM known_users WHERE tenant_id = $1 AND id = $2 AND status <> 'deleted'")
        .execute(Tuple.of(tenantId, userId))
        .map(rows -> rows.size() > 0);
  }

  /** A user's tenant, and whether they were deleted. */
  public record Membership(String tenantId, boolean deleted) {}

  /*
   * Users by id, a page of them at once: a lateral subquery per id, which the planner cannot turn
   * into a join (OFFSET 0), so each is one probe of the primary key whatever it estimates. Planned
   * for the actual ids on a known_users never analysed, "id = ANY($1)" scanned the whole table and
   * a plain join to unnest($1) hashed all of it (9 and 45 ms for 500 ids among 100,000 users,
   * against 1.5).
   */
  private static final String BY_IDS =
      " FROM unnest($1::uuid[]) AS x(id) CROSS JOIN LATERAL (SELECT * FROM known_users"
          + " WHERE id = x.id OFFSET 0) k";

  /** The tenant of each of these users this service has heard of. */
  public Uni<java.util.Map<UUID, Membership>> tenantsOf(java.util.Collection<UUID> ids) {
    return pool.preparedQuery("SELECT k.id, k.tenant_id, k.status" + BY_IDS)
        .execute(Tuple.of(ids.toArray(UUID[]::new)))
        .map(
            rows -> {
              java.util.Map<UUID, Membership> found = new java.util.HashMap<>();
              rows.forEach(
                  row ->
                      found.put(
                          row.getUUID("id"),
                          new Membership(
                              row.getString("tenant_id"),
                              "deleted".equals(row.getString("status")))));
              return found;
            });
  }

  public Uni<Void> tenantCreated(SqlClient tx, String tenantId) {
    return tx.preparedQuery(
            "INSERT INTO known_tenants (id, status) VALUES ($1, 'active') ON CONFLICT DO NOTHING")
        .execute(Tuple.of(tenantId))
        .replaceWithVoid();
  }

  public Uni<Void> tenantSuspended(SqlClient tx, String tenantId) {
    return tx.preparedQuery("UPDATE known_tenants SET status = 'suspended' WHERE id = $1")
        .execute(Tuple.of(tenantId))
        .replaceWithVoid();
  }

  /** The user as one of identity's events describes them; its wire values as the event's. */
  public record Profile(
      String username,
      String displayName,
      String email,
      String orgUnit,
      Instant validFrom,
      Instant validUntil) {}

  /**
   * A new user. A row that is there already came from directory-sync's announcement (email only) or
   * from this event before: only the first gets the profile, so a redelivery changes nothing.
   */
  public Uni<Void> userCreated(
      SqlClient tx, String userId, String tenantId, Profile profile, String origin, String kind) {
    return tx.preparedQuery(
            "INSERT INTO known_users (id, tenant_id, email, status, username, display_name,"
                + " org_unit, origin, kind, valid_from, valid_until)"
                + " SELECT $1::uuid, $2::text, "
                + UNLESS_ERASED.formatted("$3::text")
                + ", 'active', "
                + UNLESS_ERASED.formatted("$4::text")
                + ", "
                + UNLESS_ERASED.formatted("$5::text")
                + ", $6::text, $7::text, $8::text, $9::timestamptz, $10::timestamptz"
                + " FROM (SELECT EXISTS (SELECT 1 FROM erased_users WHERE user_id = $1) AS erased)"
                + " AS e"
                + " ON CONFLICT (id) DO UPDATE SET email = excluded.email, username ="
                + " excluded.username, display_name = excluded.display_name, org_unit ="
                + " excluded.org_unit, origin = excluded.origin, kind = excluded.kind, valid_from ="
                + " excluded.valid_from, valid_until = excluded.valid_until"
                + " WHERE known_users.username IS NULL")
        .execute(
            Tuple.from(
                Arrays.asList(
                    UUID.fromString(userId),
                    tenantId,
                    profile.email(),
                    profile.username(),
                    profile.displayName(),
                    profile.orgUnit(),
                    origin,
                    kind,
                    offset(profile.validFrom()),
                    offset(profile.validUntil()))))
        .replaceWithVoid();
  }

  /** A person as {@code UserCreated} made them known: the arguments of {@link #userCreated}. */
  public record NewPerson(String userId, String tenantId, Profile profile, String origin) {}

  /**
   * Many people made known in one statement (a poll of an import's or a directory's new users),
   * each as {@link #userCreated} would; the users are distinct (a stream has one creation).
   */
  public Uni<Void> peopleCreated(SqlClient tx, List<NewPerson> people) {
    int size = people.size();
    UUID[] ids = new UUID[size];
    String[] tenants = new String[size];
    String[] emails = new String[size];
    String[] usernames = new String[size];
    String[] displayNames = new String[size];
    String[] orgUnits = new String[size];
    String[] origins = new String[size];
    for (int i = 0; i < size; i++) {
      NewPerson person = people.get(i);
      ids[i] = UUID.fromString(person.userId());
      tenants[i] = person.tenantId();
      emails[i] = person.profile().email();
      usernames[i] = person.profile().username();
      displayNames[i] = person.profile().displayName();
      orgUnits[i] = person.profile().orgUnit();
      origins[i] = person.origin();
    }
    return tx.preparedQuery(
            "INSERT INTO known_users (id, tenant_id, email, status, username, display_name,"
                + " org_unit, origin, kind)"
                + " SELECT x.id, x.tenant_id, CASE WHEN e.user_id IS NULL THEN x.email END,"
                + " 'active', CASE WHEN e.user_id IS NULL THEN x.username END,"
                + " CASE WHEN e.user_id IS NULL THEN x.display_name END,"
                + " x.org_unit, x.origin, 'person'"
                + " FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[],"
                + " $6::text[], $7::text[])"
                + " AS x (id, tenant_id, email, username, display_name, org_unit, origin)"
                + " LEFT JOIN erased_users e ON e.user_id = x.id"
                + " ON CONFLICT (id) DO UPDATE SET email = excluded.email, username ="
                + " excluded.username, display_name = excluded.display_name, org_unit ="
                + " excluded.org_unit, origin = excluded.origin, kind = excluded.kind, valid_from ="
                + " excluded.valid_from, valid_until = excluded.valid_until"
                + " WHERE known_users.username IS NULL")
        .execute(
            Tuple.tuple(List.of(ids, tenants, emails, usernames, displayNames, orgUnits, origins)))
        .replaceWithVoid();
  }

  /**
   * The whole profile after a change ({@code UserUpdated} carries all of it); a guest's window only
   * when the event has one (a person's stays none).
   */
  public Uni<Void> userUpdated(SqlClient tx, String userId, Profile profile) {
    return tx.preparedQuery(
            "UPDATE known_users SET email = "
                + UNLESS_ERASED.formatted("$2::text")
                + ", username = "
                + UNLESS_ERASED.formatted("$3::text")
                + ", display_name = "
                + UNLESS_ERASED.formatted("$4::text")
                + ", org_unit = $5,"
                + " valid_from = CASE WHEN kind = 'guest' THEN coalesce($6, valid_from) END,"
                + " valid_until = CASE WHEN kind = 'guest' THEN coalesce($7, valid_until) END"
                + " FROM (SELECT EXISTS (SELECT 1 FROM erased_users WHERE user_id = $1) AS erased)"
                + " AS e WHERE id = $1")
        .execute(
            Tuple.from(
                Arrays.asList(
                    UUID.fromString(userId),
                    profile.email(),
                    profile.username(),
                    profile.displayName(),
                    profile.orgUnit(),
                    offset(profile.validFrom()),
                    offset(profile.validUntil()))))
        .replaceWithVoid();
  }

  /** A user of the tenant (deleted ones too: their status says so); other tenants' are empty. */
  public Uni<Optional<KnownUser>> find(SqlClient client, String tenantId, UUID userId) {
    return client
        .preparedQuery(
            "SELECT id, tenant_id, username, display_name, email, org_unit, status, origin, kind,"
                + " valid_from, valid_until FROM known_users WHERE tenant_id = $1 AND id = $2")
        .execute(Tuple.of(tenantId, userId))
        .map(
            rows ->
                rows.size() == 0 ? Optional.empty() : Optional.of(user(rows.iterator().next())));
  }

  /** The windows of the tenant's guests among these users (persons and unknown users: none). */
  public Uni<java.util.Map<UUID, io.lanyard.credential.domain.CodeWindow>> guestWindows(
      String tenantId, java.util.Collection<UUID> ids) {
    return pool.preparedQuery(
            // By the primary key alone (see BatchLookup on plans that scan a tenant); the tenant
            // and the kind are checked here.
            "SELECT k.id, k.tenant_id, k.kind, k.valid_from, k.valid_until" + BY_IDS)
        .execute(Tuple.of(ids.toArray(UUID[]::new)))
        .map(
            rows -> {
              java.util.Map<UUID, io.lanyard.credential.domain.CodeWindow> windows =
                  new java.util.HashMap<>();
              rows.forEach(
                  row -> {
                    if (tenantId.equals(row.getString("tenant_id"))
                        && KnownUser.GUEST.equals(row.getString("kind"))) {
                      windows.put(
                          row.getUUID("id"),
                          new io.lanyard.credential.domain.CodeWindow(
                              instant(row.getOffsetDateTime("valid_from")),
                              instant(row.getOffsetDateTime("valid_until"))));
                    }
                  });
              return windows;
            });
  }

  /** A row of {@code known_users}, all its columns selected. */
  public static KnownUser user(Row row) {
    return new KnownUser(
        row.getUUID("id"),
        row.getString("tenant_id"),
        row.getString("username"),
        row.getString("display_name"),
        row.getString("email"),
        row.getString("org_unit"),
        row.getString("status"),
        row.getString("origin"),
        row.getString("kind"),
        instant(row.getOffsetDateTime("valid_from")),
        instant(row.getOffsetDateTime("valid_until")));
  }

  static OffsetDateTime offset(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }

  /**
   * A user directory-sync has just created in identity-service, announced with its first code so
   * that the code need not wait for {@code UserCreated} to arrive from the topic (which then
   * changes nothing). Only in an active tenant; a user known as deleted stays deleted.
   */
  public Uni<Void> announced(String tenantId, UUID userId, String email) {
    return pool.preparedQuery(
            "INSERT INTO known_users (id, tenant_id, email, status)"
                + " SELECT $1, $2, $3, 'active' WHERE EXISTS"
                + " (SELECT 1 FROM known_tenants WHERE id = $2 AND status = 'active')"
                + " AND NOT EXISTS (SELECT 1 FROM erased_users WHERE user_id = $1)"
                + " ON CONFLICT (id) DO NOTHING")
        .execute(Tuple.of(userId, tenantId, email))
        .replaceWithVoid();
  }

  /**
   * A deleted user's data key was destroyed ({@code UserErased}, ADR 7): their email, username and
   * display name leave {@code known_users} (the row's ids, status, origin, kind and org unit stay),
   * their sign-in link (the identity provider's subject) leaves {@code person_links}, and they are
   * remembered in {@code erased_users} so that no later event about them writes those fields again.
   * A second time changes nothing.
   */
  public Uni<Void> userErased(SqlClient tx, String tenantId, String userId) {
    UUID id = UUID.fromString(userId);
    return tx.preparedQuery(
            "INSERT INTO erased_users (user_id, tenant_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
        .execute(Tuple.of(id, tenantId))
        .chain(
            () ->
                tx.preparedQuery(
                        "UPDATE known_users SET email = NULL, username = NULL, display_name = NULL"
                            + " WHERE id = $1")
                    .execute(Tuple.of(id)))
        .chain(
            () ->
                tx.preparedQuery("DELETE FROM person_links WHERE user_id = $1")
                    .execute(Tuple.of(id)))
        .replaceWithVoid();
  }

  public Uni<Void> userSuspended(SqlClient tx, String userId) {
    return statusChanged(tx, userId, "suspended");
  }

  public Uni<Void> userReactivated(SqlClient tx, String userId) {
    return statusChanged(tx, userId, "active");
  }

  public Uni<Void> userDeleted(SqlClient tx, String userId) {
    return statusChanged(tx, userId, "deleted");
  }

  private Uni<Void> statusChanged(SqlClient tx, String userId, String status) {
    return tx.preparedQuery("UPDATE known_users SET status = $2 WHERE id = $1")
        .execute(Tuple.of(UUID.fromString(userId), status))
        .replaceWithVoid();
  }
}
