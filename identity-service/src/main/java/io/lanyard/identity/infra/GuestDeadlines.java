package io.lanyard.identity.infra;

import io.lanyard.identity.domain.TenantSettings;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The guests whose deadlines have passed, as the read model shows them: what the scheduler then
 * decides on from each guest's stream. Each selection walks the partial indexes of V4 in the order
 * of the window's end, a page at a time after the last guest seen, so a pass reads each due guest
 * once however many there are.
 */
@ApplicationScoped
public class GuestDeadlines {

  /**
   * A due guest; also the position to read on from. {@code settings}: their tenant's (for a
   * deletion; null for a suspension, which does not depend on them).
   */
  public record Due(String tenantId, UUID userId, Instant validUntil, TenantSettings settings) {

    /** Before every guest: windows end after their creation, long after 1970. */
    public static final Due START = new Due(null, new UUID(0, 0), Instant.EPOCH, null);
  }

  private final Pool pool;

  GuestDeadlines(Pool pool) {
    this.pool = pool;
  }

  /** Active guests whose window ended by {@code now}, after {@code after}. */
  public Uni<List<Due>> toSuspend(Instant now, Due after, int limit) {
    return pool.preparedQuery(
            "SELECT id, tenant_id, valid_until FROM users"
                + " WHERE kind = 'guest' AND status = 'active' AND valid_until <= $1::timestamptz"
                + " AND (valid_until, id) > ($2::timestamptz, $3::uuid)"
                + " ORDER BY valid_until, id LIMIT $4")
        .execute(
            Tuple.of(
                now.atOffset(ZoneOffset.UTC),
                after.validUntil().atOffset(ZoneOffset.UTC),
                after.userId(),
                limit))
        .map(rows -> dues(rows, false));
  }

  /**
   * Guests (active or suspended) whose window ended at least their tenant's retention before {@code
   * now}, after {@code after}. Retention is counted in hours, 24 a day, as the domain counts it:
   * PostgreSQL's days follow the session's time zone across daylight saving.
   */
  public Uni<List<Due>> toDelete(Instant now, Due after, int limit) {
    return pool.preparedQuery(
            "SELECT u.id, u.tenant_id, u.valid_until, t.guest_retention_days"
                + " FROM users u JOIN tenants t ON t.id = u.tenant_id"
                + " WHERE u.kind = 'guest'"
                // No tenant keeps a guest less than the fewest days: the index's bound.
                + " AND u.valid_until <= $1::timestamptz - make_interval(hours => 24 * $5::int)"
                + " AND u.valid_until + make_interval(hours => 24 * coalesce("
                + "t.guest_retention_days, $6::int)) <= $1::timestamptz"
                + " AND (u.valid_until, u.id) > ($2::timestamptz, $3::uuid)"
                + " ORDER BY u.valid_until, u.id LIMIT $4")
        .execute(
            Tuple.from(
                List.of(
                    now.atOffset(ZoneOffset.UTC),
                    after.validUntil().atOffset(ZoneOffset.UTC),
                    after.userId(),
                    limit,
                    TenantSettings.FEWEST_RETENTION_DAYS,
                    TenantSettings.DEFAULT.guestRetentionDays())))
        .map(rows -> dues(rows, true));
  }

  private static List<Due> dues(RowSet<Row> rows, boolean withSettings) {
    List<Due> due = new ArrayList<>();
    for (Row row : rows) {
      Integer days = withSettings ? row.getInteger("guest_retention_days") : null;
      due.add(
          new Due(
              row.getString("tenant_id"),
              row.getUUID("id"),
              row.getOffsetDateTime("valid_until").toInstant(),
              !withSettings
                  ? null
                  : days == null ? TenantSettings.DEFAULT : new TenantSettings(days)));
    }
    return due;
  }
}
