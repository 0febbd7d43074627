package io.lanyard.credential.application;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lanyard.credential.infra.JobRecords.Unfinished;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Tenants take turns at the worker: one tenant's big job does not hold back another's. */
class JobTurnsTest {

  static final Unfinished ACME = new Unfinished(UUID.randomUUID(), "acme");
  static final Unfinished GLOBEX = new Unfinished(UUID.randomUUID(), "globex");
  static final Unfinished INITECH = new Unfinished(UUID.randomUUID(), "initech");

  @Test
  void theNextTenantAfterTheLastOneServedGoesNextAndTheTurnWrapsAround() {
    List<Unfinished> waiting = List.of(ACME, GLOBEX, INITECH);
    assertEquals(ACME, JobTurns.next(waiting, null));
    assertEquals(GLOBEX, JobTurns.next(waiting, "acme"));
    assertEquals(INITECH, JobTurns.next(waiting, "globex"));
    assertEquals(ACME, JobTurns.next(waiting, "initech"));
    assertEquals(INITECH, JobTurns.next(List.of(ACME, INITECH), "globex"), "globex has ended");
    assertEquals(ACME, JobTurns.next(List.of(ACME), "acme"), "alone, a tenant goes on");
  }
}
