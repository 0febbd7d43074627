package io.lanyard.identity.application;

import io.lanyard.eventstore.ConcurrencyConflictException;
import io.lanyard.identity.client.CredentialHandOver;
import io.lanyard.identity.client.CredentialHandOver.FirstCredentials;
import io.lanyard.identity.domain.ImportEvent;
import io.lanyard.identity.domain.ImportMode;
import io.lanyard.identity.domain.ImportResult;
import io.lanyard.identity.domain.ImportStatus;
import io.lanyard.identity.domain.UserImport;
import io.lanyard.identity.domain.UserProfile;
import io.lanyard.identity.infra.StagedLines;
import io.lanyard.identity.infra.StagedLines.Credentials;
import io.lanyard.identity.infra.StagedLines.Staged;
import io.lanyard.identity.infra.UserDirectory;
import io.lanyard.kernel.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The steps of one import, run by {@link ImportWorker} on its own thread (so they wait for the
 * database and credential-service in turn).
 *
 * <p>A chunk: the next {@code chunk-size} staged lines after the import's {@code throughLine} are
 * decided (refused at staging, username or email taken in the tenant, or created), and the users
 * and the import's {@code UserImportProgressed} commit in one transaction, so a crash resumes after
 * the last committed chunk and no line is done twice. Then the chunk's codes and cards go to
 * credential-service; the lines stay staged until it has them, so a crash in between hands them
 * over again (credential-service gives a user with a code nothing twice).
 */
@ApplicationScoped
public class ImportRun {

  private static final Logger LOG = Logger.getLogger(ImportRun.class);
  private static final Duration WAIT = Duration.ofSeconds(60);

  /** Staged lines read at a time when all of an import is checked first. */
  private static final int CHECKED_AT_A_TIME = 5_000;

  private final UserImports imports;
  private final UserCommands users;
  private final UserDirectory directory;
  private final StagedLines staged;
  private final CredentialHandOver credentials;
  private final ImportMetrics metrics;
  private final int chunkSize;

  ImportRun(
      UserImports imports,
      UserCommands users,
      UserDirectory directory,
      StagedLines staged,
      CredentialHandOver credentials,
      ImportMetrics metrics,
      @ConfigProperty(name = "lanyard.identity.imports.chunk-size", defaultValue = "500")
          int chunkSize) {
    this.imports = imports;
    this.users = users;
    this.directory = directory;
    this.staged = staged;
    this.credentials = credentials;
    this.metrics = metrics;
    this.chunkSize = Math.min(Math.max(chunkSize, 1), CredentialHandOver.MOST_IN_A_CALL);
  }

  /**
   * Moves the import on by one step: its validation (all-or-nothing, before anything is written),
   * one chunk, or its end. Answers whether there was anything to do.
   *
   * @throws CredentialHandOver.Unavailable when credential-service cannot be asked: the import
   *     waits, as it is, for a later round
   */
  public boolean advance(String tenantId, String importId) {
    UserImport state = imports.state(importId, tenantId).await().atMost(WAIT);
    if (!state.exists() || state.status().ended()) {
      return false;
    }
    handOver(tenantId, importId);
    if (state.mode() == ImportMode.ALL_OR_NOTHING
        && state.status() == ImportStatus.QUEUED
        && !allLinesGood(state)) {
      return true;
    }
    List<Staged> chunk =
        staged.after(importId, state.throughLine(), chunkSize).await().atMost(WAIT);
    if (chunk.isEmpty()) {
      complete(state);
      return true;
    }
    if (!doChunk(state, chunk)) {
      return true;
    }
    handOver(tenantId, importId);
    if (chunk.size() < chunkSize) {
      complete(imports.state(importId, tenantId).await().atMost(WAIT));
    }
    return true;
  }

