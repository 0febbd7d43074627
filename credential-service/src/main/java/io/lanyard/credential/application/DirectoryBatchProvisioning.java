package io.lanyard.credential.application;

import io.lanyard.credential.domain.CodeWindow;
import io.lanyard.credential.domain.CredentialEvent;
import io.lanyard.credential.domain.CredentialPolicy;
import io.lanyard.credential.domain.Credentials;
import io.lanyard.credential.infra.CredentialEventCodecs;
import io.lanyard.credential.infra.CredentialRecords;
import io.lanyard.credential.infra.Policies;
import io.lanyard.eventstore.CommandExecutor;
import io.lanyard.eventstore.ConcurrencyConflictException;
import io.lanyard.eventstore.PgEventStore;
import io.lanyard.kernel.DomainException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * First codes and cards for a page of new users together, a directory's (Google sync) or an
 * import's ({@link BatchOrigin}): one transaction, one statement for all their streams, where one
 * by one would take a round trip per user. An invalid or taken code or card refuses that user only
 * ({@link BatchClashes}); should a concurrent write (or a user who has a stream already) make the
 * batch fail, each user is done on their own. A dry run decides the same and writes nothing.
 */
@ApplicationScoped
public class DirectoryBatchProvisioning {

  /** A batch's new user: their code (null: generate one) and card (null: none). */
  public record DirectoryCredentials(UUID userId, String code, String cardNumber) {}

  /** What became of one user's credentials: set (or, in a dry run, would be), or refused (why). */
  public record BatchResult(UUID userId, DomainException refused) {}

  /**
   * How a batch is to be done.
   *
   * @param windows the guests' windows, by user: their first code works only inside it
   * @param dryRun decide everything, write nothing
   */
  public record BatchMode(BatchOrigin origin, Map<UUID, CodeWindow> windows, boolean dryRun) {

    public static final BatchMode DIRECTORY = new BatchMode(BatchOrigin.DIRECTORY, Map.of(), false);

    CodeWindow windowOf(UUID userId) {
      return windows.getOrDefault(userId, CodeWindow.NONE);
    }
  }

  private final CredentialStreams streams;
  private final CredentialSecrets secrets;
  private final CredentialRecords records;
  private final Policies policies;
  private final PgEventStore store;
  private final Pool pool;

  DirectoryBatchProvisioning(
      CredentialStreams streams,
      CredentialSecrets secrets,
      CredentialRecords records,
      Policies policies,
      PgEventStore store,
      Pool pool) {
    this.streams = streams;
    this.secrets = secrets;
    this.records = records;
    this.policies = policies;
    this.store = store;
    this.pool = pool;
  }

  /** A directory's batch, written. */
  public Uni<List<BatchResult>> provision(
      String tenantId, List<DirectoryCredentials> batch, Set<UUID> tenantsUsers) {
    return provision(tenantId, batch, tenantsUsers, BatchMode.DIRECTORY);
  }

  /**
   * Provisions the tenant's users of the batch; any other user is refused as not found and given
   * nothing.
   *
   * @param tenantsUsers which of the batch's users are the tenant's
   * @return one result per user of the batch, in the batch's order
   */
  public Uni<List<BatchResult>> provision(
      String tenantId, List<DirectoryCredentials> batch, Set<UUID> tenantsUsers, BatchMode mode) {
    List<DirectoryCredentials> theirs =
        batch.stream().filter(user -> tenantsUsers.contains(user.userId())).toList();
    return policies
        .current(pool, tenantId)
        .chain(policy -> provisionAll(tenantId, policy, theirs, mode))
        .map(
            results -> {
              List<BatchResult> all = new ArrayList<>(results);
              batch.stream()
                  .map(DirectoryCredentials::userId)
                  .filter(id -> !tenantsUsers.contains(id))
                  .distinct()
                  .forEach(id -> all.add(new BatchResult(id, DomainException.notFound("user"))));
              return inBatchOrder(batch, all);
            });
  }

  private Uni<List<BatchResult>> provisionAll(
      String tenantId, CredentialPolicy policy, List<DirectoryCredentials> batch, BatchMode mode) {
    List<BatchResult> results = new ArrayList<>();
    Map<UUID, SealedDirectoryUser> sealed = new LinkedHashMap<>();
    for (DirectoryCredentials user : batch) {
      try {
        sealed.put(user.userId(), seal(tenantId, policy, user, mode));
      } catch (DomainException refused) {
        results.add(new BatchResult(user.userId(), refused));
      }
    }
    List<String> codeHashes = sealed.values().stream().map(s -> s.code().hash()).toList();
    List<String> cardHashes =
        sealed.values().stream()
            .filter(s -> s.card() != null)
            .map(s -> s.card().secret().hash())
            .toList();
    return records
        .inUse(pool, tenantId, codeHashes, cardHashes)
        .chain(
            inUse -> {
              BatchClashes.Verdict verdict = BatchClashes.of(sealed, inUse);
              results.addAll(verdict.refused());
              return mode.dryRun()
                  ? tryOut(tenantId, policy, sealed, verdict, results)
                  : startTogether(tenantId, policy, sealed, verdict, batch, results, mode);
            });
  }

