package io.lanyard.credential.infra;

import io.lanyard.credential.domain.CodeSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * What the scheduler may have to act on, selected from the read model of codes by a deadline that
 * has passed ({@code <= now}), on the indexes made for it (V5), a bounded page at a time. The
 * selection only proposes: each action decides again from the user's stream.
 */
@ApplicationScoped
public class DueCodes {

  /**
   * A current code, as the read model holds it.
   *
   * @param changedAt when it was set: what a rotation counts from
   */
  public record DueCode(
      UUID userId,
      String tenantId,
      String codeHash,
      CodeSource source,
      Instant changedAt,
      boolean rotationNoticed) {}

  private static final String COLUMNS =
      "a.user_id, a.tenant_id, a.code_hash, a.reason, a.updated_at, a.rotation_noticed";

  /** Codes whose {@code expiresAt} is at or before {@code now} and not recorded, oldest first. */
  public Uni<List<DueCode>> expired(SqlClient client, Instant now, int limit) {
    return client
        .preparedQuery(
            "SELECT "
                + COLUMNS
                + " FROM access_codes a WHERE a.expires_at IS NOT NULL AND NOT a.expired"
                + " AND a.expires_at <= $1 ORDER BY a.expires_at LIMIT $2")
        .execute(Tuple.of(KnownUsers.offset(now), limit))
        .map(DueCodes::codes);
  }

  /**
   * The tenant's codes that a rotation may replace (not the directory's), of active users, set at
   * or before {@code setBy} and after {@code setAfter} ({@code null}: any time), oldest first; with
   * {@code unnoticedOnly}, those whose user was not warned yet. A suspended user's code waits for
   * their return. A code whose expiry has passed by {@code now} is not rotated (replacing it is the
   * admin's); left out here, it takes no place in the pass's budget however long it stays.
   */
  public Uni<List<DueCode>> rotatable(
      SqlClient client,
      String tenantId,
      Instant now,
      Instant setBy,
      Instant setAfter,
      boolean unnoticedOnly,
      int limit) {
    return client
        .preparedQuery(
            "SELECT "
                + COLUMNS
                + " FROM access_codes a JOIN known_users u ON u.id = a.user_id"
                + " JOIN known_tenants t ON t.id = a.tenant_id"
                + " WHERE a.tenant_id = $1 AND a.reason <> 'directory' AND a.updated_at <= $2"
                + " AND ($3::timestamptz IS NULL OR a.updated_at > $3)"
                + " AND (NOT $4 OR NOT a.rotation_noticed)"
                + " AND (a.expires_at IS NULL OR a.expires_at > $6)"
                + " AND u.status = 'active' AND t.status = 'active'"
                + " ORDER BY a.updated_at LIMIT $5")
        .execute(
            Tuple.from(
                Arrays.asList(
                    tenantId,
                    KnownUsers.offset(setBy),
                    KnownUsers.offset(setAfter),
                    unnoticedOnly,
                    limit,
                    KnownUsers.offset(now))))
        .map(DueCodes::codes);
  }

  private static List<DueCode> codes(RowSet<Row> rows) {
    List<DueCode> codes = new ArrayList<>();
    rows.forEach(
        row ->
            codes.add(
                new DueCode(
                    row.getUUID("user_id"),
                    row.getString("tenant_id"),
                    row.getString("code_hash"),
                    CredentialCodedValues.codeReason(row.getString("reason")).source(),
                    KnownUsers.instant(row.getOffsetDateTime("updated_at")),
                    row.getBoolean("rotation_noticed"))));
    return codes;
  }
}
