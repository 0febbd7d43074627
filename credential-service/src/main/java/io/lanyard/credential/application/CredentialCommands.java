package io.lanyard.credential.application;

import io.lanyard.credential.application.CredentialSecrets.SealedCard;
import io.lanyard.credential.domain.Actors;
import io.lanyard.credential.domain.CardSource;
import io.lanyard.credential.domain.CodeEmailLimit;
import io.lanyard.credential.domain.CodeReason;
import io.lanyard.credential.domain.CodeWindow;
import io.lanyard.credential.domain.CredentialEvent;
import io.lanyard.credential.domain.CredentialPolicy;
import io.lanyard.credential.domain.Credentials;
import io.lanyard.credential.domain.RevokeReason;
import io.lanyard.credential.domain.SealedSecret;
import io.lanyard.credential.infra.CardView;
import io.lanyard.credential.infra.CredentialRecords;
import io.lanyard.credential.infra.CredentialView;
import io.lanyard.credential.infra.GuestWindowsSeen;
import io.lanyard.credential.infra.KnownUser;
import io.lanyard.credential.infra.KnownUsers;
import io.lanyard.credential.infra.Policies;
import io.lanyard.credentialrules.AccessCodes;
import io.lanyard.credentialrules.SecretPurposes;
import io.lanyard.kernel.DomainException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Commands on one user's credentials: load their stream, decide, append, update the read model, in
 * one transaction. Codes are sealed (hash and ciphertext) before the domain sees them. A page of a
 * directory's new users at once is {@link DirectoryBatchProvisioning}'s.
 */
@ApplicationScoped
public class CredentialCommands {

  private final CredentialStreams streams;
  private final CredentialSecrets secrets;
  private final SecretSealer sealer;
  private final CredentialRecords records;
  private final Policies policies;
  private final KnownUsers knownUsers;
  private final GuestWindowsSeen windowsSeen;
  private final Pool pool;
  private final Clock clock;

  CredentialCommands(
      CredentialStreams streams,
      CredentialSecrets secrets,
      SecretSealer sealer,
      CredentialRecords records,
      Policies policies,
      KnownUsers knownUsers,
      GuestWindowsSeen windowsSeen,
      Pool pool,
      Clock clock) {
    this.knownUsers = knownUsers;
    this.windowsSeen = windowsSeen;
    this.streams = streams;
    this.secrets = secrets;
    this.sealer = sealer;
    this.records = records;
    this.policies = policies;
    this.pool = pool;
    this.clock = clock;
  }

  /**
   * A new manual user's first code, generated, in the transaction applying {@code UserCreated}; a
   * guest's works only inside their window.
   */
  public Uni<List<CredentialEvent>> generateFirstCodeIn(
      SqlConnection tx, String tenantId, String userId, CodeWindow window) {
    return policies
        .current(tx, tenantId)
        .chain(policy -> generateFirstCodeIn(tx, tenantId, userId, window, policy));
  }

  private Uni<List<CredentialEvent>> generateFirstCodeIn(
      SqlConnection tx,
      String tenantId,
      String userId,
      CodeWindow window,
      CredentialPolicy policy) {
    // On code_in_use the consumer's transaction fails and the consumer retries with a fresh code.
    SealedSecret code = secrets.code(tenantId, policy, null);
    return streams
        .of(userId, tenantId)
        .executeIn(
            tx,
            userId,
            tenantId,
            credentials ->
                credentials.initialCode(code, CodeReason.INITIAL, window, Actors.SYSTEM));
  }

  /**
   * A guest's window moved ({@code UserUpdated}, identity's version {@code identityVersion} of the
   * user): their current code follows it, in the transaction applying the event. Only an event
   * newer than every one seen moves it ({@link GuestWindowsSeen}), so a redelivery or a rebuild's
   * replay of an older window changes nothing.
   */
  public Uni<List<CredentialEvent>> followGuestWindowIn(
      SqlConnection tx, String tenantId, String userId, CodeWindow window, long identityVersion) {
    return windowsSeen
        .newer(tx, UUID.fromString(userId), identityVersion)
        .chain(
            newer ->
                newer
                    ? streams
                        .of(userId, tenantId)
                        .executeIn(
                            tx,
                            userId,
                            tenantId,
                            credentials -> credentials.followGuestWindow(window))
                    : Uni.createFrom().item(List.<CredentialEvent>of()));
  }

