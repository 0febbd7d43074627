package io.lanyard.identity.application;

import io.lanyard.eventstore.CommandExecutor;
import io.lanyard.eventstore.ConflictRetry;
import io.lanyard.eventstore.PgEventStore;
import io.lanyard.identity.domain.ImportEvent;
import io.lanyard.identity.domain.ImportLine;
import io.lanyard.identity.domain.ImportMode;
import io.lanyard.identity.domain.ImportStatus;
import io.lanyard.identity.domain.UserCsv;
import io.lanyard.identity.domain.UserImport;
import io.lanyard.identity.infra.ImportDirectory;
import io.lanyard.identity.infra.ImportEventCodecs;
import io.lanyard.identity.infra.ImportView;
import io.lanyard.identity.infra.StagedLines;
import io.lanyard.kernel.DomainException;
import io.lanyard.kernel.Ids;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * What an admin does with user imports: queue one from a CSV text (its lines parsed, checked and
 * staged sealed, and {@code UserImportQueued} appended, in one transaction), and cancel one. The
 * work itself is {@link ImportWorker}'s.
 */
@ApplicationScoped
public class UserImports {

  private static final Logger LOG = Logger.getLogger(UserImports.class);

  private final CommandExecutor<UserImport, ImportEvent> executor;
  private final ImportDirectory imports;
  private final StagedLines staged;
  private final ImportMetrics metrics;

  /** Lines from which staging an import changes the staged lines' statistics for the planner. */
  private static final int ANALYSED_FROM = 1_000;

  UserImports(
      PgEventStore store, ImportDirectory imports, StagedLines staged, ImportMetrics metrics) {
    this.imports = imports;
    this.staged = staged;
    this.metrics = metrics;
    this.executor =
        new CommandExecutor<>(
            store,
            ImportEventCodecs.IMPORTS,
            "user_import",
            UserImport::fold,
            imports::apply,
            ConflictRetry.defaults());
  }

  /**
   * Reads the CSV (a text that is not one: 400 {@code invalid_csv}; a bad line is only refused),
   * then stages it and queues the import. Parsing and sealing run on a worker thread: a 10 MiB file
   * is no work for an event loop.
   */
  public Uni<ImportView> queue(String tenantId, ImportMode mode, String csv, String requestedBy) {
    String importId = UUID.randomUUID().toString();
    return Uni.createFrom()
        .item(() -> UserCsv.read(csv))
        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
        .chain(
            lines -> {
              List<String> userIds = new ArrayList<>(lines.size());
              for (ImportLine line : lines) {
                userIds.add(line.isRefused() ? null : UUID.randomUUID().toString());
              }
              return executor
                  .execute(
                      importId,
                      tenantId,
                      none -> UserImport.queue(importId, tenantId, mode, lines.size(), requestedBy),
                      tx ->
                          staged
                              .stage(tx, importId, tenantId, lines, userIds)
                              .chain(() -> imports.find(tx, tenantId, UUID.fromString(importId))))
                  .call(
                      () ->
                          lines.size() >= ANALYSED_FROM ? analyse() : Uni.createFrom().voidItem());
            })
        .map(view -> view.orElseThrow());
  }

  /**
   * Ends the import as cancelled: the worker, deciding its next chunk from the import's read model,
   * finds it ended and stops; a chunk committing at the same moment makes one of the two lose the
   * race for the stream's version. What was done stays done. 404 for another tenant's import, 409
   * {@code job_finished} for one that had ended.
   */
  public Uni<ImportView> cancel(String tenantId, String importId) {
    UUID id = Ids.named(importId, "user import");
    // The read model first: an id of another kind of stream (a user's) is no import either, and
    // its events are not an import's to decode.
    return imports
        .find(tenantId, id)
        .invoke(
            found -> {
              if (found.isEmpty()) {
                throw DomainException.notFound("user import");
              }
            })
        .chain(() -> cancelImport(tenantId, id));
  }

  private Uni<ImportView> cancelImport(String tenantId, UUID id) {
    return executor
        .execute(
            id.toString(),
            tenantId,
            state -> ofTenant(state, tenantId).cancel(),
            tx -> staged.ended(tx, id.toString()).chain(() -> imports.find(tx, tenantId, id)))
        .map(view -> view.orElseThrow())
        .invoke(() -> metrics.ended(ImportStatus.CANCELLED));
  }

  /** Best effort: without fresh statistics the import is slower, not wrong. */
  private Uni<Void> analyse() {
    return staged
        .analyse()
        .onFailure()
        .recoverWithUni(
            failure -> {
              LOG.warnf("could not analyse the staged lines: %s", failure.toString());
              return Uni.createFrom().voidItem();
            });
  }

  /** Another tenant's import does not exist for this tenant. */
  static UserImport ofTenant(UserImport state, String tenantId) {
    return tenantId.equals(state.tenantId()) ? state : UserImport.NONE;
  }

  /**
   * The worker's decisions on an import's stream, in a transaction of the worker's. They are taken
   * from the read model's row, not from the stream: its progress reports carry every line's
   * outcome, and loading them at each step made an import's cost grow with the square of its
   * length. The append expects the row's version, so a cancel committed meanwhile wins the race.
   */
  Uni<List<ImportEvent>> decideIn(
      SqlConnection tx,
      String importId,
      String tenantId,
      Function<UserImport, List<ImportEvent>> decide) {
    return imports
        .current(tx, importId)
        .chain(
            found -> {
              UserImport state =
                  found.map(ImportDirectory.Versioned::state).orElse(UserImport.NONE);
              long version = found.map(ImportDirectory.Versioned::version).orElse(0L);
              return executor.executeFrom(
                  tx, importId, tenantId, ofTenant(state, tenantId), version, decide);
            });
  }

  /** The import as it is now (NONE for another tenant's). */
  Uni<UserImport> state(String importId, String tenantId) {
    return imports
        .current(importId)
        .map(
            found ->
                ofTenant(
                    found.map(ImportDirectory.Versioned::state).orElse(UserImport.NONE), tenantId));
  }

  <R> Uni<R> inTransaction(Function<SqlConnection, Uni<R>> work) {
    return executor.inTransaction(work);
  }
}
