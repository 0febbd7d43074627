package io.lanyard.identity.application;

import io.lanyard.eventstore.LeaderLock;
import io.lanyard.eventstore.LeaderLoop;
import io.lanyard.identity.client.CredentialHandOver;
import io.lanyard.identity.infra.ImportDirectory;
import io.lanyard.identity.infra.ImportDirectory.Unfinished;
import io.lanyard.identity.infra.StagedLines;
import io.lanyard.runtime.events.LanyardInfrastructure;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs user imports, on the one replica that holds its lock ({@code user-import-worker}): a step at
 * a time, each one chunk of one import ({@link ImportRun}), taking the tenants in turn (each
 * tenant's oldest unfinished import), so one tenant's large import never holds back another's.
 * Before each step, codes and cards that credential-service has yet to get (after a crash, or an
 * outage of credential-service) are handed over, for ended imports too.
 *
 * <p>One import's failure is that import's: the others go on. An outage of credential-service
 * ({@link CredentialHandOver.Unavailable}) makes imports wait, however long. Any other failure of
 * an import's work (an answer of credential-service it cannot use, a sealed line that does not
 * open, the database refusing one of its statements) counts against that import; after {@code
 * lanyard.identity.imports.most-failures} in a row it ends {@code failed} ({@value #GIVEN_UP}), its
 * owed lines reported refused and its staged lines deleted.
 *
 * <p>Nothing is kept in memory between steps that the database does not have, but for the count of
 * failures in a row: a replica that takes the lock over goes on where the last committed chunk left
 * off, and counts an import's failures afresh.
 */
@ApplicationScoped
public class ImportWorker {

  private static final Logger LOG = Logger.getLogger(ImportWorker.class);
  private static final Duration WAIT = Duration.ofSeconds(30);

  /** The reason of an import given up on, as credential's jobs say {@code chunk_failed}. */
  public static final String GIVEN_UP = "steps_failed";

  private final ImportDirectory directory;
  private final StagedLines staged;
  private final ImportRun run;
  private final ImportMetrics metrics;
  private final LeaderLoop loop;
  private final int mostFailures;

  /** Failures in a row, by import; forgotten on its next success or when it is given up on. */
  private final Map<String, Integer> failures = new ConcurrentHashMap<>();

  /** The tenant served last: the next step serves the next tenant with work. */
  private volatile String lastTenant = "";

  ImportWorker(
      ImportDirectory directory,
      StagedLines staged,
      ImportRun run,
      ImportMetrics metrics,
      Vertx vertx,
      LanyardInfrastructure infrastructure,
      @ConfigProperty(name = "lanyard.identity.imports.idle-pause", defaultValue = "1s")
          Duration idle,
      @ConfigProperty(name = "lanyard.identity.imports.most-failures", defaultValue = "5")
          int mostFailures) {
    this.mostFailures = Math.max(mostFailures, 1);
    this.directory = directory;
    this.staged = staged;
    this.run = run;
    this.metrics = metrics;
    // A replica that lost the lock shows no imports: the holder's count is the one that holds.
    this.loop =
        new LeaderLoop(
            "user-import-worker",
            new LeaderLock(vertx, infrastructure.connectOptions(), "user-import-worker"),
            idle,
            this::step,
            () -> metrics.running(0));
  }

  void onStart(@Observes StartupEvent started) {
    start();
  }

  void onStop(@Observes ShutdownEvent stopping) {
    stop();
  }

  /** Runs steps from now on (the application does so from its start). */
  public void start() {
    loop.start();
  }

  /**
   * Stops after the step under way and lets another replica take the lock (at shutdown; tests: a
   * crash between chunks).
   */
  public void stop() {
    loop.stop();
  }

  /**
   * One step: what is owed to credential-service, then one chunk of the next tenant's import.
   * Answers whether it did anything. Public so that a test can run steps by hand (with the loop
   * stopped), or beside the loop as a second replica would.
   */
  public boolean step() {
    metrics.running(directory.unfinished().await().atMost(WAIT));
    // An import that failed here is not advanced in the same step: its advance would hand over
    // first and count the same failure twice.
    Set<String> failedNow = new HashSet<>();
    for (Unfinished owing : staged.owing().await().atMost(WAIT)) {
      attempt(
          owing,
          "handing over codes and cards",
          () -> {
            run.handOver(owing.tenantId(), owing.importId());
            return true;
          },
          failedNow);
    }
    List<Unfinished> waiting =
        directory.oldestUnfinishedPerTenant().await().atMost(WAIT).stream()
            .filter(candidate -> !failedNow.contains(candidate.importId()))
            .toList();
    if (waiting.isEmpty()) {
      return false;
    }
    Unfinished next =
        waiting.stream()
            .filter(candidate -> candidate.tenantId().compareTo(lastTenant) > 0)
            .findFirst()
            .orElse(waiting.get(0));
    lastTenant = next.tenantId();
    boolean advanced =
        attempt(next, "a step", () -> run.advance(next.tenantId(), next.importId()), failedNow);
    // A failed step holds back no other tenant's import: the next one's turn follows at once.
    return advanced || waiting.size() > 1;
  }

  /**
   * One import's work; a failure is that import's only. Answers the work's answer, false when it
   * failed. Logged by import and tenant: what failed names no code or card.
   */
  private boolean attempt(
      Unfinished job, String what, BooleanSupplier work, Set<String> failedNow) {
    try {
      boolean did = work.getAsBoolean();
      failures.remove(job.importId());
      return did;
    } catch (CredentialHandOver.Unavailable e) {
      // Not counted: an outage is every import's alike, and none is to blame.
      LOG.warnf(
          "import %s (tenant %s): codes and cards wait for credential-service (%s): %s",
          job.importId(), job.tenantId(), what, e.getMessage());
      failedNow.add(job.importId());
      return false;
    } catch (RuntimeException e) {
      failedNow.add(job.importId());
      int failed = failures.merge(job.importId(), 1, Integer::sum);
      LOG.warnf(
          "import %s (tenant %s): %s failed (%d in a row): %s",
          job.importId(), job.tenantId(), what, failed, e.toString());
      if (failed >= mostFailures) {
        giveUp(job);
      }
      return false;
    }
  }

  private void giveUp(Unfinished job) {
    try {
      boolean ended = run.giveUp(job.tenantId(), job.importId(), GIVEN_UP);
      failures.remove(job.importId());
      LOG.warnf(
          "import %s (tenant %s) given up on after %d failures in a row%s",
          job.importId(),
          job.tenantId(),
          mostFailures,
          ended ? ": it ended failed (" + GIVEN_UP + ")" : "; its owed lines are reported refused");
    } catch (RuntimeException e) {
      // Tried again after its next failure.
      LOG.warnf(
          "import %s (tenant %s): giving it up failed: %s",
          job.importId(), job.tenantId(), e.toString());
    }
  }
}
