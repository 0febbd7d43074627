package io.lanyard.credential.infra;

import io.lanyard.credential.domain.JobEvent;
import io.lanyard.credential.domain.JobResult;
import io.lanyard.credential.domain.JobSelection;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The read model of credential jobs (V6), changed with each job event in its transaction, and the
 * users each job selected when it was queued ({@code credential_job_users}).
 */
@ApplicationScoped
public class JobRecords {

  /** The kind of every job so far, as the API and the events name it. */
  public static final String REGENERATE_CODES = "regenerate_codes";

  private static final String JOB_COLUMNS =
      "id, kind, notify, status, total, done, failed, created_at, updated_at, reason";

  /** A job still to run: which, and whose. */
  public record Unfinished(UUID jobId, String tenantId) {}

  /** A page of rows and how many there are in all. */
  public record Counted<T>(List<T> items, long total) {}

  public Uni<Void> apply(SqlClient tx, JobEvent event) {
    if (event instanceof JobEvent.JobQueued e) {
      return tx.preparedQuery(
              "INSERT INTO credential_jobs (id, tenant_id, kind, notify, status, total,"
                  + " requested_by, created_at, updated_at)"
                  + " VALUES ($1, $2, $3, $4, 'queued', $5, $6, now(), now())")
          .execute(
              Tuple.from(
                  Arrays.asList(
                      e.jobId(),
                      e.tenantId(),
                      REGENERATE_CODES,
                      e.notifyUsers(),
                      e.total(),
                      e.requestedBy())))
          .replaceWithVoid();
    }
    if (event instanceof JobEvent.JobProgressed e) {
      return tx.preparedQuery(
              "UPDATE credential_jobs SET status = 'running', done = $2, failed = $3,"
                  + " cursor_id = $4, updated_at = now() WHERE id = $1")
          .execute(Tuple.of(e.jobId(), e.done(), e.failed(), e.cursor()))
          .chain(() -> results(tx, e.jobId(), e.results()));
    }
    if (event instanceof JobEvent.JobEnded e) {
      return tx.preparedQuery(
              "UPDATE credential_jobs SET status = $2, done = $3, failed = $4, reason = $5,"
                  + " updated_at = now() WHERE id = $1")
          .execute(
              Tuple.from(
                  Arrays.asList(
                      e.jobId(),
                      CredentialCodedValues.wire(e.status()),
                      e.done(),
                      e.failed(),
                      e.reason())))
          .chain(
              () ->
                  tx.preparedQuery("DELETE FROM credential_job_users WHERE job_id = $1")
                      .execute(Tuple.of(e.jobId())))
          .replaceWithVoid();
    }
    return Uni.createFrom().voidItem();
  }