  /**
   * A dry run: each user's events decided from their stream as it is (a user who has one already
   * may be refused, e.g. for the card limit), none written.
   */
  private Uni<List<BatchResult>> tryOut(
      String tenantId,
      CredentialPolicy policy,
      Map<UUID, SealedDirectoryUser> sealed,
      BatchClashes.Verdict verdict,
      List<BatchResult> results) {
    List<UUID> pending = new ArrayList<>(verdict.accepted());
    pending.addAll(verdict.generatedTaken());
    if (pending.isEmpty()) {
      return Uni.createFrom().item(results);
    }
    // One round trip for the page: a user checked at a time cost a query and a commit each.
    return store
        .loadAll(pending.stream().map(UUID::toString).toList())
        .map(
            loaded -> {
              for (UUID userId : pending) {
                Credentials state =
                    Credentials.fold(
                        userId.toString(),
                        tenantId,
                        CredentialEventCodecs.CREDENTIALS.decode(loaded.get(userId.toString())));
                try {
                  sealed.get(userId).events(state, policy.maxCards());
                  results.add(new BatchResult(userId, null));
                } catch (DomainException refused) {
                  results.add(new BatchResult(userId, refused));
                }
              }
              return results;
            });
  }

  private Uni<List<BatchResult>> startTogether(
      String tenantId,
      CredentialPolicy policy,
      Map<UUID, SealedDirectoryUser> sealed,
      BatchClashes.Verdict verdict,
      List<DirectoryCredentials> batch,
      List<BatchResult> results,
      BatchMode mode) {
    Map<String, Function<Credentials, List<CredentialEvent>>> decisions = new LinkedHashMap<>();
    for (UUID userId : verdict.accepted()) {
      SealedDirectoryUser user = sealed.get(userId);
      decisions.put(
          userId.toString(), none -> user.events(userId.toString(), tenantId, policy.maxCards()));
    }
    // The streams are all new: any user's executor starts them (the decisions fold nothing).
    CommandExecutor<Credentials, CredentialEvent> any =
        streams.of(UUID.randomUUID().toString(), tenantId);
    return any.inTransaction(tx -> any.startAllIn(tx, tenantId, decisions))
        .map(
            ignored -> {
              verdict.accepted().forEach(userId -> results.add(new BatchResult(userId, null)));
              return results;
            })
        .chain(done -> oneByOne(tenantId, policy, batch, verdict.generatedTaken(), done, mode))
        .onFailure(
            failure ->
                failure instanceof ConcurrencyConflictException
                    || failure instanceof io.vertx.pgclient.PgException)
        .recoverWithUni(
            () -> {
              List<UUID> pending = new ArrayList<>(verdict.accepted());
              pending.addAll(verdict.generatedTaken());
              results.removeIf(result -> pending.contains(result.userId()));
              return oneByOne(tenantId, policy, batch, pending, results, mode);
            });
  }

  /** The batch lost a race: each user on their own stream, each refusal that user's. */
  private Uni<List<BatchResult>> oneByOne(
      String tenantId,
      CredentialPolicy policy,
      List<DirectoryCredentials> batch,
      List<UUID> pending,
      List<BatchResult> results,
      BatchMode mode) {
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (DirectoryCredentials user : batch) {
      if (!pending.contains(user.userId())) {
        continue;
      }
      chain =
          chain.chain(
              () -> {
                String userId = user.userId().toString();
                return Uni.createFrom()
                    // Sealed afresh: a generated code that was taken gets another.
                    .item(() -> seal(tenantId, policy, user, mode))
                    .chain(
                        fresh ->
                            streams
                                .of(userId, tenantId)
                                .execute(
                                    userId,
                                    tenantId,
                                    state -> fresh.events(state, policy.maxCards()),
                                    tx -> Uni.createFrom().voidItem()))
                    .map(ignored -> new BatchResult(user.userId(), null))
                    .onFailure(DomainException.class)
                    .recoverWithItem(
                        failure -> new BatchResult(user.userId(), (DomainException) failure))
                    .invoke(results::add)
                    .replaceWithVoid();
              });
    }
    return chain.replaceWith(results);
  }

  private SealedDirectoryUser seal(
      String tenantId, CredentialPolicy policy, DirectoryCredentials user, BatchMode mode) {
    return new SealedDirectoryUser(
        secrets.code(tenantId, policy, user.code()),
        mode.origin().codeReason(user.code() != null),
        secrets.card(tenantId, user.cardNumber()),
        mode.origin(),
        mode.windowOf(user.userId()));
  }

  /** One result per user of the batch, in its order, whatever order they were decided in. */
  private static List<BatchResult> inBatchOrder(
      List<DirectoryCredentials> batch, List<BatchResult> results) {
    Map<UUID, BatchResult> byUser = new HashMap<>();
    results.forEach(result -> byUser.put(result.userId(), result));
    return batch.stream().map(user -> byUser.get(user.userId())).toList();
  }
}
