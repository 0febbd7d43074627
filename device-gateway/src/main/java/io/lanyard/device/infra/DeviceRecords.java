package io.lanyard.device.infra;

import io.lanyard.device.domain.DeviceEvent;
import io.lanyard.runtime.api.Page;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The devices as admins list them, changed with each device event in the appending transaction (so
 * a read right after a write sees it). {@code version} follows the device's stream.
 */
@ApplicationScoped
public class DeviceRecords {

  /** A device as the admin API shows it. */
  public record DeviceRow(
      String id,
      String tenantId,
      String name,
      String location,
      long version,
      Instant registeredAt,
      Instant tokenRotatedAt) {}

  private static final String COLUMNS =
      "id, tenant_id, name, location, version, registered_at, token_rotated_at";

  public Uni<Void> apply(SqlClient tx, DeviceEvent event) {
    UUID id = UUID.fromString(event.deviceId());
    if (event instanceof DeviceEvent.DeviceRegistered e) {
      return tx.preparedQuery(
              "INSERT INTO devices (id, tenant_id, name, location, version, registered_at)"
                  + " VALUES ($1, $2, $3, $4, 1, now())")
          .execute(Tuple.from(Arrays.asList(id, e.tenantId(), e.name(), e.location())))
          .replaceWithVoid();
    }
    String change =
        event instanceof DeviceEvent.DeviceTokenRotated
            ? "token_rotated_at = now()"
            : "revoked_at = now()";
    return tx.preparedQuery(
            "UPDATE devices SET version = version + 1, " + change + " WHERE id = $1")
        .execute(Tuple.of(id))
        .replaceWithVoid();
  }

  /** A device whatever its state (the answer to a command on it). */
  public Uni<DeviceRow> findAny(SqlClient client, UUID id) {
    return client
        .preparedQuery("SELECT " + COLUMNS + " FROM devices WHERE id = $1")
        .execute(Tuple.of(id))
        .map(rows -> row(rows.iterator().next()));
  }

  /** A device of the tenant that is not revoked. */
  public Uni<Optional<DeviceRow>> find(SqlClient client, String tenantId, UUID id) {
    return client
        .preparedQuery(
            "SELECT "
                + COLUMNS
                + " FROM devices WHERE id = $1 AND tenant_id = $2 AND revoked_at IS NULL")
        .execute(Tuple.of(id, tenantId))
        .map(
            rows -> rows.size() == 0 ? Optional.empty() : Optional.of(row(rows.iterator().next())));
  }

  public Uni<Page<DeviceRow>> list(SqlClient client, String tenantId, int page, int size) {
    Uni<List<DeviceRow>> items =
        client
            .preparedQuery(
                "SELECT "
                    + COLUMNS
                    + " FROM devices WHERE tenant_id = $1 AND revoked_at IS NULL"
                    + " ORDER BY registered_at, id LIMIT $2 OFFSET $3")
            .execute(Tuple.of(tenantId, size, (long) page * size))
            .map(
                rows -> {
                  List<DeviceRow> list = new ArrayList<>();
                  rows.forEach(row -> list.add(row(row)));
                  return list;
                });
    Uni<Long> total =
        client
            .preparedQuery(
                "SELECT count(*) AS n FROM devices WHERE tenant_id = $1 AND revoked_at IS NULL")
            .execute(Tuple.of(tenantId))
            .map(rows -> rows.iterator().next().getLong("n"));
    return Uni.combine()
        .all()
        .unis(items, total)
        .with((list, count) -> new Page<>(list, page, size, count));
  }

  private static DeviceRow row(Row row) {
    OffsetDateTime rotated = row.getOffsetDateTime("token_rotated_at");
    return new DeviceRow(
        row.getUUID("id").toString(),
        row.getString("tenant_id"),
        row.getString("name"),
        row.getString("location"),
        row.getLong("version"),
        row.getOffsetDateTime("registered_at").toInstant(),
        rotated == null ? null : rotated.toInstant());
  }
}
