package io.lanyard.eventstore;

import io.lanyard.contracts.EventType;
import io.vertx.mutiny.sqlclient.Row;

/** Reads a row of {@code event_store.events} (as selected by {@link #COLUMNS}). */
public final class EventRows {

  public static final String COLUMNS =
      "e.position, e.stream_id, e.version, e.event_id, e.event_type, e.tenant_id, e.occurred_at,"
          + " e.data::text AS data";

  private EventRows() {}

  public static StoredEvent toEvent(Row row) {
    return new StoredEvent(
        row.getLong("position"),
        row.getString("stream_id"),
        row.getLong("version"),
        row.getUUID("event_id"),
        EventType.parse(row.getString("event_type")),
        row.getString("tenant_id"),
        row.getOffsetDateTime("occurred_at").toInstant(),
        row.getString("data"));
  }
}
