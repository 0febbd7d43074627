package io.lanyard.identity.infra;

import io.lanyard.identity.domain.ImportEvent;
import io.lanyard.identity.domain.ImportMode;
import io.lanyard.identity.domain.ImportResult;
import io.lanyard.identity.domain.ImportStatus;
import io.lanyard.identity.domain.UserImport;
import io.lanyard.runtime.api.Page;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The user imports read model ({@code user_imports}, {@code user_import_results}): changed with
 * each import event in the transaction that appends it, read by the admin API and by the worker to
 * find what is still to run.
 */
@ApplicationScoped
public class ImportDirectory {

  private static final String COLUMNS =
      "id, mode, status, total, done, failed, reason, created_at, updated_at";

  /** An import still to run: the oldest of its tenant's. */
  public record Unfinished(String importId, String tenantId) {}

  private final Pool pool;

  ImportDirectory(Pool pool) {
    this.pool = pool;
  }

  public Uni<Void> apply(SqlClient tx, ImportEvent event) {
    if (event instanceof ImportEvent.Queued e) {
      return tx.preparedQuery(
              "INSERT INTO user_imports (id, tenant_id, mode, status, total, requested_by,"
                  + " created_at, updated_at, version)"
                  + " VALUES ($1, $2, $3, 'queued', $4, $5, now(), now(), 1)")
          .execute(
              Tuple.of(
                  UUID.fromString(e.importId()),
                  e.tenantId(),
                  e.mode().wire(),
                  e.total(),
                  e.requestedBy()))
          .replaceWithVoid();
    }
    if (event instanceof ImportEvent.Progressed e) {
      // A report after the end (codes refused after a cancel) keeps the end's status.
      return tx.preparedQuery(
              "UPDATE user_imports SET done = $2, failed = $3,"
                  + " through_line = greatest(through_line, $4), updated_at = now(),"
                  + " version = version + 1,"
                  + " status = CASE WHEN status IN ('queued', 'running') THEN 'running'"
                  + " ELSE status END WHERE id = $1")
          .execute(Tuple.of(UUID.fromString(e.importId()), e.done(), e.failed(), e.throughLine()))
          .chain(() -> results(tx, e.importId(), e.results()));
    }
    ImportEvent.Ended e = (ImportEvent.Ended) event;
    return tx.preparedQuery(
            "UPDATE user_imports SET status = $2, done = $3, failed = $4, reason = $5,"
                + " updated_at = now(), version = version + 1 WHERE id = $1")
        .execute(
            Tuple.from(
                Arrays.asList(
                    UUID.fromString(e.importId()),
                    e.status().wire(),
                    e.done(),
                    e.failed(),
                    e.reason())))
        .replaceWithVoid();
  }

