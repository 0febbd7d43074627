package io.lanyard.identity.infra;

import io.lanyard.eventstore.ConcurrencyConflictException;
import io.lanyard.eventstore.PersonalKeys;
import io.lanyard.secrets.DataKey;
import io.lanyard.secrets.DataKeyWrapper;
import io.lanyard.secrets.SecretCipher;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The users' data keys (ADR 7), {@code user_data_keys}: made in the transaction that creates the
 * user (the first command on the user's stream, {@link #keysOf}), kept wrapped under this service's
 * cipher ring (purpose {@value DataKeyWrapper#PURPOSE}, a key per tenant), destroyed by an erasure.
 * Not a read model: no event holds a key.
 *
 * <p>Keys are never logged: {@link DataKey}'s text shows nothing, and this class writes no log.
 */
@ApplicationScoped
public class DataKeyStore {

  /** A user whose key is wanted or made: who, of which tenant. */
  public record Owner(UUID userId, String tenantId) {}

  /**
   * What the table holds for one user of the tenant asked about: the key, or none because it was
   * destroyed.
   */
  public record Stored(UUID userId, DataKey key, OffsetDateTime erasedAt) {

    public boolean erased() {
      return key == null;
    }

    @Override
    public String toString() {
      return "Stored[userId=" + userId + ", erased=" + erased() + "]";
    }
  }

  private final Pool pool;
  private final DataKeyWrapper wrapper;

  DataKeyStore(Pool pool, SecretCipher cipher) {
    this.pool = pool;
    this.wrapper = new DataKeyWrapper(cipher);
  }

  /**
   * The keys of these users of the tenant, for the command that appends to their streams (ADR 7): a
   * user without a row gets their key here, in the command's transaction, which is how a new user's
   * key is made together with the stream (and how a user made before keys existed gets theirs on
   * the first change). One statement: the rows it makes and the rows already there. An erased user
   * has no key (nothing is sealed for them again), nor has another tenant's.
   *
   * @throws ConcurrencyConflictException (as the failure) when another transaction made one of the
   *     keys meanwhile, so that this statement neither made nor saw it: the command runs again
   */
  public Uni<PersonalKeys> keysOf(SqlClient tx, String tenantId, List<String> userIds) {
    List<Owner> owners =
        userIds.stream().map(id -> new Owner(UUID.fromString(id), tenantId)).toList();
    return tx.preparedQuery(
            "WITH wanted AS (SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[])"
                + " AS x (id, tenant, wrapped)),"
                + " made AS (INSERT INTO user_data_keys (user_id, tenant_id, wrapped_key,"
                + " created_at) SELECT id, tenant, wrapped, now() FROM wanted"
                + " ON CONFLICT (user_id) DO NOTHING"
                + " RETURNING user_id, tenant_id, wrapped_key)"
                + " SELECT user_id, tenant_id, wrapped_key FROM made UNION ALL"
                + " SELECT k.user_id, k.tenant_id, k.wrapped_key FROM wanted CROSS JOIN LATERAL"
                + " (SELECT user_id, tenant_id, wrapped_key FROM user_data_keys"
                + " WHERE user_id = wanted.id OFFSET 0) k")
        .execute(rows(owners))
        .map(
            rows -> {
              Map<String, DataKey> keys = new HashMap<>();
              Set<String> seen = new HashSet<>();
              for (Row row : rows) {
                seen.add(row.getUUID("user_id").toString());
                String wrapped = row.getString("wrapped_key");
                if (tenantId.equals(row.getString("tenant_id")) && wrapped != null) {
                  keys.put(row.getUUID("user_id").toString(), wrapper.unwrap(tenantId, wrapped));
                }
              }
              for (String userId : userIds) {
                if (!seen.contains(userId)) {
                  // Its stream was new to this command: another one started it meanwhile.
                  throw new ConcurrencyConflictException(userId, 0);
                }
              }
              return PersonalKeys.of(keys);
            });
  }

  /**
   * Keys for users made before this table existed, when first asked for: a user whose row appeared
   * meanwhile (another request made it, or an erasure destroyed it) keeps that row.
   */
  public Uni<Void> createMissing(List<Owner> users) {
    if (users.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return pool.preparedQuery(
            "INSERT INTO user_data_keys (user_id, tenant_id, wrapped_key, created_at)"
                + " SELECT x.id, x.tenant, x.wrapped, now()"
                + " FROM unnest($1::uuid[], $2::text[], $3::text[]) AS x (id, tenant, wrapped)"
                + " ON CONFLICT (user_id) DO NOTHING")
        .execute(rows(users))
        .replaceWithVoid();
  }

  private Tuple rows(List<Owner> users) {
    int size = users.size();
    UUID[] ids = new UUID[size];
    String[] tenants = new String[size];
    String[] wrapped = new String[size];
    for (int i = 0; i < size; i++) {
      Owner user = users.get(i);
      ids[i] = user.userId();
      tenants[i] = user.tenantId();
      wrapped[i] = wrapper.wrap(user.tenantId(), DataKey.generate());
    }
    return Tuple.tuple(List.of(ids, tenants, wrapped));
  }

  /**
   * The tenant's rows among these users, unwrapped, by user id; a user without a row here (none
   * yet, or another tenant's) is absent. One probe of the primary key per id, as {@link
   * UserDirectory#existing} does.
   */
  public Uni<Map<UUID, Stored>> find(String tenantId, Collection<UUID> userIds) {
    return pool.preparedQuery(
            "SELECT k.user_id, k.wrapped_key, k.erased_at FROM unnest($2::uuid[]) AS wanted (id)"
                + " CROSS JOIN LATERAL (SELECT user_id, wrapped_key, erased_at FROM user_data_keys"
                + " WHERE user_id = wanted.id AND tenant_id = $1 OFFSET 0) k")
        .execute(Tuple.of(tenantId, userIds.toArray(UUID[]::new)))
        .map(
            rows -> {
              Map<UUID, Stored> found = new HashMap<>();
              for (Row row : rows) {
                UUID userId = row.getUUID("user_id");
                String wrapped = row.getString("wrapped_key");
                found.put(
                    userId,
                    new Stored(
                        userId,
                        wrapped == null ? null : wrapper.unwrap(tenantId, wrapped),
                        row.getOffsetDateTime("erased_at")));
              }
              return found;
            });
  }

  /**
   * Destroys the user's key, in the caller's (the erasing) transaction; a user made before this
   * table existed gets a row that says so. Erasing again keeps the first time.
   */
  public Uni<Void> erase(SqlClient tx, String tenantId, UUID userId) {
    return tx.preparedQuery(
            "INSERT INTO user_data_keys (user_id, tenant_id, wrapped_key, created_at, erased_at)"
                + " VALUES ($1, $2, NULL, now(), now())"
                + " ON CONFLICT (user_id) DO UPDATE SET wrapped_key = NULL, erased_at = now()"
                + " WHERE user_data_keys.erased_at IS NULL")
        .execute(Tuple.of(userId, tenantId))
        .replaceWithVoid();
  }

  /**
   * Destroys the key of every user of the tenant, in the tenant's erasing transaction: users made
   * before keys existed get a row that says so (from the users read model, before it is emptied).
   */
  public Uni<Void> eraseTenant(SqlClient tx, String tenantId) {
    return tx.preparedQuery(
            "UPDATE user_data_keys SET wrapped_key = NULL, erased_at = now()"
                + " WHERE tenant_id = $1 AND erased_at IS NULL")
        .execute(Tuple.of(tenantId))
        .chain(
            () ->
                tx.preparedQuery(
                        "INSERT INTO user_data_keys (user_id, tenant_id, wrapped_key, created_at,"
                            + " erased_at) SELECT id, tenant_id, NULL, now(), now() FROM users"
                            + " WHERE tenant_id = $1 ON CONFLICT (user_id) DO NOTHING")
                    .execute(Tuple.of(tenantId)))
        .replaceWithVoid();
  }

  /** When the tenant's user's key was destroyed; empty while it exists (or has no row). */
  public Uni<Optional<OffsetDateTime>> erasedAt(SqlClient client, String tenantId, UUID userId) {
    return client
        .preparedQuery(
            "SELECT erased_at FROM user_data_keys WHERE user_id = $1 AND tenant_id = $2"
                + " AND erased_at IS NOT NULL")
        .execute(Tuple.of(userId, tenantId))
        .map(
            rows ->
                rows.size() == 0
                    ? Optional.empty()
                    : Optional.of(rows.iterator().next().getOffsetDateTime("erased_at")));
  }
}
