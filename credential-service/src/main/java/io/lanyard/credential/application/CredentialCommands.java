package io.lanyard.credential.application;

import io.lanyard.credential.domain.CodeEmailLimit;
import io.lanyard.credential.domain.CodeGenerator;
import io.lanyard.credential.domain.CredentialEvent;
import io.lanyard.credential.domain.CredentialPolicy;
import io.lanyard.credential.domain.Credentials;
import io.lanyard.credential.domain.SealedSecret;
import io.lanyard.credential.infra.CardView;
import io.lanyard.credential.infra.CredentialEventCodecs;
import io.lanyard.credential.infra.CredentialRecords;
import io.lanyard.credential.infra.CredentialView;
import io.lanyard.credential.infra.Policies;
import io.lanyard.credentialrules.AccessCodes;
import io.lanyard.credentialrules.CardNumbers;
import io.lanyard.credentialrules.SecretPurposes;
import io.lanyard.eventstore.CommandExecutor;
import io.lanyard.eventstore.ConcurrencyConflictException;
import io.lanyard.eventstore.ConflictRetry;
import io.lanyard.eventstore.PgEventStore;
import io.lanyard.kernel.DomainException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Commands on one user's credentials: load their stream, decide, append, update the read model, in
 * one transaction. Codes are sealed (hash and ciphertext) before the domain sees them.
 */
@ApplicationScoped
public class CredentialCommands {

  private final SecretSealer sealer;
  private final CodeGenerator generator = new CodeGenerator(new SecureRandom());

  private final PgEventStore store;
  private final CredentialRecords records;
  private final Policies policies;
  private final Pool pool;
  private final Clock clock;

  CredentialCommands(
      PgEventStore store,
      CredentialRecords records,
      SecretSealer sealer,
      Policies policies,
      Pool pool,
      Clock clock) {
    this.store = store;
    this.records = records;
    this.sealer = sealer;
    this.policies = policies;
    this.pool = pool;
    this.clock = clock;
  }

  /** A new manual user's first code, generated, in the transaction applying {@code UserCreated}. */
  public Uni<List<CredentialEvent>> generateFirstCodeIn(
      SqlConnection tx, String tenantId, String userId) {
    return policies
        .current(tx, tenantId)
        .chain(policy -> generateFirstCodeIn(tx, tenantId, userId, policy));
  }

  private Uni<List<CredentialEvent>> generateFirstCodeIn(
      SqlConnection tx, String tenantId, String userId, CredentialPolicy policy) {
    // On code_in_use the consumer's transaction fails and the consumer retries with a fresh code.
    String code = codeOrGenerated(policy, null);
    return executor(userId, tenantId)
        .executeIn(
            tx,
            userId,
            tenantId,
            credentials -> credentials.initialCode(sealCode(tenantId, code), "initial", "system"));
  }

  /** An admin sets a given code, or has one generated ({@code code} null). */
  public Uni<CredentialView> changeCode(
      String tenantId, UUID userId, String code, boolean notifyUser, String actor) {
    return policies
        .current(pool, tenantId)
        .chain(policy -> changeCode(tenantId, userId, code, notifyUser, actor, policy));
  }

  private Uni<CredentialView> changeCode(
      String tenantId,
      UUID userId,
      String code,
      boolean notifyUser,
      String actor,
      CredentialPolicy policy) {
    String chosen = codeOrGenerated(policy, code);
    String reason = code == null ? "generated" : "admin";
    SealedSecret sealed = sealCode(tenantId, chosen);
    return execute(
        tenantId, userId, credentials -> credentials.changeCode(sealed, reason, notifyUser, actor));
  }

  /** The code in clear, for an admin; the reveal is recorded (who, when). */
  public Uni<String> reveal(String tenantId, UUID userId, String actor) {
    return executor(userId.toString(), tenantId)
        .execute(
            userId.toString(),
            tenantId,
            credentials -> credentials.reveal(actor),
            tx -> records.view(tx, userId))
        .map(view -> sealer.open(tenantId, SecretPurposes.ACCESS_CODE, view.codeCiphertext()));
  }

