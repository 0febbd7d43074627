package io.lanyard.directory.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lanyard.contracts.WireValues;
import io.lanyard.directory.application.google.SyncRunStore;
import io.lanyard.directory.domain.google.SyncCounts;
import io.lanyard.directory.domain.google.SyncRun;
import io.lanyard.eventstore.CommandExecutor;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Sync runs as the API shows them: the run's events, and the progress its replica writes while it
 * runs (pages, users seen, counts, each failed user's error).
 */
@ApplicationScoped
public class SyncRuns implements SyncRunStore, CommandExecutor.Projector<SyncRun.Event> {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * An erased person's entries leave the tenant's ({@code $1}) runs' error lists (ADR 7): those
   * whose {@code user} is one of the identifiers ({@code $2}, lower case: their email, userName,
   * Google id) or whose message names one of at least 5 characters. The counts stay.
   */
  static final String FORGET_ERRORS =
      "UPDATE sync_runs SET errors = (SELECT coalesce(jsonb_agg(x.e ORDER BY x.n), '[]'::jsonb)"
          + " FROM jsonb_array_elements(errors) WITH ORDINALITY AS x (e, n) WHERE NOT EXISTS"
          + " (SELECT 1 FROM unnest($2::text[]) AS i (v) WHERE lower(x.e ->> 'user') = i.v"
          + " OR (length(i.v) >= 5 AND strpos(lower(x.e ->> 'message'), i.v) > 0)))"
          + " WHERE tenant_id = $1 AND EXISTS (SELECT 1 FROM unnest($2::text[]) AS i (v)"
          + " WHERE strpos(lower(errors::text), i.v) > 0)";

  private final Pool pool;

  SyncRuns(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Uni<Void> apply(SqlConnection tx, SyncRun.Event event) {
    if (event instanceof SyncRun.Event.DirectorySyncStarted started) {
      return tx.preparedQuery(
              "INSERT INTO sync_runs (run_id, tenant_id, trigger, status, started_at,"
                  + " heartbeat_at) VALUES ($1, $2, $3, 'running', now(), now())"
                  + " ON CONFLICT (run_id) DO NOTHING")
          .execute(
              Tuple.of(
                  UUID.fromString(started.runId()),
                  started.tenantId(),
                  WireValues.of(DirectoryEventCodecs.trigger(started.trigger()))))
          .replaceWithVoid();
    }
    if (event instanceof SyncRun.Event.DirectorySyncCompleted completed) {
      return finish(tx, completed.runId(), "succeeded", completed.counts(), null);
    }
    var failed = (SyncRun.Event.DirectorySyncFailed) event;
    return finish(tx, failed.runId(), "failed", failed.counts(), failed.reason());
  }

  private static Uni<Void> finish(
      SqlClient tx, String runId, String status, SyncCounts counts, String failure) {
    return tx.preparedQuery(
            "UPDATE sync_runs SET status = $2, finished_at = coalesce(finished_at, now()),"
                + " created = $3, updated = $4, suspended = $5, deleted = $6, unchanged = $7,"
                + " failed = $8, failure = $9 WHERE run_id = $1")
        .execute(
            Tuple.from(
                arguments(
                    List.<Object>of(UUID.fromString(runId), status),
                    counts,
                    java.util.Collections.<Object>singletonList(failure))))
        .replaceWithVoid();
  }

  /** A statement's arguments: those before the six counts, the counts, those after. */
  private static List<Object> arguments(
      List<Object> before, SyncCounts counts, List<Object> after) {
    List<Object> arguments = new ArrayList<>(before);
    arguments.addAll(
        List.of(
            counts.created(),
            counts.updated(),
            counts.suspended(),
            counts.deleted(),
            counts.unchanged(),
            counts.failed()));
    arguments.addAll(after);
    return arguments;
  }

  /** The run a tenant has going, if any (at most one: a unique index says so). */
  @Override
  public Uni<Optional<String>> running(String tenantId) {
    return pool.preparedQuery(
            "SELECT run_id FROM sync_runs WHERE tenant_id = $1 AND status = 'running'")
        .execute(Tuple.of(tenantId))
        .map(
            rows ->
                rows.size() == 0
                    ? Optional.empty()
                    : Optional.of(rows.iterator().next().getUUID("run_id").toString()));
  }

  /** When the tenant's latest run started, if it ever ran. */
  @Override
  public Uni<Optional<OffsetDateTime>> lastStarted(String tenantId) {
    return pool.preparedQuery("SELECT max(started_at) AS last FROM sync_runs WHERE tenant_id = $1")
        .execute(Tuple.of(tenantId))
        .map(rows -> Optional.ofNullable(rows.iterator().next().getOffsetDateTime("last")));
  }

  /** Progress of a running run; also its heartbeat. */
  @Override
  public Uni<Void> progress(
      String runId, int usersSeen, int pagesRead, SyncCounts counts, List<UserError> errors) {
    return pool.preparedQuery(
            "UPDATE sync_runs SET heartbeat_at = now(), users_seen = $2, pages_read = $3,"
                + " created = $4, updated = $5, suspended = $6, deleted = $7, unchanged = $8,"
                + " failed = $9, errors = $10 WHERE run_id = $1 AND status = 'running'")
        .execute(
            Tuple.from(
                arguments(
                    List.<Object>of(UUID.fromString(runId), usersSeen, pagesRead),
                    counts,
                    List.<Object>of(new JsonArray(JSON.valueToTree(errors).toString())))))
        .replaceWithVoid();
  }

  @Override
  public Uni<Void> heartbeat(Collection<String> runIds) {
    UUID[] ids = runIds.stream().map(UUID::fromString).toArray(UUID[]::new);
    return pool.preparedQuery(
            "UPDATE sync_runs SET heartbeat_at = now()"
                + " WHERE run_id = ANY($1) AND status = 'running'")
        .execute(Tuple.of(ids))
        .replaceWithVoid();
  }

  /** Runs whose replica stopped writing progress: it died, and they can never finish. */
  @Override
  public Uni<List<RunView>> abandoned(Duration silence) {
    return pool.preparedQuery(
            "SELECT * FROM sync_runs WHERE status = 'running'"
                + " AND heartbeat_at < now() - make_interval(secs => $1)")
        .execute(Tuple.of((double) silence.toSeconds()))
        .map(SyncRuns::views);
  }

  public Uni<String> tenantOf(String runId) {
    return pool.preparedQuery("SELECT tenant_id FROM sync_runs WHERE run_id = $1")
        .execute(Tuple.of(UUID.fromString(runId)))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString("tenant_id"));
  }

  public Uni<Optional<RunView>> find(String tenantId, UUID runId) {
    return pool.preparedQuery("SELECT * FROM sync_runs WHERE tenant_id = $1 AND run_id = $2")
        .execute(Tuple.of(tenantId, runId))
        .map(rows -> views(rows).stream().findFirst());
  }

  public Uni<List<RunView>> list(String tenantId, int limit) {
    return pool.preparedQuery(
            "SELECT * FROM sync_runs WHERE tenant_id = $1 ORDER BY started_at DESC LIMIT $2")
        .execute(Tuple.of(tenantId, limit))
        .map(SyncRuns::views);
  }

  private static List<RunView> views(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
    List<RunView> views = new ArrayList<>();
    for (Row row : rows) {
      List<UserError> errors = new ArrayList<>();
      try {
        for (JsonNode error : JSON.readTree(row.getJsonArray("errors").encode())) {
          errors.add(new UserError(error.path("user").asText(), error.path("message").asText()));
        }
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
      views.add(
          new RunView(
              row.getString("tenant_id"),
              row.getUUID("run_id").toString(),
              row.getString("status"),
              row.getString("trigger"),
              row.getOffsetDateTime("started_at"),
              row.getOffsetDateTime("finished_at"),
              row.getInteger("users_seen"),
              row.getInteger("pages_read"),
              new SyncCounts(
                  row.getInteger("created"),
                  row.getInteger("updated"),
                  row.getInteger("suspended"),
                  row.getInteger("deleted"),
                  row.getInteger("unchanged"),
                  row.getInteger("failed")),
              errors,
              row.getString("failure")));
    }
    return views;
  }
}
