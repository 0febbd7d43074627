package io.lanyard.credential.infra;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * The latest of identity's events whose guest window a user's code was made to follow (table {@code
 * guest_windows_seen}). A rebuild replays older windows after the code has followed the newest one;
 * only an event newer than every one seen may move the code, so the replay changes nothing.
 * Deliberately not a projection table: a rebuild reads and writes the live rows.
 */
@ApplicationScoped
public class GuestWindowsSeen {

  /**
   * Records the event as seen if it is newer than every one seen for the user; answers whether it
   * was, in one statement (two transactions cannot both see the same event as new).
   */
  public Uni<Boolean> newer(SqlClient tx, UUID userId, long identityVersion) {
    return tx.preparedQuery(
            "INSERT INTO guest_windows_seen (user_id, identity_version) VALUES ($1, $2)"
                + " ON CONFLICT (user_id) DO UPDATE SET identity_version ="
                + " excluded.identity_version"
                + " WHERE guest_windows_seen.identity_version < excluded.identity_version")
        .execute(Tuple.of(userId, identityVersion))
        .map(rows -> rows.rowCount() == 1);
  }
}