  public Uni<CardView> addCard(
      String tenantId, UUID userId, String cardNumber, String label, String actor) {
    return policies
        .current(pool, tenantId)
        .chain(policy -> addCard(tenantId, userId, cardNumber, label, actor, policy.maxCards()));
  }

  private Uni<CardView> addCard(
      String tenantId, UUID userId, String cardNumber, String label, String actor, int maxCards) {
    String number = CardNumbers.canonical(cardNumber);
    SealedSecret sealed = sealer.seal(tenantId, SecretPurposes.CARD_NUMBER, number);
    String cardId = UUID.randomUUID().toString();
    String masked = CardNumbers.mask(number);
    return execute(
            tenantId,
            userId,
            credentials ->
                credentials.registerCard(
                    cardId,
                    sealed,
                    masked,
                    label == null || label.isBlank() ? null : label.strip(),
                    "admin",
                    maxCards,
                    actor))
        .map(
            view ->
                view.cards().stream()
                    .filter(card -> card.id().equals(cardId))
                    .findFirst()
                    // The card was this user's already (a no-op): answer it as it is.
                    .orElseGet(
                        () ->
                            view.cards().stream()
                                .filter(card -> card.maskedNumber().equals(masked))
                                .findFirst()
                                .orElseThrow()));
  }

  /**
   * A card leaves its user (and stops working at the printers). {@code actor}: the admin, or the
   * user's own id when they remove it themself.
   */
  public Uni<CredentialView> removeCard(String tenantId, UUID userId, String cardId, String actor) {
    return execute(tenantId, userId, credentials -> credentials.removeCard(cardId, actor));
  }

  /**
   * The user asks for their current code by email: recorded as {@code AccessCodeEmailRequested},
   * which notification-service turns into a reminder. The limit is decided from the stream's own
   * events, so two replicas asked at once cannot both accept: the loser of the append retries and
   * sees the other's request.
   */
  public Uni<Void> requestCodeEmail(String tenantId, UUID userId) {
    return execute(
            tenantId,
            userId,
            credentials -> credentials.requestCodeEmail(CodeEmailLimit.DEFAULT, clock.instant()))
        .replaceWithVoid();
  }

  private Uni<CredentialView> execute(
      String tenantId, UUID userId, Function<Credentials, List<CredentialEvent>> decide) {
    return executor(userId.toString(), tenantId)
        .execute(userId.toString(), tenantId, decide, tx -> records.view(tx, userId));
  }

  /**
   * Directory-sync's first code for a user it provisioned (ADR 3): the directory's code (reason
   * {@code directory}) or, when it has none, a generated one (reason {@code initial}). A user who
   * has a code already keeps it.
   */
  public Uni<CredentialView> initialCode(String tenantId, UUID userId, String directoryCode) {
    return policies
        .current(pool, tenantId)
        .chain(
            policy -> {
              String code = codeOrGenerated(policy, directoryCode);
              String reason = directoryCode == null ? "initial" : "directory";
              SealedSecret sealed = sealCode(tenantId, code);
              return execute(
                  tenantId,
                  userId,
                  credentials -> credentials.initialCode(sealed, reason, "directory"));
            });
  }

  /**
   * The directory's code for a user: a new value replaces the code (reason {@code directory}); a
   * value removed at the source ({@code null}) gets a generated code, emailed to the user.
   */
  public Uni<CredentialView> directoryCode(String tenantId, UUID userId, String directoryCode) {
    return policies
        .current(pool, tenantId)
        .chain(
            policy -> {
              boolean removed = directoryCode == null;
              String code = codeOrGenerated(policy, directoryCode);
              SealedSecret sealed = sealCode(tenantId, code);
              return execute(
                  tenantId,
                  userId,
                  credentials ->
                      credentials.changeCode(
                          sealed,
                          removed ? "regenerated_after_source_removal" : "directory",
                          removed,
                          "directory"));
            });
  }

  /** The directory's card for a user ({@code null}: the directory has none any more). */
  public Uni<CredentialView> directoryCard(String tenantId, UUID userId, String cardNumber) {
    return policies
        .current(pool, tenantId)
        .chain(
            policy -> {
              String number = cardNumber == null ? null : CardNumbers.canonical(cardNumber);
              SealedSecret sealed =
                  number == null ? null : sealer.seal(tenantId, SecretPurposes.CARD_NUMBER, number);
              String masked = number == null ? null : CardNumbers.mask(number);
              String cardId = UUID.randomUUID().toString();
              return execute(
                  tenantId,
                  userId,
                  credentials ->
                      credentials.replaceDirectoryCard(cardId, sealed, masked, policy.maxCards()));
            });
  }

