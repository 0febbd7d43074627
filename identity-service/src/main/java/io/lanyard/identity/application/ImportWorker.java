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
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs user imports, on the one replica that holds its lock ({@code user-import-worker}): a step at
 * a time, each one chunk of one import ({@link ImportRun}), taking the tenants in turn (each
 * tenant's oldest unfinished import), so one tenant's large import never holds back another's.
 * Before each step, codes and cards that credential-service has yet to get (after a crash, or an
 * outage of credential-service) are handed over, for ended imports too.
 *
 * <p>Nothing is kept in memory between steps that the database does not have: a replica that takes
 * the lock over goes on where the last committed chunk left off.
 */
@ApplicationScoped
public class ImportWorker {

  private static final Logger LOG = Logger.getLogger(ImportWorker.class);
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final ImportDirectory directory;
  private final StagedLines staged;
  private final ImportRun run;
  private final ImportMetrics metrics;
  private final LeaderLoop loop;

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
          Duration idle) {
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
            this::round,
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

  private boolean round() {
    try {
      return step();
    } catch (CredentialHandOver.Unavailable e) {
      LOG.warnf("user imports wait for credential-service: %s", e.getMessage());
      return false;
    }
  }

  /**
   * One step: what is owed to credential-service, then one chunk of the next tenant's import.
   * Answers whether it did anything. Public so that a test can run steps by hand (with the loop
   * stopped), or beside the loop as a second replica would.
   */
  public boolean step() {
    metrics.running(directory.unfinished().await().atMost(WAIT));
    for (Unfinished owing : staged.owing().await().atMost(WAIT)) {
      try {
        run.handOver(owing.tenantId(), owing.importId());
      } catch (CredentialHandOver.Unavailable e) {
        LOG.warnf(
            "import %s: codes and cards wait for credential-service: %s",
            owing.importId(), e.getMessage());
      }
    }
    List<Unfinished> waiting = directory.oldestUnfinishedPerTenant().await().atMost(WAIT);
    if (waiting.isEmpty()) {
      return false;
    }
    Unfinished next =
        waiting.stream()
            .filter(candidate -> candidate.tenantId().compareTo(lastTenant) > 0)
            .findFirst()
            .orElse(waiting.get(0));
    lastTenant = next.tenantId();
    return run.advance(next.tenantId(), next.importId());
  }
}