  /**
   * An admin sets a given code, or has one generated ({@code code} null), with an expiry ({@code
   * null}: none). A guest's new code keeps to the guest's window unless given an expiry of its own.
   */
  public Uni<CredentialView> changeCode(
      String tenantId,
      UUID userId,
      String code,
      boolean notifyUser,
      Instant expiresAt,
      String actor) {
    return Uni.combine()
        .all()
        .unis(policies.current(pool, tenantId), knownUsers.find(pool, tenantId, userId))
        .asTuple()
        .chain(
            both -> {
              CodeWindow base = both.getItem2().map(KnownUser::guestWindow).orElse(CodeWindow.NONE);
              CodeWindow window =
                  expiresAt == null
                      ? base
                      : base.endingAt(
                          CodeWindow.checkedExpiry(expiresAt, base.validFrom(), clock.instant()));
              return changeCode(tenantId, userId, code, notifyUser, actor, window, both.getItem1());
            });
  }

  private Uni<CredentialView> changeCode(
      String tenantId,
      UUID userId,
      String code,
      boolean notifyUser,
      String actor,
      CodeWindow window,
      CredentialPolicy policy) {
    SealedSecret sealed = secrets.code(tenantId, policy, code);
    CodeReason reason = code == null ? CodeReason.GENERATED : CodeReason.ADMIN;
    return execute(
        tenantId,
        userId,
        credentials -> credentials.setCode(sealed, reason, notifyUser, actor, window));
  }

  /**
   * An admin changes when the current code expires ({@code null}: it no longer does); the code and
   * its start stay. The expiry is checked against the code's own start, in the transaction.
   */
  public Uni<CredentialView> changeExpiry(
      String tenantId, UUID userId, Instant expiresAt, String actor) {
    Instant now = clock.instant();
    return execute(
        tenantId,
        userId,
        credentials -> {
          CodeWindow current = credentials.codeWindow();
          CodeWindow.checkedExpiry(expiresAt, current.validFrom(), now);
          return credentials.changeExpiry(current.endingAt(expiresAt), actor);
        });
  }