  /** One chunk in one transaction; false when it lost a race (a cancel, another worker, a name). */
  private boolean doChunk(UserImport state, List<Staged> chunk) {
    Set<String> taken = taken(state.tenantId(), chunk);
    List<ImportResult> results = new ArrayList<>(chunk.size());
    List<UserCommands.ImportedUser> created = new ArrayList<>();
    for (Staged line : chunk) {
      String refused = refusal(line, taken);
      if (refused != null) {
        results.add(ImportResult.refused(line.line(), refused));
        continue;
      }
      results.add(ImportResult.created(line.line(), line.userId()));
      created.add(
          new UserCommands.ImportedUser(line.userId(), profile(line), line.firstCodeFollows()));
    }
    int throughLine = chunk.get(chunk.size() - 1).line();
    try {
      imports
          .inTransaction(
              tx ->
                  users
                      .createImportedIn(tx, state.tenantId(), created)
                      .chain(
                          () ->
                              imports.decideIn(
                                  tx,
                                  state.id(),
                                  state.tenantId(),
                                  now -> now.progress(state.throughLine(), throughLine, results))))
          .await()
          .atMost(WAIT);
      return true;
    } catch (ConcurrencyConflictException | DomainException lost) {
      // Cancelled, done by another worker, or a name taken since it was looked up: nothing of the
      // chunk was written; the next round decides again from what is there then.
      LOG.debugf(
          "import %s: chunk after line %d not done: %s",
          state.id(), state.throughLine(), lost.getMessage());
      return false;
    }
  }

  private Set<String> taken(String tenantId, List<Staged> lines) {
    List<Staged> accepted = lines.stream().filter(line -> line.refused() == null).toList();
    if (accepted.isEmpty()) {
      return Set.of();
    }
    return directory
        .taken(
            tenantId,
            accepted.stream().map(Staged::username).toList(),
            accepted.stream().map(Staged::email).toList())
        .await()
        .atMost(WAIT);
  }

  /** Why a line is refused (its reason from staging, or a username or email the tenant has). */
  private static String refusal(Staged line, Set<String> taken) {
    if (line.refused() != null) {
      return line.refused();
    }
    if (taken.contains("username:" + line.username().toLowerCase(Locale.ROOT))) {
      return "username_taken";
    }
    if (taken.contains("email:" + line.email())) {
      return "email_taken";
    }
    return null;
  }

  private static UserProfile profile(Staged line) {
    return new UserProfile(line.username(), line.displayName(), line.email(), line.orgUnit(), null);
  }

  /**
   * An all-or-nothing import's check of every line before anything is written: identity's own
   * (staging's refusals, names and emails the tenant has) and credential-service's ({@code dryRun})
   * for lines with a code or card. With a bad line the import ends failed, naming them all. Run
   * again after a crash: it wrote nothing.
   */
  private boolean allLinesGood(UserImport state) {
    Map<Integer, ImportResult> bad = new TreeMap<>();
    int after = UserImport.HEADER_LINE;
    while (true) {
      List<Staged> page = staged.after(state.id(), after, CHECKED_AT_A_TIME).await().atMost(WAIT);
      if (page.isEmpty()) {
        break;
      }
      Set<String> taken = taken(state.tenantId(), page);
      for (Staged line : page) {
        String refused = refusal(line, taken);
        if (refused != null) {
          bad.put(line.line(), ImportResult.refused(line.line(), refused));
        }
      }
      after = page.get(page.size() - 1).line();
    }
    after = UserImport.HEADER_LINE;
    while (true) {
      List<Credentials> page =
          staged
              .toCheck(state.tenantId(), state.id(), after, CredentialHandOver.MOST_IN_A_CALL)
              .await()
              .atMost(WAIT);
      if (page.isEmpty()) {
        break;
      }
      Map<String, String> refused =
          credentials.check(state.tenantId(), firstCredentials(page)).await().atMost(WAIT);
      for (Credentials line : page) {
        String error = refused.get(line.userId());
        if (error != null && !bad.containsKey(line.line())) {
          bad.put(line.line(), ImportResult.refused(line.line(), error));
        }
      }
      after = page.get(page.size() - 1).line();
    }
    if (bad.isEmpty()) {
      return true;
    }
    List<ImportResult> refused = new ArrayList<>(bad.values());
    end(state, now -> now.failWith(refused, chunkSize), ImportStatus.FAILED);
    return false;
  }

