package io.lanyard.directory.infra;

import io.lanyard.directory.application.google.GoogleUserStore;
import io.lanyard.directory.domain.DirectoryLink;
import io.lanyard.directory.domain.google.SyncedUser;
import io.lanyard.runtime.sql.BatchLookup;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the last Google run applied to each Google user (from the link streams' events). */
@ApplicationScoped
public class GoogleUsers implements GoogleUserStore {

  private final Pool pool;

  GoogleUsers(Pool pool) {
    this.pool = pool;
  }

  public Uni<Void> apply(SqlClient tx, DirectoryLink.Event event) {
    if (event instanceof DirectoryLink.Event.DirectoryUserSynced synced) {
      return tx.preparedQuery(
              // Not for an erased user (a rebuild reading this after identity's UserErased).
              "INSERT INTO google_users (tenant_id, google_id, user_id, profile_fingerprint,"
                  + " suspended, code_digest, card_digest) SELECT $1::text, $2::text, $3::uuid,"
                  + " $4::text, $5::boolean, $6::text, $7::text"
                  + " WHERE NOT EXISTS (SELECT 1 FROM erased_users WHERE user_id = $3::uuid)"
                  + " ON CONFLICT (tenant_id, google_id) DO UPDATE SET user_id = excluded.user_id,"
                  + " profile_fingerprint = excluded.profile_fingerprint, suspended ="
                  + " excluded.suspended, code_digest = excluded.code_digest, card_digest ="
                  + " excluded.card_digest")
          .execute(
              Tuple.from(
                  Arrays.asList(
                      synced.tenantId(),
                      synced.externalId(),
                      UUID.fromString(synced.userId()),
                      synced.profileFingerprint(),
                      synced.suspended(),
                      synced.codeDigest(),
                      synced.cardDigest())))
          .replaceWithVoid();
    }
    if (event instanceof DirectoryLink.Event.DirectoryUserUnlinked unlinked
        && unlinked.source() == DirectoryLink.Source.GOOGLE) {
      return tx.preparedQuery("DELETE FROM google_users WHERE user_id = $1")
          .execute(Tuple.of(UUID.fromString(unlinked.userId())))
          .replaceWithVoid();
    }
    return Uni.createFrom().voidItem();
  }

  /** What was applied to these Google users, by Google id (those never seen are absent). */
  @Override
  public Uni<Map<String, SyncedUser>> find(String tenantId, List<String> googleIds) {
    return BatchLookup.each(
            pool,
            "SELECT * FROM google_users WHERE tenant_id = $1 AND google_id = $2",
            googleIds.stream().map(id -> Tuple.of(tenantId, id)).toList())
        .map(
            rows -> {
              Map<String, SyncedUser> found = new HashMap<>();
              for (Row row : rows) {
                SyncedUser user = synced(row);
                found.put(user.googleId(), user);
              }
              return found;
            });
  }

  /** Every Google user the tenant has, for the removals at the end of a full run. */
  @Override
  public Uni<List<SyncedUser>> all(String tenantId) {
    return pool.preparedQuery("SELECT * FROM google_users WHERE tenant_id = $1")
        .execute(Tuple.of(tenantId))
        .map(
            rows ->
                java.util.stream.StreamSupport.stream(rows.spliterator(), false)
                    .map(GoogleUsers::synced)
                    .toList());
  }

  private static SyncedUser synced(Row row) {
    return new SyncedUser(
        row.getString("google_id"),
        row.getUUID("user_id").toString(),
        row.getString("profile_fingerprint"),
        row.getBoolean("suspended"),
        row.getString("code_digest"),
        row.getString("card_digest"));
  }
}
