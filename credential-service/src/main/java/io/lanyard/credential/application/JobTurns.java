package io.lanyard.credential.application;

import io.lanyard.credential.infra.JobRecords.Unfinished;
import java.util.List;

/**
 * Whose job runs the next chunk: tenants take turns (round-robin, in tenant order), so one tenant's
 * big job never holds back another's; a tenant's jobs run one after the other.
 */
final class JobTurns {

  private JobTurns() {}

  /**
   * @param waiting the oldest unfinished job of each tenant, in tenant order (not empty)
   * @param lastTenant whose job ran the last chunk ({@code null}: none yet)
   */
  static Unfinished next(List<Unfinished> waiting, String lastTenant) {
    if (lastTenant != null) {
      for (Unfinished job : waiting) {
        if (job.tenantId().compareTo(lastTenant) > 0) {
          return job;
        }
      }
    }
    return waiting.get(0);
  }
}
