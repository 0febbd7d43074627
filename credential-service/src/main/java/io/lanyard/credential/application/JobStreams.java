package io.lanyard.credential.application;

import io.lanyard.credential.domain.CredentialJob;
import io.lanyard.credential.domain.JobEvent;
import io.lanyard.credential.infra.CredentialEventCodecs;
import io.lanyard.credential.infra.JobRecords;
import io.lanyard.eventstore.CommandExecutor;
import io.lanyard.eventstore.ConflictRetry;
import io.lanyard.eventstore.EventStream;
import io.lanyard.eventstore.PgEventStore;
import io.lanyard.eventstore.StreamId;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * A job's stream (id: the job's id, Kafka key too): its events folded into {@link CredentialJob},
 * new ones appended and kept in {@link JobRecords} in the same transaction.
 */
@ApplicationScoped
public class JobStreams {

  static final String STREAM_TYPE = "credential-job";

  private final PgEventStore store;
  private final JobRecords records;

  JobStreams(PgEventStore store, JobRecords records) {
    this.store = store;
    this.records = records;
  }

  public CommandExecutor<CredentialJob, JobEvent> of(UUID jobId) {
    return new CommandExecutor<>(
        store,
        CredentialEventCodecs.JOBS,
        STREAM_TYPE,
        events -> CredentialJob.fold(jobId, events),
        records::apply,
        ConflictRetry.defaults());
  }

  /** The job as its stream is in this transaction, with the version it was loaded at. */
  public record Loaded(CredentialJob job, long version) {}

  public Uni<Loaded> load(SqlConnection tx, UUID jobId) {
    return store
        .load(tx, jobId.toString())
        .map(
            (EventStream stream) ->
                new Loaded(
                    CredentialJob.fold(jobId, CredentialEventCodecs.JOBS.decode(stream)),
                    stream.version()));
  }

  /**
   * Appends the job's events at the version it was loaded at (a cancel that came in between makes
   * this fail, and the caller's transaction with it) and keeps the read model.
   */
  public Uni<Void> append(SqlConnection tx, Loaded loaded, List<JobEvent> events) {
    CredentialJob job = loaded.job();
    return store
        .append(
            tx,
            new StreamId(STREAM_TYPE, job.id().toString(), job.tenantId()),
            loaded.version(),
            CredentialEventCodecs.JOBS.encode(events))
        .chain(
            () -> {
              Uni<Void> chain = Uni.createFrom().voidItem();
              for (JobEvent event : events) {
                chain = chain.chain(() -> records.apply(tx, event));
              }
              return chain;
            });
  }
}
