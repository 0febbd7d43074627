package io.lanyard.credential.application;

import io.lanyard.credential.domain.CodeReason;
import io.lanyard.credential.domain.CredentialEvent;
import io.lanyard.credential.domain.CredentialPolicy;
import io.lanyard.credential.domain.Credentials;
import io.lanyard.credential.infra.CredentialRecords;
import io.lanyard.credential.infra.Policies;
import io.lanyard.eventstore.CommandExecutor;
import io.lanyard.eventstore.ConcurrencyConflictException;
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
 * First codes and directory cards for a page of a directory's new users (Google sync), together:
 * one transaction, one statement for all their streams, where one by one would take a round trip
 * per user. An invalid or taken code or card refuses that user only ({@link BatchClashes}); should
 * a concurrent write make the batch fail, each user is done on their own by {@link
 * CredentialCommands}.
 */
@ApplicationScoped
public class DirectoryBatchProvisioning {

  /** A directory's new user: their code (null: generate one) and card (null: none). */
  public record DirectoryCredentials(UUID userId, String code, String cardNumber) {}

  /** What became of one user's credentials: set, or refused (why). */
  public record BatchResult(UUID userId, DomainException refused) {}

  private final CredentialCommands oneUser;
  private final CredentialStreams streams;
  private final CredentialSecrets secrets;
  private final CredentialRecords records;
  private final Policies policies;
  private final Pool pool;

  DirectoryBatchProvisioning(
      CredentialCommands oneUser,
      CredentialStreams streams,
      CredentialSecrets secrets,
      CredentialRecords records,
      Policies policies,
      Pool pool) {
    this.oneUser = oneUser;
    this.streams = streams;
    this.secrets = secrets;
    this.records = records;
    this.policies = policies;
    this.pool = pool;
  }

  /**
   * Provisions the tenant's users of the batch; any other user is refused as not found and given
   * nothing.
   *
   * @param tenantsUsers which of the batch's users are the tenant's
   * @return one result per user of the batch, in the batch's order
   */
  public Uni<List<BatchResult>> provision(
      String tenantId, List<DirectoryCredentials> batch, Set<UUID> tenantsUsers) {
    List<DirectoryCredentials> theirs =
        batch.stream().filter(user -> tenantsUsers.contains(user.userId())).toList();
    return policies
        .current(pool, tenantId)
        .chain(policy -> provisionAll(tenantId, policy, theirs))
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
      String tenantId, CredentialPolicy policy, List<DirectoryCredentials> batch) {
    List<BatchResult> results = new ArrayList<>();
    Map<UUID, SealedDirectoryUser> sealed = new LinkedHashMap<>();
    for (DirectoryCredentials user : batch) {
      try {
        sealed.put(user.userId(), seal(tenantId, policy, user));
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
              return startTogether(tenantId, policy, sealed, verdict, batch, results);
            });
  }

  private Uni<List<BatchResult>> startTogether(
      String tenantId,
      CredentialPolicy policy,
      Map<UUID, SealedDirectoryUser> sealed,
      BatchClashes.Verdict verdict,
      List<DirectoryCredentials> batch,
      List<BatchResult> results) {
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
        .chain(done -> oneByOne(tenantId, batch, verdict.generatedTaken(), done))
        .onFailure(
            failure ->
                failure instanceof ConcurrencyConflictException
                    || failure instanceof io.vertx.pgclient.PgException)
        .recoverWithUni(
            () -> {
              List<UUID> pending = new ArrayList<>(verdict.accepted());
              pending.addAll(verdict.generatedTaken());
              results.removeIf(result -> pending.contains(result.userId()));
              return oneByOne(tenantId, batch, pending, results);
            });
  }

  /** The batch lost a race: each user on their own, each refusal that user's. */
  private Uni<List<BatchResult>> oneByOne(
      String tenantId,
      List<DirectoryCredentials> batch,
      List<UUID> pending,
      List<BatchResult> results) {
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (DirectoryCredentials user : batch) {
      if (!pending.contains(user.userId())) {
        continue;
      }
      chain =
          chain.chain(
              () ->
                  oneUser
                      .initialCode(tenantId, user.userId(), user.code())
                      .chain(
                          () ->
                              user.cardNumber() == null
                                  ? Uni.createFrom().voidItem()
                                  : oneUser
                                      .directoryCard(tenantId, user.userId(), user.cardNumber())
                                      .replaceWithVoid())
                      .map(ignored -> new BatchResult(user.userId(), null))
                      .onFailure(DomainException.class)
                      .recoverWithItem(
                          failure -> new BatchResult(user.userId(), (DomainException) failure))
                      .invoke(results::add)
                      .replaceWithVoid());
    }
    return chain.replaceWith(results);
  }

  private SealedDirectoryUser seal(
      String tenantId, CredentialPolicy policy, DirectoryCredentials user) {
    return new SealedDirectoryUser(
        secrets.code(tenantId, policy, user.code()),
        user.code() == null ? CodeReason.INITIAL : CodeReason.DIRECTORY,
        secrets.card(tenantId, user.cardNumber()));
  }

  /** One result per user of the batch, in its order, whatever order they were decided in. */
  private static List<BatchResult> inBatchOrder(
      List<DirectoryCredentials> batch, List<BatchResult> results) {
    Map<UUID, BatchResult> byUser = new HashMap<>();
    results.forEach(result -> byUser.put(result.userId(), result));
    return batch.stream().map(user -> byUser.get(user.userId())).toList();
  }
}
