package io.lanyard.credential.domain;

import io.lanyard.kernel.DomainException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A job over many users (regenerating their codes), as its events make it, and the decisions it
 * takes: queued, then progressed a chunk at a time, then ended once. A chunk after the end, or a
 * second end, is refused: the stream's version makes a chunk and a cancel that race decide once.
 *
 * @param cursor the last user done ({@code null}: none yet); the next chunk starts after it
 */
public record CredentialJob(
    UUID id,
    String tenantId,
    boolean notifyUsers,
    String requestedBy,
    JobStatus status,
    int total,
    int done,
    int failed,
    UUID cursor) {

  /** Why a cancelled job ended, as its event names it. */
  public static final String CANCELLED_BY_ADMIN = "cancelled_by_admin";

  /** A job that is not there (an empty stream). */
  public static CredentialJob none(UUID id) {
    return new CredentialJob(id, null, false, null, null, 0, 0, 0, null);
  }

  public boolean exists() {
    return status != null;
  }

  public static CredentialJob fold(UUID id, List<JobEvent> events) {
    CredentialJob job = none(id);
    for (JobEvent event : events) {
      job = job.evolve(event);
    }
    return job;
  }

  public CredentialJob evolve(JobEvent event) {
    if (event instanceof JobEvent.JobQueued e) {
      return new CredentialJob(
          e.jobId(),
          e.tenantId(),
          e.notifyUsers(),
          e.requestedBy(),
          JobStatus.QUEUED,
          e.total(),
          0,
          0,
          null);
    }
    if (event instanceof JobEvent.JobProgressed e) {
      return new CredentialJob(
          id,
          tenantId,
          notifyUsers,
          requestedBy,
          JobStatus.RUNNING,
          total,
          e.done(),
          e.failed(),
          e.cursor() == null ? cursor : e.cursor());
    }
    if (event instanceof JobEvent.JobEnded e) {
      return new CredentialJob(
          id, tenantId, notifyUsers, requestedBy, e.status(), total, e.done(), e.failed(), cursor);
    }
    return this;
  }

  /** A new job over {@code total} users. */
  public static List<JobEvent> queue(
      UUID id,
      String tenantId,
      boolean notifyUsers,
      JobSelection selection,
      int total,
      String requestedBy) {
    return List.of(
        new JobEvent.JobQueued(id, tenantId, notifyUsers, selection, total, requestedBy));
  }

  /**
   * A chunk of users done (in user-id order, after the cursor); with {@code last}, the job has no
   * users left and completes. Nothing once the job has ended: its chunk must not be written.
   */
  public List<JobEvent> progress(List<JobResult> chunk, boolean last) {
    if (!exists() || status.ended()) {
      return List.of();
    }
    int doneNow = done + chunk.size();
    int failedNow =
        failed + (int) chunk.stream().filter(r -> r.outcome() == JobOutcome.REFUSED).count();
    List<JobEvent> events = new ArrayList<>();
    if (!chunk.isEmpty() || !last) {
      UUID lastUser = chunk.isEmpty() ? cursor : chunk.get(chunk.size() - 1).userId();
      events.add(new JobEvent.JobProgressed(id, tenantId, doneNow, failedNow, lastUser, chunk));
    }
    if (last) {
      events.add(
          new JobEvent.JobEnded(id, tenantId, JobStatus.COMPLETED, doneNow, failedNow, null));
    }
    return events;
  }

  /** An admin stops the job before its next chunk; one that has ended cannot be. */
  public List<JobEvent> cancel() {
    requireUnfinished();
    return List.of(
        new JobEvent.JobEnded(id, tenantId, JobStatus.CANCELLED, done, failed, CANCELLED_BY_ADMIN));
  }

  /** The job cannot go on (its chunks keep failing): it ends, what was done stays done. */
  public List<JobEvent> fail(String reason) {
    if (!exists() || status.ended()) {
      return List.of();
    }
    return List.of(new JobEvent.JobEnded(id, tenantId, JobStatus.FAILED, done, failed, reason));
  }

  private void requireUnfinished() {
    if (!exists()) {
      throw DomainException.notFound("job");
    }
    if (status.ended()) {
      throw DomainException.conflict(
          "job_finished",
          "the job has ended (" + status.name().toLowerCase(java.util.Locale.ROOT) + ")");
    }
  }
}
