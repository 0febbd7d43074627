package io.lanyard.directory.application.google;

import io.lanyard.directory.domain.google.SyncCounts;
import io.lanyard.directory.domain.google.SyncRun;
import io.lanyard.eventstore.CommandExecutor;
import io.lanyard.eventstore.ConflictRetry;
import io.lanyard.eventstore.JsonEventCodec;
import io.lanyard.eventstore.PgEventStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** A run's start and end, as events of its own stream ({@code sync-run:<run id>}). */
@ApplicationScoped
public class SyncRunCommands {

  private final CommandExecutor<SyncRun, SyncRun.Event> executor;
  private final SyncRunStore runs;

  SyncRunCommands(
      PgEventStore store,
      JsonEventCodec<SyncRun.Event> codec,
      CommandExecutor.Projector<SyncRun.Event> projector,
      SyncRunStore runs) {
    this.runs = runs;
    this.executor =
        new CommandExecutor<>(
            store, codec, "sync-run", SyncRun::fold, projector, ConflictRetry.defaults());
  }

  /**
   * A new run, or the tenant's running one: its id, and whether it is new (the caller then runs
   * it). The unique index on running runs decides a race between replicas.
   */
  public Uni<Started> start(String tenantId, SyncRun.Trigger trigger) {
    return runs.running(tenantId)
        .chain(
            running -> {
              if (running.isPresent()) {
                return Uni.createFrom().item(new Started(running.get(), false));
              }
              String runId = UUID.randomUUID().toString();
              return executor
                  .execute(
                      "sync-run:" + runId,
                      tenantId,
                      run -> run.start(tenantId, runId, trigger),
                      tx -> Uni.createFrom().voidItem())
                  .replaceWith(new Started(runId, true))
                  .onFailure(SyncRunCommands::anotherRunStarted)
                  .recoverWithUni(
                      () ->
                          runs.running(tenantId)
                              .map(other -> new Started(other.orElseThrow(), false)));
            });
  }

  public Uni<Void> complete(String tenantId, String runId, int usersSeen, SyncCounts counts) {
    return executor.execute(
        "sync-run:" + runId,
        tenantId,
        run -> run.complete(tenantId, runId, usersSeen, counts),
        tx -> Uni.createFrom().voidItem());
  }

  public Uni<Void> fail(String tenantId, String runId, String reason, SyncCounts counts) {
    return executor.execute(
        "sync-run:" + runId,
        tenantId,
        run -> run.fail(tenantId, runId, reason, counts),
        tx -> Uni.createFrom().voidItem());
  }

  private static boolean anotherRunStarted(Throwable failure) {
    String message = String.valueOf(failure.getMessage());
    return message.contains("sync_runs_one_running");
  }

  /** The run an admin's request leads to. */
  public record Started(String runId, boolean isNew) {}
}
