package io.lanyard.device.infra;

import io.lanyard.device.domain.ReminderRate;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Each device's recent reminder requests in PostgreSQL ({@code device_reminder_requests}), so that
 * {@link ReminderRate} holds across replicas: one transaction locks the device's row, lets the rate
 * decide and records the request if it is allowed.
 */
@ApplicationScoped
public class ReminderRateStore {

  private final Pool pool;
  private final ReminderRate rate = ReminderRate.DEFAULT;

  ReminderRateStore(Pool pool) {
    this.pool = pool;
  }

  /** Takes a slot for a request at {@code now}; empty if taken, else how long to wait. */
  public Uni<Optional<Duration>> take(UUID deviceId, String tenantId, Instant now) {
    return pool.withTransaction(
        tx ->
            tx.preparedQuery(
                    "INSERT INTO device_reminder_requests (device_id, tenant_id, requests, updated_at)"
                        + " VALUES ($1, $2, '{}', now()) ON CONFLICT (device_id) DO NOTHING")
                .execute(Tuple.of(deviceId, tenantId))
                .chain(
                    () ->
                        tx.preparedQuery(
                                "SELECT requests FROM device_reminder_requests"
                                    + " WHERE device_id = $1 FOR UPDATE")
                            .execute(Tuple.of(deviceId)))
                .chain(
                    rows -> {
                      List<Instant> earlier = new ArrayList<>();
                      for (Long millis : rows.iterator().next().getArrayOfLongs("requests")) {
                        earlier.add(Instant.ofEpochMilli(millis));
                      }
                      ReminderRate.Decision decision = rate.request(earlier, now);
                      if (decision instanceof ReminderRate.Refused refused) {
                        return Uni.createFrom().item(Optional.of(refused.retryAfter()));
                      }
                      Long[] requests =
                          ((ReminderRate.Allowed) decision)
                              .requests().stream().map(Instant::toEpochMilli).toArray(Long[]::new);
                      return tx.preparedQuery(
                              "UPDATE device_reminder_requests SET requests = $2, updated_at = now()"
                                  + " WHERE device_id = $1")
                          .execute(Tuple.of(deviceId, requests))
                          .replaceWith(Optional.<Duration>empty());
                    }));
  }
}
