package io.lanyard.device.infra;

import io.lanyard.device.domain.DeviceLockout;
import io.lanyard.device.domain.FailureThrottle;
import io.lanyard.device.domain.LockReason;
import io.lanyard.device.domain.LockoutPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Device lockouts in PostgreSQL, shared by every replica. Each change runs in one transaction that
 * locks the device's row, lets {@link DeviceLockout} decide, writes the result and tells every
 * replica's {@link LockoutMirror} (NOTIFY, delivered at commit); this replica's mirror learns the
 * outcome at once, before the answer leaves, so its next request from the device sees it.
 *
 * <p>A success decided while failures of the device are under way, on this replica or another, is
 * part of a burst and forgets nothing ({@link DeviceLockout#succeeded}, {@link FailuresUnderWay}).
 */
@ApplicationScoped
public class LockoutStore {

  static final String CHANNEL = "lanyard_device_lockouts";

  /** A failure's outcome: the device's lockout after it, and how long to hold the answer. */
  public record Failure(DeviceLockout lockout, Duration delay) {}

  /** A device's lockout and its latest failures, for the admin. */
  public record View(DeviceLockout lockout, List<RecentFailure> recentFailures) {}

  public record RecentFailure(Instant at, String kind) {}

  private final Pool pool;
  private final LockoutMirror mirror;
  private final LockoutPolicy policy;
  private final FailureThrottle throttle;
  private final FailuresUnderWay underWay = new FailuresUnderWay();

  LockoutStore(
      Pool pool,
      LockoutMirror mirror,
      @ConfigProperty(name = "lanyard.device.tenant-throttle.free-failures", defaultValue = "20")
          int freeFailures,
      @ConfigProperty(name = "lanyard.device.lockout.hourly-failures", defaultValue = "20")
          int hourlyFailures) {
    this.pool = pool;
    this.mirror = mirror;
    LockoutPolicy standard = LockoutPolicy.DEFAULT;
    this.policy =
        new LockoutPolicy(
            standard.window(),
            standard.allowedFailures(),
            standard.budgetWindow(),
            hourlyFailures,
            standard.firstLock(),
            standard.longestLock());
    FailureThrottle defaults = FailureThrottle.DEFAULT;
    this.throttle =
        new FailureThrottle(defaults.window(), freeFailures, defaults.step(), defaults.longest());
  }

  public LockoutPolicy policy() {
    return policy;
  }

  /** A wrong code or unknown card at a device ({@code kind}: code or card). */
  public Uni<Failure> failed(UUID deviceId, String tenantId, String kind, Instant now) {
    return underWay.counting(deviceId, () -> decideFailure(deviceId, tenantId, kind, now));
  }

  private Uni<Failure> decideFailure(UUID deviceId, String tenantId, String kind, Instant now) {
    return pool.withTransaction(
            tx ->
                underWay
                    .announce(tx, deviceId)
                    .chain(() -> lockRow(tx, deviceId, tenantId))
                    .chain(
                        before -> {
                          if (before.retryAfter(now).isPresent()) {
                            // Locked meanwhile by another replica: refused, not counted again.
                            return Uni.createFrom().item(new Failure(before, Duration.ZERO));
                          }
                          DeviceLockout after = before.failed(now, policy);
                          return save(tx, deviceId, after)
                              .chain(() -> recordFailure(tx, deviceId, tenantId, kind, now))
                              .chain(() -> tenantFailures(tx, tenantId, now))
                              .map(count -> new Failure(after, throttle.delay(count)));
                        }))
        .invoke(failure -> mirror.changed(deviceId, failure.lockout()));
  }

  /**
   * A success at a device with something to forget (a success begun at {@code now}): forgets what
   * {@link DeviceLockout#succeeded} lets it, unless the device is locked (set by another replica a
   * moment ago), in which case the lock's remaining time is the answer.
   */
  public Uni<Optional<Duration>> succeeded(UUID deviceId, String tenantId, Instant now) {
    // What the row holds after this transaction, for this replica's mirror.
    AtomicReference<DeviceLockout> known = new AtomicReference<>();
    return pool.withTransaction(
            tx ->
                lockRow(tx, deviceId, tenantId)
                    .chain(
                        before -> {
                          Optional<Duration> locked = before.retryAfter(now);
                          if (locked.isPresent()) {
                            return Uni.createFrom().item(locked);
                          }
                          return underWay
                              .anywhere(tx, deviceId)
                              .chain(
                                  burst -> decideSuccess(tx, deviceId, before, burst, now, known));
                        }))
        .invoke(
            () -> {
              if (known.get() != null) {
                mirror.changed(deviceId, known.get());
              }
            });
  }

  private Uni<Optional<Duration>> decideSuccess(
      SqlConnection tx,
      UUID deviceId,
      DeviceLockout before,
      boolean failuresUnderWay,
      Instant now,
      AtomicReference<DeviceLockout> known) {
    DeviceLockout after = before.succeeded(now, failuresUnderWay, policy);
    known.set(after);
    Uni<Void> write;
    if (!after.hasRecord()) {
      // Also removes the empty row lockRow may have just made.
      write = clear(tx, deviceId);
    } else if (!after.equals(before)) {
      write = save(tx, deviceId, after);
    } else {
      // Nothing to forget (a burst, or a mirror behind the table).
      write = Uni.createFrom().voidItem();
    }
    return write.replaceWith(Optional.<Duration>empty());
  }

  /** An admin lifts the lock and forgets the failures. */
  public Uni<Void> unlock(UUID deviceId) {
    return pool.withTransaction(tx -> clear(tx, deviceId))
        .invoke(() -> mirror.changed(deviceId, DeviceLockout.CLEAR));
  }

  public Uni<View> view(UUID deviceId) {
    Uni<DeviceLockout> lockout =
        pool.preparedQuery("SELECT " + COLUMNS + " FROM device_lockouts WHERE device_id = $1")
            .execute(Tuple.of(deviceId))
            .map(rows -> rows.size() == 0 ? DeviceLockout.CLEAR : lockout(rows.iterator().next()));
    Uni<List<RecentFailure>> recent =
        pool.preparedQuery(
                "SELECT at, kind FROM device_failures WHERE device_id = $1 ORDER BY at DESC LIMIT 20")
            .execute(Tuple.of(deviceId))
            .map(
                rows -> {
                  List<RecentFailure> failures = new ArrayList<>();
                  rows.forEach(
                      row ->
                          failures.add(
                              new RecentFailure(
                                  row.getOffsetDateTime("at").toInstant(), row.getString("kind"))));
                  return failures;
                });
    return Uni.combine().all().unis(lockout, recent).with(View::new);
  }

  private Uni<DeviceLockout> lockRow(SqlConnection tx, UUID deviceId, String tenantId) {
    return tx.preparedQuery(
            "INSERT INTO device_lockouts (device_id, tenant_id, failures, locks, updated_at)"
                + " VALUES ($1, $2, '{}', 0, now()) ON CONFLICT (device_id) DO NOTHING")
        .execute(Tuple.of(deviceId, tenantId))
        .chain(
            () ->
                tx.preparedQuery(
                        "SELECT "
                            + COLUMNS
                            + " FROM device_lockouts WHERE device_id = $1 FOR UPDATE")
                    .execute(Tuple.of(deviceId)))
        .map(rows -> lockout(rows.iterator().next()));
  }

  private Uni<Void> save(SqlConnection tx, UUID deviceId, DeviceLockout lockout) {
    return tx.preparedQuery(
            "UPDATE device_lockouts SET failures = $2, budget = $3, locks = $4, locked_until = $5,"
                + " lock_reason = $6, updated_at = now() WHERE device_id = $1")
        .execute(
            Tuple.from(
                Arrays.asList(
                    deviceId,
                    millis(lockout.failures()),
                    millis(lockout.budget()),
                    lockout.locks(),
                    timestamp(lockout.lockedUntil()),
                    lockout.reason() == null ? null : lockout.reason().code())))
        .chain(() -> notify(tx, deviceId, lockout));
  }

  private Uni<Void> clear(SqlConnection tx, UUID deviceId) {
    return tx.preparedQuery("DELETE FROM device_lockouts WHERE device_id = $1")
        .execute(Tuple.of(deviceId))
        .chain(() -> notify(tx, deviceId, DeviceLockout.CLEAR));
  }

  private Uni<Void> notify(SqlConnection tx, UUID deviceId, DeviceLockout lockout) {
    return tx.preparedQuery("SELECT pg_notify($1, $2)")
        .execute(Tuple.of(CHANNEL, LockoutMirror.payload(deviceId, lockout)))
        .replaceWithVoid();
  }

  private Uni<RowSet<Row>> recordFailure(
      SqlConnection tx, UUID deviceId, String tenantId, String kind, Instant now) {
    return tx.preparedQuery(
            "INSERT INTO device_failures (device_id, tenant_id, at, kind) VALUES ($1, $2, $3, $4)")
        .execute(Tuple.of(deviceId, tenantId, timestamp(now), kind))
        .chain(
            () ->
                tx.preparedQuery("DELETE FROM device_failures WHERE device_id = $1 AND at < $2")
                    .execute(Tuple.of(deviceId, timestamp(now.minus(Duration.ofDays(7))))));
  }

  private Uni<Long> tenantFailures(SqlConnection tx, String tenantId, Instant now) {
    return tx.preparedQuery(
            "SELECT count(*) AS n FROM device_failures WHERE tenant_id = $1 AND at > $2")
        .execute(Tuple.of(tenantId, timestamp(now.minus(throttle.window()))))
        .map(rows -> rows.iterator().next().getLong("n"));
  }

  /** The columns {@link #lockout(Row)} reads. */
  static final String COLUMNS = "failures, budget, locks, locked_until, lock_reason";

  static DeviceLockout lockout(Row row) {
    OffsetDateTime until = row.getOffsetDateTime("locked_until");
    String reason = row.getString("lock_reason");
    return new DeviceLockout(
        instants(row.getArrayOfLongs("failures")),
        instants(row.getArrayOfLongs("budget")),
        row.getInteger("locks"),
        until == null ? null : until.toInstant(),
        reason == null ? null : LockReason.ofCode(reason));
  }

  private static List<Instant> instants(Long[] millis) {
    List<Instant> instants = new ArrayList<>();
    for (Long at : millis) {
      instants.add(Instant.ofEpochMilli(at));
    }
    return instants;
  }

  private static Long[] millis(List<Instant> instants) {
    return instants.stream().map(Instant::toEpochMilli).toArray(Long[]::new);
  }

  private static OffsetDateTime timestamp(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