  private static Uni<Void> results(SqlClient tx, String importId, List<ImportResult> results) {
    if (results.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    int size = results.size();
    Integer[] lines = new Integer[size];
    UUID[] users = new UUID[size];
    String[] outcomes = new String[size];
    String[] reasons = new String[size];
    for (int i = 0; i < size; i++) {
      ImportResult result = results.get(i);
      lines[i] = result.line();
      users[i] = result.userId() == null ? null : UUID.fromString(result.userId());
      outcomes[i] = result.outcome().name().toLowerCase(Locale.ROOT);
      reasons[i] = result.reason();
    }
    return tx.preparedQuery(
            "INSERT INTO user_import_results (import_id, line, user_id, outcome, reason)"
                + " SELECT $1, x.line, x.user_id, x.outcome, x.reason"
                + " FROM unnest($2::int[], $3::uuid[], $4::text[], $5::text[])"
                + " AS x(line, user_id, outcome, reason)"
                + " ON CONFLICT (import_id, line) DO UPDATE SET user_id = excluded.user_id,"
                + " outcome = excluded.outcome, reason = excluded.reason")
        .execute(Tuple.of(UUID.fromString(importId), lines, users, outcomes, reasons))
        .replaceWithVoid();
  }

  public Uni<Optional<ImportView>> find(SqlClient client, String tenantId, UUID importId) {
    return client
        .preparedQuery("SELECT " + COLUMNS + " FROM user_imports WHERE tenant_id = $1 AND id = $2")
        .execute(Tuple.of(tenantId, importId))
        .map(
            rows ->
                rows.size() == 0 ? Optional.empty() : Optional.of(view(rows.iterator().next())));
  }

  public Uni<Optional<ImportView>> find(String tenantId, UUID importId) {
    return find(pool, tenantId, importId);
  }

  /** The tenant's imports, newest first. */
  public Uni<Page<ImportView>> list(String tenantId, int page, int size) {
    Uni<Long> total =
        pool.preparedQuery("SELECT count(*) FROM user_imports WHERE tenant_id = $1")
            .execute(Tuple.of(tenantId))
            .map(rows -> rows.iterator().next().getLong(0));
    Uni<List<ImportView>> items =
        pool.preparedQuery(
                "SELECT "
                    + COLUMNS
                    + " FROM user_imports WHERE tenant_id = $1"
                    + " ORDER BY created_at DESC, id LIMIT $2 OFFSET $3")
            .execute(Tuple.of(tenantId, size, (long) page * size))
            .map(
                rows -> {
                  List<ImportView> views = new ArrayList<>();
                  rows.forEach(row -> views.add(view(row)));
                  return views;
                });
    return Pages.of(items, total, page, size);
  }

  /**
   * A page of an import's results, by line (the caller has checked the import is the tenant's).
   * Every line decided has one result, so there are {@code done + failed} of them: no count over a
   * 100,000-line import each time a console polls it.
   */
  public Uni<Page<ImportView.ResultView>> results(ImportView job, int page, int size) {
    return pool.preparedQuery(
            "SELECT line, user_id, outcome, reason FROM user_import_results"
                + " WHERE import_id = $1 ORDER BY line LIMIT $2 OFFSET $3")
        .execute(Tuple.of(UUID.fromString(job.id()), size, (long) page * size))
        .map(
            rows -> {
              List<ImportView.ResultView> views = new ArrayList<>();
              for (Row row : rows) {
                UUID user = row.getUUID("user_id");
                views.add(
                    new ImportView.ResultView(
                        row.getInteger("line"),
                        user == null ? null : user.toString(),
                        row.getString("outcome"),
                        row.getString("reason")));
              }
              return new Page<>(views, page, size, (long) job.done() + job.failed());
            });
  }

  /**
   * The import as the worker decides from it, with the stream version this row is at; empty for an
   * id no import has.
   */
  public Uni<Optional<Versioned>> current(SqlClient client, String importId) {
    return client
        .preparedQuery(
            "SELECT id, tenant_id, mode, status, total, done, failed, through_line, version"
                + " FROM user_imports WHERE id = $1")
        .execute(Tuple.of(UUID.fromString(importId)))
        .map(
            rows -> {
              if (rows.size() == 0) {
                return Optional.empty();
              }
              Row row = rows.iterator().next();
              return Optional.of(
                  new Versioned(
                      new UserImport(
                          row.getUUID("id").toString(),
                          row.getString("tenant_id"),
                          ImportMode.fromWire(row.getString("mode")),
                          ImportStatus.fromWire(row.getString("status")),
                          row.getInteger("total"),
                          row.getInteger("done"),
                          row.getInteger("failed"),
                          row.getInteger("through_line")),
                      row.getLong("version")));
            });
  }

  public Uni<Optional<Versioned>> current(String importId) {
    return current(pool, importId);
  }

  /** An import's state and the version of its stream it reflects. */
  public record Versioned(UserImport state, long version) {}

  /** The oldest import still to run of each tenant that has one, by tenant. */
  public Uni<List<Unfinished>> oldestUnfinishedPerTenant() {
    return pool.preparedQuery(
            "SELECT DISTINCT ON (tenant_id) id, tenant_id FROM user_imports"
                + " WHERE status IN ('queued', 'running') ORDER BY tenant_id, created_at, id")
        .execute()
        .map(
            rows -> {
              List<Unfinished> unfinished = new ArrayList<>();
              rows.forEach(
                  row ->
                      unfinished.add(
                          new Unfinished(
                              row.getUUID("id").toString(), row.getString("tenant_id"))));
              return unfinished;
            });
  }

  /** How many imports are queued or running, all tenants together. */
  public Uni<Long> unfinished() {
    return pool.preparedQuery(
            "SELECT count(*) FROM user_imports WHERE status IN ('queued', 'running')")
        .execute()
        .map(rows -> rows.iterator().next().getLong(0));
  }

  private static ImportView view(Row row) {
    return new ImportView(
        row.getUUID("id").toString(),
        ImportView.KIND,
        row.getString("mode"),
        row.getString("status"),
        row.getInteger("total"),
        row.getInteger("done"),
        row.getInteger("failed"),
        row.getOffsetDateTime("created_at").toInstant(),
        row.getOffsetDateTime("updated_at").toInstant(),
        row.getString("reason"),
        null);
  }
}
