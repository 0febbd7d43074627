package io.lanyard.credential.application;

import io.lanyard.credential.infra.JobRecords;
import io.lanyard.credential.infra.JobRecords.Counted;
import io.lanyard.credential.infra.JobRecords.Unfinished;
import io.lanyard.eventstore.LeaderLock;
import io.lanyard.eventstore.LeaderLoop;
import io.lanyard.runtime.events.LanyardInfrastructure;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs credential jobs (ADR 6) on the one replica holding the {@code credential-jobs} {@link
 * LeaderLock}, a chunk ({@link RegenerationChunk}) at a time, tenants taking turns ({@link
 * JobTurns}); with nothing to run it waits {@code lanyard.credential.jobs.idle-every} or until a
 * job is queued on this replica. A chunk that fails is tried again; after {@code
 * lanyard.credential.jobs.most-failures} failures in a row its job ends as failed.
 */
@ApplicationScoped
public class CredentialJobWorker {

  private static final Logger LOG = Logger.getLogger(CredentialJobWorker.class);
  private static final Duration DB_TIMEOUT = Duration.ofSeconds(120);

  private final RegenerationChunk chunk;
  private final JobRecords records;
  private final JobMetrics metrics;
  private final Pool pool;
  private final int chunkSize;
  private final int mostFailures;
  private final boolean enabled;
  private final LeaderLoop loop;
  private final Map<UUID, Integer> failures = new HashMap<>();
  private volatile String lastTenant;

  @Inject CredentialJobCommands commands;

  CredentialJobWorker(
      RegenerationChunk chunk,
      JobRecords records,
      JobMetrics metrics,
      Pool pool,
      Vertx vertx,
      LanyardInfrastructure infrastructure,
      @ConfigProperty(name = "lanyard.credential.jobs.chunk-size", defaultValue = "500")
          int chunkSize,
      @ConfigProperty(name = "lanyard.credential.jobs.idle-every", defaultValue = "1s")
          Duration idleEvery,
      @ConfigProperty(name = "lanyard.credential.jobs.most-failures", defaultValue = "5")
          int mostFailures,
      @ConfigProperty(name = "lanyard.credential.jobs.enabled", defaultValue = "true")
          boolean enabled) {
    this.chunk = chunk;
    this.records = records;
    this.metrics = metrics;
    this.pool = pool;
    this.chunkSize = chunkSize;
    this.mostFailures = mostFailures;
    this.enabled = enabled;
    // A replica that lost the lock shows no jobs: the holder's count is the one that holds.
    this.loop =
        new LeaderLoop(
            "credential-jobs",
            new LeaderLock(vertx, infrastructure.connectOptions(), "credential-jobs"),
            idleEvery,
            this::round,
            () -> metrics.running(0));
  }

  void started(@Observes StartupEvent started) {
    if (enabled) {
      start();
    }
  }

  void stopping(@Observes ShutdownEvent stopping) {
    stop();
  }

  /** Starts running jobs (again): as a replica that starts. */
  public void start() {
    loop.start();
  }

  /**
   * Stops after the chunk under way and lets the lock go, as a replica that stops: another replica
   * (or this one, started again) goes on after the last committed chunk.
   */
  public void stop() {
    loop.stop();
  }

  /** A job was queued: no need to wait for the next look. */
  public void wakeUp() {
    loop.wake();
  }

  /** One chunk of the next tenant's job; answers whether it ran one (more may wait). */
  private boolean round() {
    Counted<Unfinished> waiting = records.unfinished(pool).await().atMost(DB_TIMEOUT);
    metrics.running(waiting.total());
    if (waiting.items().isEmpty()) {
      return false;
    }
    Unfinished next = JobTurns.next(waiting.items(), lastTenant);
    lastTenant = next.tenantId();
    return runChunk(next);
  }

  /** Answers whether the chunk ran; a failed one waits before it is tried again. */
  private boolean runChunk(Unfinished job) {
    try {
      RegenerationChunk.Outcome outcome =
          chunk.run(job.jobId(), chunkSize).await().atMost(DB_TIMEOUT);
      failures.remove(job.jobId());
      if (outcome.endedAs() != null) {
        metrics.ended(outcome.endedAs().name().toLowerCase(java.util.Locale.ROOT));
        LOG.infof("job %s (tenant %s) completed", job.jobId(), job.tenantId());
      }
      return true;
    } catch (RuntimeException e) {
      // Logged by job and tenant: a failure names no code.
      int failed = failures.merge(job.jobId(), 1, Integer::sum);
      LOG.warnf(
          "a chunk of job %s (tenant %s) failed (%d in a row): %s",
          job.jobId(), job.tenantId(), failed, e.toString());
      if (failed >= mostFailures) {
        failures.remove(job.jobId());
        commands.fail(job.tenantId(), job.jobId(), "chunk_failed").await().atMost(DB_TIMEOUT);
      }
      return false;
    }
  }
}
