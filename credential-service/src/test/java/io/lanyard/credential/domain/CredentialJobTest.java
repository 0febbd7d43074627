package io.lanyard.credential.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanyard.kernel.DomainException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A job's decisions: chunks move its totals and cursor, it ends once, selections are one form. */
class CredentialJobTest {

  static final UUID JOB = new UUID(9, 9);
  static final UUID A = new UUID(0, 1);
  static final UUID B = new UUID(0, 2);
  static final UUID C = new UUID(0, 3);

  static CredentialJob queued(List<JobEvent> more) {
    List<JobEvent> events =
        new ArrayList<>(CredentialJob.queue(JOB, "acme", true, JobSelection.ofAll(), 3, "admin"));
    events.addAll(more);
    return CredentialJob.fold(JOB, events);
  }

  @Test
  void chunksCountDoneAndRefusedUsersAndMoveTheCursorThenTheLastOneCompletes() {
    CredentialJob job = queued(List.of());
    List<JobEvent> first =
        job.progress(
            List.of(
                new JobResult(A, JobOutcome.REGENERATED, null),
                new JobResult(B, JobOutcome.REFUSED, "code_space_exhausted")),
            false);
    job = queued(first);
    assertEquals(JobStatus.RUNNING, job.status());
    assertEquals(2, job.done());
    assertEquals(1, job.failed());
    assertEquals(B, job.cursor());

    List<JobEvent> last =
        job.progress(List.of(new JobResult(C, JobOutcome.SKIPPED, "directory_managed")), true);
    assertEquals(2, last.size());
    JobEvent.JobEnded ended = assertInstanceOf(JobEvent.JobEnded.class, last.get(1));
    assertEquals(JobStatus.COMPLETED, ended.status());
    assertEquals(3, ended.done());
    assertEquals(1, ended.failed());
  }

  @Test
  void anEndedJobTakesNoChunkAndCannotBeCancelled() {
    CredentialJob cancelled = queued(queued(List.of()).cancel());
    assertEquals(JobStatus.CANCELLED, cancelled.status());
    assertTrue(
        cancelled
            .progress(List.of(new JobResult(A, JobOutcome.REGENERATED, null)), true)
            .isEmpty());
    DomainException refused = assertThrows(DomainException.class, cancelled::cancel);
    assertEquals("job_finished", refused.code());
    assertTrue(cancelled.fail("chunk_failed").isEmpty());
  }

  @Test
  void aSelectionIsOneOfFourFormsAndAnOrgUnitTakesItsChildrenOnly() {
    assertEquals("/Staff/%", JobSelection.ofOrgUnit("/Staff/").childrenPattern());
    assertEquals("/Staff", JobSelection.ofOrgUnit("/Staff/").orgUnit());
    assertEquals("/a\\_b\\%/%", JobSelection.ofOrgUnit("/a_b%").childrenPattern());
    assertEquals("/%", JobSelection.ofOrgUnit("/").childrenPattern());
    for (Runnable bad :
        List.<Runnable>of(
            () -> JobSelection.ofOrgUnit("Staff"),
            () -> JobSelection.ofOrgUnit("/a\nb"),
            () -> JobSelection.ofFilter(null, null),
            () -> JobSelection.ofFilter("deleted", null),
            () -> JobSelection.ofFilter(null, "ldap"),
            () -> JobSelection.ofUsers(List.of()))) {
      assertEquals("invalid_selection", assertThrows(DomainException.class, bad::run).code());
    }
    assertEquals(List.of(A, B), JobSelection.ofUsers(List.of(A, B, A)).userIds());
  }
}