  /**
   * A card swiped at a device after the user typed their code: the reader's raw value goes through
   * the tenant's conversion rules, then belongs to the code's owner. Answers the owner and the
   * card's id (by which the gateway knows when its model holds the card).
   */
  public Uni<DeviceCard> registerCardByCode(
      String tenantId, String typedCode, String rawCardNumber, String deviceId) {
    String codeHash =
        sealer.hash(tenantId, SecretPurposes.ACCESS_CODE, AccessCodes.normalise(typedCode));
    return Uni.combine()
        .all()
        .unis(policies.current(pool, tenantId), records.ownerOfCode(pool, tenantId, codeHash))
        .asTuple()
        .chain(
            both -> {
              UUID owner =
                  both.getItem2()
                      .orElseThrow(
                          () ->
                              new DomainException(
                                  DomainException.Kind.NOT_FOUND,
                                  "invalid_code",
                                  "no active user of this tenant has this code"));
              String number = both.getItem1().cardConversion().convert(rawCardNumber);
              SealedSecret sealed = sealer.seal(tenantId, SecretPurposes.CARD_NUMBER, number);
              String cardId = UUID.randomUUID().toString();
              return execute(
                      tenantId,
                      owner,
                      credentials ->
                          credentials.registerCard(
                              cardId,
                              sealed,
                              CardNumbers.mask(number),
                              null,
                              "device",
                              both.getItem1().maxCards(),
                              "device:" + deviceId))
                  .replaceWith(new DeviceCard(owner, cardId));
            });
  }

  /** A card registered at a device, and whose it now is. */
  public record DeviceCard(UUID userId, String cardId) {}

  /**
   * A given code, checked against the policy, or a generated one when none is given. A generated
   * code that another user holds fails the unique index (code_in_use); with 32^6 codes that is
   * rare.
   */
  private String codeOrGenerated(CredentialPolicy policy, String given) {
    return given == null
        ? generator.generate(policy, candidate -> false)
        : policy.checkCode(AccessCodes.normalise(given));
  }

  private SealedSecret sealCode(String tenantId, String code) {
    return sealer.seal(tenantId, SecretPurposes.ACCESS_CODE, code);
  }

  /** A directory's new user: their code (null: generate one) and card (null: none). */
  public record DirectoryCredentials(UUID userId, String code, String cardNumber) {}

  /** What became of one user's credentials: set, or refused (why). */
  public record BatchResult(UUID userId, DomainException refused) {}

  /**
   * First codes and directory cards for a page of a directory's new users, together: one
   * transaction, one statement for all their streams. An invalid or taken code or card refuses that
   * user only; should a concurrent write make the batch fail, each user is done on their own.
   */
  public Uni<List<BatchResult>> initialAll(String tenantId, List<DirectoryCredentials> batch) {
    return policies.current(pool, tenantId).chain(policy -> initialAll(tenantId, policy, batch));
  }

