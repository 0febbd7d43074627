package io.lanyard.credential.infra;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A tenant's credential history as facts without secrets: which event, on which stream (a user, a
 * job, the policy), about which user, when and by whom, in the order it happened. Read from the
 * event store a page at a time (keyset on the position); no hash, ciphertext or number is read.
 */
@ApplicationScoped
public class HistoryRows {

  /**
   * One event of the history.
   *
   * @param userId null for an event about no user (a job's progress, the policy)
   * @param by who did it (an admin's or service's name), null when the event names no one
   */
  public record HistoryRow(
      long position, String stream, String event, String userId, Instant at, String by) {}

  /** The tenant's events after {@code after} (0: from the first), at most {@code size}. */
  public Uni<List<HistoryRow>> page(SqlClient client, String tenantId, long after, int size) {
    return client
        .preparedQuery(
            "SELECT position, stream_id, event_type, data->>'userId' AS user_id, occurred_at,"
                + " coalesce(data->>'changedBy', data->>'registeredBy', data->>'removedBy',"
                + " data->>'exportedBy', data->>'revealedBy', data->>'requestedBy') AS done_by"
                + " FROM event_store.events WHERE tenant_id = $1 AND position > $2"
                + " ORDER BY position LIMIT $3")
        .execute(Tuple.of(tenantId, after, size))
        .map(
            rows -> {
              List<HistoryRow> page = new ArrayList<>();
              for (Row row : rows) {
                page.add(
                    new HistoryRow(
                        row.getLong("position"),
                        row.getString("stream_id"),
                        row.getString("event_type"),
                        row.getString("user_id"),
                        row.getOffsetDateTime("occurred_at").toInstant(),
                        row.getString("done_by")));
              }
              return page;
            });
  }
}