  /** A chunk's results, one statement for all of them. */
  private static Uni<Void> results(SqlClient tx, UUID jobId, List<JobResult> results) {
    if (results.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    UUID[] users = new UUID[results.size()];
    String[] outcomes = new String[results.size()];
    String[] reasons = new String[results.size()];
    for (int i = 0; i < results.size(); i++) {
      users[i] = results.get(i).userId();
      outcomes[i] = CredentialCodedValues.wire(results.get(i).outcome());
      reasons[i] = results.get(i).reason();
    }
    return tx.preparedQuery(
            "INSERT INTO credential_job_results (job_id, user_id, outcome, reason)"
                + " SELECT $1, x.u, x.o, x.r FROM unnest($2::uuid[], $3::text[], $4::text[])"
                + " AS x(u, o, r) ON CONFLICT DO NOTHING")
        .execute(Tuple.of(jobId, users, outcomes, reasons))
        .replaceWithVoid();
  }

  /**
   * Records the tenant's users the selection chooses now (never deleted ones) as the job's users;
   * answers how many. With user ids, only those that are the tenant's: the caller compares the
   * count with the ids it gave.
   */
  public Uni<Integer> select(SqlClient tx, UUID jobId, String tenantId, JobSelection selection) {
    String insert = "INSERT INTO credential_job_users (job_id, user_id) SELECT $1, u.id ";
    String tenantsUsers = " u.tenant_id = $2 AND u.status <> 'deleted'";
    Uni<io.vertx.mutiny.sqlclient.RowSet<Row>> inserted;
    if (selection.byUserIds()) {
      inserted =
          tx.preparedQuery(
                  insert
                      + "FROM unnest($3::uuid[]) AS x(id) JOIN known_users u ON u.id = x.id"
                      + " WHERE"
                      + tenantsUsers)
              .execute(Tuple.of(jobId, tenantId, selection.userIds().toArray(UUID[]::new)));
    } else if (selection.orgUnit() != null) {
      inserted =
          tx.preparedQuery(
                  insert
                      + "FROM known_users u WHERE"
                      + tenantsUsers
                      + " AND (u.org_unit = $3 OR u.org_unit LIKE $4)")
              .execute(Tuple.of(jobId, tenantId, selection.orgUnit(), selection.childrenPattern()));
    } else {
      inserted =
          tx.preparedQuery(
                  insert
                      + "FROM known_users u WHERE"
                      + tenantsUsers
                      + " AND ($3::text IS NULL OR u.status = $3)"
                      + " AND ($4::text IS NULL OR u.origin = $4)")
              .execute(
                  Tuple.from(
                      Arrays.asList(jobId, tenantId, selection.status(), selection.origin())));
    }
    return inserted.map(rows -> rows.rowCount());
  }

  /** The job's next users after {@code cursor} ({@code null}: from the first), in id order. */
  public Uni<List<UUID>> usersAfter(SqlClient tx, UUID jobId, UUID cursor, int limit) {
    return tx.preparedQuery(
            "SELECT user_id FROM credential_job_users WHERE job_id = $1"
                + " AND ($2::uuid IS NULL OR user_id > $2) ORDER BY user_id LIMIT $3")
        .execute(Tuple.from(Arrays.asList(jobId, cursor, limit)))
        .map(
            rows -> {
              List<UUID> users = new ArrayList<>(rows.size());
              rows.forEach(row -> users.add(row.getUUID("user_id")));
              return users;
            });
  }

  /** A job of the tenant; another tenant's is not there. */
  public Uni<Optional<JobView>> find(SqlClient client, String tenantId, UUID jobId) {
    return client
        .preparedQuery(
            "SELECT " + JOB_COLUMNS + " FROM credential_jobs WHERE tenant_id = $1 AND id = $2")
        .execute(Tuple.of(tenantId, jobId))
        .map(
            rows -> rows.size() == 0 ? Optional.empty() : Optional.of(job(rows.iterator().next())));
  }

  /** The tenant's jobs, newest first. */
  public Uni<Counted<JobView>> list(SqlClient client, String tenantId, int page, int size) {
    return client
        .preparedQuery(
            "SELECT "
                + JOB_COLUMNS
                + ", count(*) OVER () AS all_jobs FROM credential_jobs WHERE tenant_id = $1"
                + " ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3")
        .execute(Tuple.of(tenantId, size, (long) page * size))
        .chain(
            rows -> {
              List<JobView> jobs = new ArrayList<>();
              long total = -1;
              for (Row row : rows) {
                jobs.add(job(row));
                total = row.getLong("all_jobs");
              }
              return total >= 0
                  ? Uni.createFrom().item(new Counted<>(jobs, total))
                  : count(
                          client,
                          "SELECT count(*) AS n FROM credential_jobs WHERE tenant_id = $1",
                          Tuple.of(tenantId))
                      .map(n -> new Counted<>(jobs, n));
            });
  }

  /** A page of the job's results, in user-id order. */
  public Uni<Counted<JobResult>> results(SqlClient client, UUID jobId, int page, int size) {
    Uni<List<JobResult>> items =
        client
            .preparedQuery(
                "SELECT user_id, outcome, reason FROM credential_job_results WHERE job_id = $1"
                    + " ORDER BY user_id LIMIT $2 OFFSET $3")
            .execute(Tuple.of(jobId, size, (long) page * size))
            .map(
                rows -> {
                  List<JobResult> results = new ArrayList<>();
                  rows.forEach(
                      row ->
                          results.add(
                              new JobResult(
                                  row.getUUID("user_id"),
                                  CredentialCodedValues.jobOutcome(row.getString("outcome")),
                                  row.getString("reason"))));
                  return results;
                });
    return items.chain(
        found ->
            count(
                    client,
                    "SELECT count(*) AS n FROM credential_job_results WHERE job_id = $1",
                    Tuple.of(jobId))
                .map(n -> new Counted<>(found, n)));
  }

  /**
   * The jobs still to run, the oldest of each tenant (a tenant's jobs run one after the other), in
   * tenant order; and how many there are in all.
   */
  public Uni<Counted<Unfinished>> unfinished(SqlClient client) {
    return client
        .preparedQuery(
            "SELECT DISTINCT ON (tenant_id) id, tenant_id, count(*) OVER () AS all_jobs"
                + " FROM credential_jobs WHERE status IN ('queued', 'running')"
                + " ORDER BY tenant_id, created_at, id")
        .execute()
        .map(
            rows -> {
              List<Unfinished> jobs = new ArrayList<>();
              long total = 0;
              for (Row row : rows) {
                jobs.add(new Unfinished(row.getUUID("id"), row.getString("tenant_id")));
                total = row.getLong("all_jobs");
              }
              return new Counted<>(jobs, total);
            });
  }

  private static Uni<Long> count(SqlClient client, String sql, Tuple arguments) {
    return client
        .preparedQuery(sql)
        .execute(arguments)
        .map(rows -> rows.iterator().next().getLong("n"));
  }

  private static JobView job(Row row) {
    return new JobView(
        row.getUUID("id"),
        row.getString("kind"),
        row.getBoolean("notify"),
        row.getString("status"),
        row.getInteger("total"),
        row.getInteger("done"),
        row.getInteger("failed"),
        KnownUsers.instant(row.getOffsetDateTime("created_at")),
        KnownUsers.instant(row.getOffsetDateTime("updated_at")),
        row.getString("reason"));
  }
}