  /** Every line done and handed over: the import completed. */
  private void complete(UserImport state) {
    if (state.status().ended()) {
      return;
    }
    end(state, UserImport::complete, ImportStatus.COMPLETED);
  }

  private void end(
      UserImport state,
      java.util.function.Function<UserImport, List<ImportEvent>> decide,
      ImportStatus status) {
    try {
      imports
          .inTransaction(
              tx ->
                  imports
                      .decideIn(tx, state.id(), state.tenantId(), decide)
                      .chain(() -> staged.ended(tx, state.id())))
          .await()
          .atMost(WAIT);
      metrics.ended(status);
    } catch (ConcurrencyConflictException | DomainException lost) {
      LOG.debugf("import %s: not ended %s: %s", state.id(), status.wire(), lost.getMessage());
    }
  }

  /**
   * Ends the import as failed ({@code reason}) because its steps keep failing: the lines still owed
   * to credential-service are reported refused (their users exist without a code or card), and
   * every staged line is deleted, in one transaction. For an import that had ended, only the owed
   * lines are reported and deleted. Answers whether it ended the import here.
   */
  public boolean giveUp(String tenantId, String importId, String reason) {
    List<ImportResult> notHandedOver =
        staged.owedLines(importId).await().atMost(WAIT).stream()
            .map(owed -> ImportResult.credentialsNotHandedOver(owed.line(), owed.userId(), reason))
            .toList();
    List<ImportEvent> decided =
        imports
            .inTransaction(
                tx ->
                    imports
                        .decideIn(
                            tx,
                            importId,
                            tenantId,
                            now -> now.giveUp(notHandedOver, reason, chunkSize))
                        .call(() -> staged.givenUp(tx, importId)))
            .await()
            .atMost(WAIT);
    boolean ended = decided.stream().anyMatch(event -> event instanceof ImportEvent.Ended);
    if (ended) {
      metrics.ended(ImportStatus.FAILED);
    }
    return ended;
  }

  /**
   * Gives credential-service the codes and cards of the import's created users that it has yet to
   * get, a call at a time; a user it refused is reported refused (the user exists, with a code it
   * generated). Runs for an ended import too: a cancel does not undo a committed chunk.
   */
  public void handOver(String tenantId, String importId) {
    while (true) {
      StagedLines.Handover batch =
          staged
              .nextHandover(tenantId, importId, CredentialHandOver.MOST_IN_A_CALL)
              .await()
              .atMost(WAIT);
      if (batch.isEmpty()) {
        return;
      }
      List<Credentials> owed = batch.owed();
      Map<String, String> refused =
          owed.isEmpty()
              ? Map.of()
              : credentials.handOver(tenantId, firstCredentials(owed)).await().atMost(WAIT);
      List<ImportResult> refusals = new ArrayList<>();
      for (Credentials line : owed) {
        String error = refused.get(line.userId());
        if (error != null) {
          refusals.add(ImportResult.credentialRefused(line.line(), line.userId(), error));
        }
      }
      imports
          .inTransaction(
              tx ->
                  staged
                      .handedOver(tx, importId, batch.through())
                      .chain(
                          () ->
                              imports.decideIn(
                                  tx, importId, tenantId, now -> now.credentialsRefused(refusals))))
          .await()
          .atMost(WAIT);
    }
  }

  private static List<FirstCredentials> firstCredentials(List<Credentials> lines) {
    return lines.stream()
        .map(
            line ->
                new FirstCredentials(
                    line.userId(), line.email(), line.accessCode(), line.cardNumber()))
        .toList();
  }
}