  private Uni<List<BatchResult>> initialAll(
      String tenantId, CredentialPolicy policy, List<DirectoryCredentials> batch) {
    List<BatchResult> results = new ArrayList<>();
    Map<UUID, SealedCredentials> sealed = new LinkedHashMap<>();
    for (DirectoryCredentials user : batch) {
      try {
        sealed.put(user.userId(), seal(tenantId, policy, user));
      } catch (DomainException refused) {
        results.add(new BatchResult(user.userId(), refused));
      }
    }
    List<String> codeHashes = sealed.values().stream().map(s -> s.code().hash()).toList();
    List<String> cardHashes =
        sealed.values().stream().filter(s -> s.card() != null).map(s -> s.card().hash()).toList();
    return records
        .inUse(pool, tenantId, codeHashes, cardHashes)
        .chain(
            taken -> {
              Set<String> claimed = new HashSet<>(taken);
              Map<String, Function<Credentials, List<CredentialEvent>>> decisions =
                  new LinkedHashMap<>();
              List<UUID> accepted = new ArrayList<>();
              // A generated code that happens to be in use: that user is done on their own.
              List<UUID> generatedTaken = new ArrayList<>();
              for (var entry : sealed.entrySet()) {
                UUID userId = entry.getKey();
                SealedCredentials user = entry.getValue();
                if (!claimed.add("code:" + user.code().hash())) {
                  if (user.generated()) {
                    generatedTaken.add(userId);
                    continue;
                  }
                  results.add(
                      new BatchResult(
                          userId,
                          DomainException.conflict("code_in_use", "the access code is in use")));
                  continue;
                }
                if (user.card() != null && !claimed.add("card:" + user.card().hash())) {
                  results.add(
                      new BatchResult(
                          userId,
                          DomainException.conflict(
                              "card_in_use", "the card belongs to another user")));
                  continue;
                }
                accepted.add(userId);
                decisions.put(
                    userId.toString(), none -> user.events(userId.toString(), tenantId, policy));
              }
              CommandExecutor<Credentials, CredentialEvent> any =
                  executor(UUID.randomUUID().toString(), tenantId);
              return any.inTransaction(tx -> any.startAllIn(tx, tenantId, decisions))
                  .map(
                      ignored -> {
                        accepted.forEach(userId -> results.add(new BatchResult(userId, null)));
                        return results;
                      })
                  .chain(done -> oneByOne(tenantId, batch, generatedTaken, done))
                  .onFailure(
                      failure ->
                          failure instanceof ConcurrencyConflictException
                              || failure instanceof io.vertx.pgclient.PgException)
                  .recoverWithUni(
                      () -> {
                        List<UUID> pending = new ArrayList<>(accepted);
                        pending.addAll(generatedTaken);
                        results.removeIf(result -> pending.contains(result.userId()));
                        return oneByOne(tenantId, batch, pending, results);
                      });
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
                  initialCode(tenantId, user.userId(), user.code())
                      .chain(
                          () ->
                              user.cardNumber() == null
                                  ? Uni.createFrom().voidItem()
                                  : directoryCard(tenantId, user.userId(), user.cardNumber())
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

  /** A new user's code and card, checked, normalised and sealed. */
  private record SealedCredentials(
      SealedSecret code, String codeReason, SealedSecret card, String maskedCard) {

    boolean generated() {
      return "initial".equals(codeReason);
    }

    List<CredentialEvent> events(String userId, String tenantId, CredentialPolicy policy) {
      Credentials state = Credentials.fold(userId, tenantId, List.of());
      List<CredentialEvent> events =
          new ArrayList<>(state.initialCode(code, codeReason, "directory"));
      for (CredentialEvent event : events) {
        state = state.evolve(event);
      }
      if (card != null) {
        events.addAll(
            state.replaceDirectoryCard(
                UUID.randomUUID().toString(), card, maskedCard, policy.maxCards()));
      }
      return events;
    }
  }

  private SealedCredentials seal(
      String tenantId, CredentialPolicy policy, DirectoryCredentials user) {
    String code = codeOrGenerated(policy, user.code());
    String number = user.cardNumber() == null ? null : CardNumbers.canonical(user.cardNumber());
    return new SealedCredentials(
        sealCode(tenantId, code),
        user.code() == null ? "initial" : "directory",
        number == null ? null : sealer.seal(tenantId, SecretPurposes.CARD_NUMBER, number),
        number == null ? null : CardNumbers.mask(number));
  }

  /** The user was deleted: their code and cards become free. */
  public Uni<List<CredentialEvent>> revokeIn(SqlConnection tx, String tenantId, String userId) {
    return executor(userId, tenantId)
        .executeIn(tx, userId, tenantId, credentials -> credentials.revoke("user_deleted"));
  }

  private CommandExecutor<Credentials, CredentialEvent> executor(String userId, String tenantId) {
    Function<List<CredentialEvent>, Credentials> fold =
        events -> Credentials.fold(userId, tenantId, events);
    return new CommandExecutor<>(
        store,
        CredentialEventCodecs.CREDENTIALS,
        "credentials",
        fold,
        records::apply,
        ConflictRetry.defaults());
  }
}