  /** The code in clear, for an admin; the reveal is recorded (who, when). */
  public Uni<String> reveal(String tenantId, UUID userId, String actor) {
    return streams
        .of(userId.toString(), tenantId)
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
    SealedCard card = secrets.card(tenantId, cardNumber);
    String cardId = UUID.randomUUID().toString();
    return execute(
            tenantId,
            userId,
            credentials ->
                credentials.registerCard(
                    cardId,
                    card.secret(),
                    card.masked(),
                    label == null || label.isBlank() ? null : label.strip(),
                    CardSource.ADMIN,
                    maxCards,
                    actor))
        .map(
            view ->
                view.cards().stream()
                    .filter(added -> added.id().equals(cardId))
                    .findFirst()
                    // The card was this user's already (a no-op): answer it as it is.
                    .orElseGet(
                        () ->
                            view.cards().stream()
                                .filter(held -> held.maskedNumber().equals(card.masked()))
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
    return streams
        .of(userId.toString(), tenantId)
        .execute(userId.toString(), tenantId, decide, tx -> records.view(tx, userId));
  }

  /**
   * Directory-sync's first code for a user it provisioned (ADR 3): the directory's code (reason
   * {@link CodeReason#DIRECTORY}) or, when it has none, a generated one ({@link
   * CodeReason#INITIAL}). A user who has a code already keeps it.
   */
  public Uni<CredentialView> initialCode(String tenantId, UUID userId, String directoryCode) {
    return policies
        .current(pool, tenantId)
        .chain(
            policy -> {
              SealedSecret sealed = secrets.code(tenantId, policy, directoryCode);
              CodeReason reason = directoryCode == null ? CodeReason.INITIAL : CodeReason.DIRECTORY;
              return execute(
                  tenantId,
                  userId,
                  credentials -> credentials.initialCode(sealed, reason, Actors.DIRECTORY));
            });
  }

  /**
   * The directory's code for a user: a new value replaces the code (reason {@link
   * CodeReason#DIRECTORY}); a value removed at the source ({@code null}) gets a generated code,
   * emailed to the user.
   */
  public Uni<CredentialView> directoryCode(String tenantId, UUID userId, String directoryCode) {
    return policies
        .current(pool, tenantId)
        .chain(
            policy -> {
              boolean removed = directoryCode == null;
              SealedSecret sealed = secrets.code(tenantId, policy, directoryCode);
              CodeReason reason =
                  removed ? CodeReason.REGENERATED_AFTER_SOURCE_REMOVAL : CodeReason.DIRECTORY;
              return execute(
                  tenantId,
                  userId,
                  credentials -> credentials.changeCode(sealed, reason, removed, Actors.DIRECTORY));
            });
  }

  /** The directory's card for a user ({@code null}: the directory has none any more). */
  public Uni<CredentialView> directoryCard(String tenantId, UUID userId, String cardNumber) {
    return policies
        .current(pool, tenantId)
        .chain(
            policy -> {
              SealedCard card = secrets.card(tenantId, cardNumber);
              String cardId = UUID.randomUUID().toString();
              return execute(
                  tenantId,
                  userId,
                  credentials ->
                      credentials.replaceDirectoryCard(
                          cardId,
                          card == null ? null : card.secret(),
                          card == null ? null : card.masked(),
                          policy.maxCards()));
            });
  }

  /**
   * A card swiped at a device after the user typed their code: the reader's raw value goes through
   * the tenant's conversion rules, then belongs to the code's owner. Answers the owner and the
   * card's id (by which the gateway knows when its model holds the card). An expired code is 404
   * {@code code_expired} (never a 401: the gateway takes a 401 from here for its own credentials
   * failing), whatever its user's status; an unknown code, an inactive user's or one not valid yet
   * is 404 {@code invalid_code}.
   */
  public Uni<DeviceCard> registerCardByCode(
      String tenantId, String typedCode, String rawCardNumber, String deviceId) {
    String codeHash =
        sealer.hash(tenantId, SecretPurposes.ACCESS_CODE, AccessCodes.normalise(typedCode));
    Instant now = clock.instant();
    return Uni.combine()
        .all()
        .unis(policies.current(pool, tenantId), records.holderOfCode(pool, tenantId, codeHash))
        .asTuple()
        .chain(
            both -> {
              UUID owner = usableBy(both.getItem2(), now);
              SealedCard card =
                  secrets.convertedCard(
                      tenantId, both.getItem1().cardConversion().convert(rawCardNumber));
              String cardId = UUID.randomUUID().toString();
              return execute(
                      tenantId,
                      owner,
                      credentials ->
                          credentials.registerCard(
                              cardId,
                              card.secret(),
                              card.masked(),
                              null,
                              CardSource.DEVICE,
                              both.getItem1().maxCards(),
                              Actors.device(deviceId)))
                  .replaceWith(new DeviceCard(owner, cardId));
            });
  }

  private static UUID usableBy(
      java.util.Optional<CredentialRecords.CodeHolder> holder, Instant now) {
    if (holder.isPresent() && holder.get().expired(now)) {
      throw new DomainException(
          DomainException.Kind.NOT_FOUND, "code_expired", "this code has expired");
    }
    boolean notYet =
        holder
            .map(h -> h.window().validFrom() != null && now.isBefore(h.window().validFrom()))
            .orElse(false);
    if (holder.isEmpty() || !holder.get().active() || notYet) {
      throw new DomainException(
          DomainException.Kind.NOT_FOUND,
          "invalid_code",
          "no active user of this tenant has this code");
    }
    return holder.get().userId();
  }

  /** A card registered at a device, and whose it now is. */
  public record DeviceCard(UUID userId, String cardId) {}

  /** The user was deleted: their code and cards become free. */
  public Uni<List<CredentialEvent>> revokeIn(SqlConnection tx, String tenantId, String userId) {
    return streams
        .of(userId, tenantId)
        .executeIn(
            tx, userId, tenantId, credentials -> credentials.revoke(RevokeReason.USER_DELETED));
  }
}
