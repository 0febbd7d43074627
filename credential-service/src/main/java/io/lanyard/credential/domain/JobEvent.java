package io.lanyard.credential.domain;

import java.util.List;
import java.util.UUID;

/** What happened to a credential job; a job is its own stream, keyed by its id. */
public sealed interface JobEvent
    permits JobEvent.JobQueued, JobEvent.JobProgressed, JobEvent.JobEnded {

  UUID jobId();

  String tenantId();

  /**
   * An admin queued a job over {@code total} users of the tenant, as {@code selection} chose them
   * then.
   *
   * @param notifyUsers email each user their new code
   */
  record JobQueued(
      UUID jobId,
      String tenantId,
      boolean notifyUsers,
      JobSelection selection,
      int total,
      String requestedBy)
      implements JobEvent {}

  /**
   * A chunk of the job's users was done, in the transaction of their changes.
   *
   * @param done users done so far, whatever their outcome, over the whole job
   * @param failed users refused so far
   * @param cursor the last user done: the job goes on after it
   * @param results this chunk's users
   */
  record JobProgressed(
      UUID jobId, String tenantId, int done, int failed, UUID cursor, List<JobResult> results)
      implements JobEvent {

    public JobProgressed {
      results = List.copyOf(results);
    }
  }

  /**
   * The job ended: completed, failed or cancelled.
   *
   * @param reason why it failed or was cancelled, as an error code; null when completed
   */
  record JobEnded(
      UUID jobId, String tenantId, JobStatus status, int done, int failed, String reason)
      implements JobEvent {}
}
