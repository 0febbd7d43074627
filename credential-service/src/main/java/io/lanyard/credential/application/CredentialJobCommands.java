package io.lanyard.credential.application;

import io.lanyard.credential.domain.CredentialJob;
import io.lanyard.credential.domain.JobSelection;
import io.lanyard.credential.domain.JobStatus;
import io.lanyard.credential.infra.CredentialCodedValues;
import io.lanyard.credential.infra.JobRecords;
import io.lanyard.credential.infra.JobView;
import io.lanyard.kernel.DomainException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Queues and cancels credential jobs (ADR 6). A job's users are chosen when it is queued, in the
 * transaction of its {@code CredentialJobQueued} (whose {@code total} counts them); the worker
 * ({@link CredentialJobWorker}) runs it.
 */
@ApplicationScoped
public class CredentialJobCommands {

  private final JobStreams streams;
  private final JobRecords records;
  private final JobMetrics metrics;
  private final CredentialJobWorker worker;
  private final Pool pool;

  CredentialJobCommands(
      JobStreams streams,
      JobRecords records,
      JobMetrics metrics,
      CredentialJobWorker worker,
      Pool pool) {
    this.pool = pool;
    this.streams = streams;
    this.records = records;
    this.metrics = metrics;
    this.worker = worker;
  }

  /**
   * A regeneration job over the users {@code selection} chooses now. Named users must all be the
   * tenant's (not deleted): otherwise 404 {@code user_not_found}, naming none of them (an id of
   * another tenant's user says nothing about it), and nothing is queued.
   */
  public Uni<JobView> queue(
      String tenantId, JobSelection selection, boolean notifyUsers, String requestedBy) {
    UUID jobId = UUID.randomUUID();
    var executor = streams.of(jobId);
    return executor
        .inTransaction(
            tx ->
                records
                    .select(tx, jobId, tenantId, selection)
                    .invoke(total -> requireAllTheTenants(selection, total))
                    .chain(
                        total ->
                            executor.executeIn(
                                tx,
                                jobId.toString(),
                                tenantId,
                                none ->
                                    CredentialJob.queue(
                                        jobId,
                                        tenantId,
                                        notifyUsers,
                                        selection,
                                        total,
                                        requestedBy)))
                    .chain(() -> records.find(tx, tenantId, jobId)))
        .map(found -> found.orElseThrow())
        .invoke(worker::wakeUp);
  }

  private static void requireAllTheTenants(JobSelection selection, int selected) {
    if (selection.byUserIds() && selected != selection.userIds().size()) {
      int missing = selection.userIds().size() - selected;
      throw new DomainException(
          DomainException.Kind.NOT_FOUND,
          "user_not_found",
          missing
              + " of the userIds "
              + (missing == 1 ? "is not a user" : "are not users")
              + " of this tenant");
    }
  }

  /** Stops the job before its next chunk; what was done stays done. */
  public Uni<JobView> cancel(String tenantId, UUID jobId) {
    return records
        .find(pool, tenantId, jobId)
        .chain(
            found -> {
              JobView job = found.orElseThrow(() -> DomainException.notFound("job"));
              return streams
                  .of(jobId)
                  .execute(
                      jobId.toString(),
                      tenantId,
                      CredentialJob::cancel,
                      tx -> records.find(tx, tenantId, jobId))
                  .map(after -> after.orElseThrow())
                  .invoke(after -> metrics.ended(CredentialCodedValues.wire(JobStatus.CANCELLED)));
            });
  }

  /** A job whose chunks keep failing ends as failed, with why. */
  public Uni<Void> fail(String tenantId, UUID jobId, String reason) {
    java.util.concurrent.atomic.AtomicBoolean ended =
        new java.util.concurrent.atomic.AtomicBoolean();
    return streams
        .of(jobId)
        .execute(
            jobId.toString(),
            tenantId,
            job -> {
              var events = job.fail(reason);
              ended.set(!events.isEmpty());
              return events;
            },
            tx -> records.find(tx, tenantId, jobId))
        .invoke(
            after -> {
              if (ended.get()) {
                after.ifPresent(job -> metrics.ended(job.status()));
              }
            })
        .replaceWithVoid();
  }
}
