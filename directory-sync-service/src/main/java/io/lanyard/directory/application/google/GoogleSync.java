package io.lanyard.directory.application.google;

import io.lanyard.directory.application.DirectoryLinks;
import io.lanyard.directory.application.google.GoogleConnectionStore.StoredConnection;
import io.lanyard.directory.client.DirectoryWrites;
import io.lanyard.directory.domain.google.SyncCounts;
import io.lanyard.directory.domain.google.SyncRun;
import io.lanyard.kernel.DomainException;
import io.lanyard.secrets.SecretHasher;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Starts Google sync runs (one per tenant at a time, across replicas) and runs them on worker
 * threads of this replica. While a worker runs, the replica writes the run's heartbeat every few
 * seconds, whether or not a page arrived (Google may take longer than the abandonment limit to
 * answer, with its retries). A run whose replica died stops beating and is marked failed by
 * whichever replica notices first, so no run stays "running" for ever, and none is taken for dead
 * while it runs (which would let a second run of the tenant start beside it).
 */
@ApplicationScoped
public class GoogleSync {

  private static final Logger LOG = Logger.getLogger(GoogleSync.class);

  private final GoogleConnections connections;
  private final SyncRunCommands commands;
  private final GoogleDirectories directories;
  private final SyncRunStore runs;
  private final GoogleSyncRun.Collaborators collaborators;
  private final Vertx vertx;
  private final Duration abandonedAfter;
  private final AtomicInteger threads = new AtomicInteger();
  private final ExecutorService workers =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "google-sync-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
          });
  private final Duration reaperPeriod;
  private final Duration heartbeatEvery;
  private final Set<String> executing = ConcurrentHashMap.newKeySet();
  private long reaper;
  private long heartbeat;

  private final SyncRunMeter metrics;

  GoogleSync(
      GoogleConnections connections,
      SyncRunCommands commands,
      GoogleDirectories directories,
      SyncRunStore runs,
      DirectoryWrites writes,
      DirectoryLinks links,
      GoogleUserStore googleUsers,
      SecretHasher hasher,
      Vertx vertx,
      SyncRunMeter metrics,
      @ConfigProperty(name = "lanyard.directory.sync.abandoned-after", defaultValue = "2m")
          Duration abandonedAfter,
      @ConfigProperty(name = "lanyard.directory.sync.reaper-period", defaultValue = "30s")
          Duration reaperPeriod,
      @ConfigProperty(name = "lanyard.directory.sync.heartbeat-every")
          Optional<Duration> heartbeatEvery) {
    this.reaperPeriod = reaperPeriod;
    this.metrics = metrics;
    // Four beats within the limit: one lost or late write does not make a living run look dead.
    this.heartbeatEvery = heartbeatEvery.orElse(abandonedAfter.dividedBy(4));
    this.connections = connections;
    this.commands = commands;
    this.directories = directories;
    this.runs = runs;
    this.collaborators = new GoogleSyncRun.Collaborators(writes, links, googleUsers, runs, hasher);
    this.vertx = vertx;
    this.abandonedAfter = abandonedAfter;
  }

  /** "Save and sync": the new run's id, or the one the tenant has running. */
  public Uni<String> start(String tenantId, SyncRun.Trigger trigger) {
    return connections
        .find(tenantId)
        .chain(
            connection -> {
              if (connection.isEmpty()) {
                throw DomainException.conflict(
                    "not_connected",
                    "connect the tenant's Google Workspace first (PUT /admin/v1/directory/google)");
              }
              return commands
                  .start(tenantId, trigger)
                  .invoke(
                      started -> {
                        if (started.isNew()) {
                          workers.execute(() -> execute(connection.get(), started.runId()));
                        }
                      })
                  .map(SyncRunCommands.Started::runId);
            });
  }

  private void execute(StoredConnection connection, String runId) {
    String tenantId = connection.tenantId();
    GoogleSyncRun run = null;
    long started = System.nanoTime();
    executing.add(runId);
    try {
      GoogleDirectory directory =
          directories.open(connection.settings(), connections.keyOf(connection));
      run = new GoogleSyncRun(tenantId, runId, connection.settings(), directory, collaborators);
      run.run();
      commands.complete(tenantId, runId, run.usersSeen(), run.counts()).await().indefinitely();
      metrics.succeeded(Duration.ofNanos(System.nanoTime() - started));
      LOG.infof("sync run %s of %s done: %s", runId, tenantId, run.counts());
    } catch (Exception e) {
      String reason = reason(e);
      LOG.warnf(e, "sync run %s of %s failed: %s", runId, tenantId, reason);
      commands
          .fail(tenantId, runId, reason, run == null ? SyncCounts.ZERO : run.counts())
          .await()
          .indefinitely();
      metrics.failed(Duration.ofNanos(System.nanoTime() - started));
    } finally {
      executing.remove(runId);
    }
  }

  /** The heartbeat of every run this replica's workers are executing now. */
  private void beat() {
    if (executing.isEmpty()) {
      return;
    }
    runs.heartbeat(List.copyOf(executing))
        .subscribe()
        .with(
            done -> {},
            failure -> LOG.warnf("could not write the sync runs' heartbeat: %s", failure));
  }

  /**
   * Why a run failed, as the admin reads it: in our words only. Google's answers (or those of
   * whatever a connection pointed at) are never repeated; the log has the details.
   */
  static String reason(Exception e) {
    if (e instanceof GoogleFailure google) {
      return google.getMessage();
    }
    if (e instanceof DirectoryWrites.Unavailable unavailable) {
      return unavailable.getMessage() + "; start a new run later";
    }
    if (e instanceof DomainException refused) {
      // identity-service's or credential-service's refusal of a whole page: Lanyard's own words.
      return "Lanyard refused the run's changes: " + refused.getMessage();
    }
    return "the run stopped on an unexpected error; the service's log has the details";
  }

  void start(@Observes StartupEvent started) {
    reaper =
        vertx.setPeriodic(
            reaperPeriod.toMillis(), tick -> reapAbandoned().subscribe().with(reaped -> {}));
    heartbeat = vertx.setPeriodic(heartbeatEvery.toMillis(), tick -> beat());
  }

  void stop(@Observes ShutdownEvent stopping) {
    vertx.cancelTimer(reaper);
    vertx.cancelTimer(heartbeat);
    workers.shutdownNow();
  }

  /** Marks failed the runs whose replica stopped writing their progress. */
  public Uni<Integer> reapAbandoned() {
    return runs.abandoned(abandonedAfter)
        .onItem()
        .transformToMulti(list -> io.smallrye.mutiny.Multi.createFrom().iterable(list))
        .onItem()
        .transformToUniAndConcatenate(
            run ->
                commands
                    .fail(
                        run.tenantId(),
                        run.runId(),
                        "the replica running it stopped; start a new run",
                        run.counts())
                    .invoke(metrics::abandoned)
                    .replaceWith(1))
        .collect()
        .asList()
        .map(java.util.List::size)
        .onFailure()
        .invoke(e -> LOG.warnf("could not check for abandoned sync runs: %s", e.toString()))
        .onFailure()
        .recoverWithItem(0);
  }
}
