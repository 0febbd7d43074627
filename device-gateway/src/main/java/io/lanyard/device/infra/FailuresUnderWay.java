package io.lanyard.device.infra;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Whether failures of a device are being decided right now, on any replica: a success decided
 * meanwhile is part of a burst and forgets nothing ({@link
 * io.lanyard.device.domain.DeviceLockout#succeeded}).
 *
 * <p>Two signs, because neither sees everything. This replica counts its own failures from the
 * moment they are known, before they reach the database. Every replica's failure also holds a
 * shared transaction-level advisory lock on the device from the start of its transaction (while it
 * waits for the device's row, too), which a success's non-blocking try for the exclusive lock sees:
 * without it a replica's success forgot the failures another replica was deciding, and a burst
 * spread over two replicas got more than five 401s. The locks end with their transactions, so a
 * replica that dies leaves none behind. The two-key form keeps them apart from the leader locks
 * ({@code pg_try_advisory_lock(bigint)}).
 */
final class FailuresUnderWay {

  private static final String SPACE = "device-failures-under-way";

  private final Map<UUID, Integer> here = new ConcurrentHashMap<>();

  /** Counts {@code failure} as under way on this replica while it runs. */
  <T> Uni<T> counting(UUID deviceId, Supplier<Uni<T>> failure) {
    return Uni.createFrom()
        .deferred(
            () -> {
              here.merge(deviceId, 1, Integer::sum);
              return failure
                  .get()
                  .onTermination()
                  .invoke(() -> here.computeIfPresent(deviceId, (id, n) -> n == 1 ? null : n - 1));
            });
  }

  /** A failure's transaction says so to every replica, until it ends. */
  Uni<Void> announce(SqlConnection tx, UUID deviceId) {
    return tx.preparedQuery("SELECT pg_advisory_xact_lock_shared(hashtext($1), hashtext($2))")
        .execute(Tuple.of(SPACE, deviceId.toString()))
        .replaceWithVoid();
  }

  /**
   * Whether any replica is deciding failures of the device, asked inside a success's transaction.
   * If none is, the success holds the exclusive lock until it commits: a failure starting meanwhile
   * waits for it, and is decided after it.
   */
  Uni<Boolean> anywhere(SqlConnection tx, UUID deviceId) {
    if (here.containsKey(deviceId)) {
      return Uni.createFrom().item(true);
    }
    return tx.preparedQuery("SELECT pg_try_advisory_xact_lock(hashtext($1), hashtext($2)) AS alone")
        .execute(Tuple.of(SPACE, deviceId.toString()))
        .map(rows -> !rows.iterator().next().getBoolean("alone"));
  }
}
