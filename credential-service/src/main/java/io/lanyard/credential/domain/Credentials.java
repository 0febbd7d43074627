package io.lanyard.credential.domain;

import io.lanyard.kernel.DomainException;
import io.lanyard.kernel.Text;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One user's access code and cards, as their events make them, and the decisions they take.
 * Uniqueness across users (a code or card another user holds) is decided where all users are seen:
 * the read model's unique indexes, in the same transaction.
 *
 * @param code the current code; {@code null} without one
 * @param codeEmailsRequested when the user asked for their code by email: what {@link
 *     CodeEmailLimit} counts
 */
public record Credentials(
    String userId,
    String tenantId,
    CurrentCode code,
    List<Card> cards,
    boolean revoked,
    List<Instant> codeEmailsRequested) {

  /**
   * The code a user has now and what the scheduler has recorded about it: each of its facts once.
   *
   * @param expiryRecorded whether its passed deadline is recorded ({@code AccessCodeExpired})
   * @param rotationNoticed whether its user was warned of its rotation ({@code
   *     AccessCodeRotationDue})
   */
  public record CurrentCode(
      String hash,
      CodeReason reason,
      CodeWindow window,
      boolean expiryRecorded,
      boolean rotationNoticed) {

    CurrentCode withWindow(CodeWindow changed) {
      // A new deadline is a new fact to record once it passes.
      return new CurrentCode(hash, reason, changed, false, rotationNoticed);
    }
  }

  public static Credentials none(String userId, String tenantId) {
    return new Credentials(userId, tenantId, null, List.of(), false, List.of());
  }

  /** A card's label is for people: one line, short enough to show on a page. */
  public static final int MOST_IN_A_LABEL = 100;

  public Credentials {
    cards = List.copyOf(cards);
    codeEmailsRequested = List.copyOf(codeEmailsRequested);
  }

  public boolean hasCode() {
    return code != null;
  }

  /** The current code's keyed hash; {@code null} without one. */
  public String codeHash() {
    return code == null ? null : code.hash();
  }

  /** Why the current code was set; {@code null} without one. */
  public CodeReason codeReason() {
    return code == null ? null : code.reason();
  }

  /** When the current code works; {@link CodeWindow#NONE} without one. */
  public CodeWindow codeWindow() {
    return code == null ? CodeWindow.NONE : code.window();
  }

  public Credentials evolve(CredentialEvent event) {
    if (event instanceof CredentialEvent.AccessCodeChanged e) {
      return withCode(new CurrentCode(e.codeHash(), e.reason(), e.window(), false, false), false);
    }
    if (event instanceof CredentialEvent.AccessCodeExpiryChanged e && code != null) {
      return withCode(code.withWindow(e.window()), revoked);
    }
    if (event instanceof CredentialEvent.AccessCodeExpired && code != null) {
      return withCode(
          new CurrentCode(code.hash(), code.reason(), code.window(), true, code.rotationNoticed()),
          revoked);
    }
    if (event instanceof CredentialEvent.AccessCodeRotationDue && code != null) {
      return withCode(
          new CurrentCode(code.hash(), code.reason(), code.window(), code.expiryRecorded(), true),
          revoked);
    }
    if (event instanceof CredentialEvent.CardRegistered e) {
      List<Card> more = new ArrayList<>(cards);
      more.add(new Card(e.cardId(), e.cardHash(), e.maskedNumber(), e.label(), e.source()));
      return withCards(more);
    }
    if (event instanceof CredentialEvent.CardRemoved e) {
      List<Card> fewer = new ArrayList<>(cards);
      fewer.removeIf(card -> card.id().equals(e.cardId()));
      return withCards(fewer);
    }
    if (event instanceof CredentialEvent.CredentialsRevoked) {
      return new Credentials(userId, tenantId, null, List.of(), true, codeEmailsRequested);
    }
    if (event instanceof CredentialEvent.AccessCodeEmailRequested e) {
      List<Instant> more = new ArrayList<>(codeEmailsRequested);
      more.add(e.requestedAt());
      return new Credentials(userId, tenantId, code, cards, revoked, more);
    }
    return this;
  }

  private Credentials withCode(CurrentCode changed, boolean isRevoked) {
    return new Credentials(userId, tenantId, changed, cards, isRevoked, codeEmailsRequested);
  }

  private Credentials withCards(List<Card> changed) {
    return new Credentials(userId, tenantId, code, changed, revoked, codeEmailsRequested);
  }

  public static Credentials fold(String userId, String tenantId, List<CredentialEvent> events) {
    Credentials state = none(userId, tenantId);
    for (CredentialEvent event : events) {
      state = state.evolve(event);
    }
    return state;
  }

  /** A user's first code: only if they have none yet (the same first code twice is a no-op). */
  public List<CredentialEvent> initialCode(SealedSecret code, CodeReason reason, String by) {
    return initialCode(code, reason, CodeWindow.NONE, by);
  }

  /** A first code that works only inside {@code window} (a guest's). */
  public List<CredentialEvent> initialCode(
      SealedSecret code, CodeReason reason, CodeWindow window, String by) {
    return initialCode(code, reason, window, by, null);
  }

  /** A first code, and what caused it when no one set it by hand (an import's line). */
  public List<CredentialEvent> initialCode(
      SealedSecret code, CodeReason reason, CodeWindow window, String by, CodeCause cause) {
    if (revoked || hasCode()) {
      return List.of();
    }
    return List.of(
        new CredentialEvent.AccessCodeChanged(
            userId, tenantId, code.hash(), code.ciphertext(), reason, false, by, window, cause));
  }

  /** A new code; the code the user already has changes nothing. */
  public List<CredentialEvent> changeCode(
      SealedSecret code, CodeReason reason, boolean notifyUser, String by) {
    return changeCode(code, reason, notifyUser, by, CodeWindow.NONE, null);
  }

  /**
   * A new code with its window, and what caused it when no one did by hand; the code the user
   * already has changes nothing (its window is {@link #changeExpiry}'s).
   */
  public List<CredentialEvent> changeCode(
      SealedSecret code,
      CodeReason reason,
      boolean notifyUser,
      String by,
      CodeWindow window,
      CodeCause cause) {
    requireActive();
    if (code.hash().equals(codeHash())) {
      return List.of();
    }
    return List.of(
        new CredentialEvent.AccessCodeChanged(
            userId,
            tenantId,
            code.hash(),
            code.ciphertext(),
            reason,
            notifyUser,
            by,
            window,
            cause));
  }

  /**
   * An admin's code (typed or generated) with the window it is to have: the code the user has
   * already, with another window, changes only the window; the same code and window, nothing.
   */
  public List<CredentialEvent> setCode(
      SealedSecret code, CodeReason reason, boolean notifyUser, String by, CodeWindow window) {
    requireActive();
    if (code.hash().equals(codeHash())) {
      return changeExpiry(window, by);
    }
    return changeCode(code, reason, notifyUser, by, window, null);
  }

  /**
   * The current code gets another window, the code stays: an admin's expiry, or a guest's window
   * that moved. The window it has already changes nothing.
   */
  public List<CredentialEvent> changeExpiry(CodeWindow window, String by) {
    requireActive();
    if (!hasCode()) {
      throw DomainException.conflict("no_code", "this user has no access code");
    }
    if (code.window().equals(window)) {
      return List.of();
    }
    return List.of(new CredentialEvent.AccessCodeExpiryChanged(userId, tenantId, window, by));
  }

  /**
   * A guest's window moved: their code follows it. Without a code (one that is still to come, or a
   * revoked user) there is nothing to move.
   */
  public List<CredentialEvent> followGuestWindow(CodeWindow window) {
    if (revoked || !hasCode()) {
      return List.of();
    }
    return changeExpiry(window, Actors.SYSTEM);
  }

  /**
   * The scheduler's check of the current code's deadline: recorded once, when it has passed and was
   * not recorded yet, whoever looks and however often.
   */
  public List<CredentialEvent> expire(Instant now) {
    if (revoked || !hasCode() || code.expiryRecorded() || !code.window().hasEnded(now)) {
      return List.of();
    }
    return List.of(
        new CredentialEvent.AccessCodeExpired(
            userId, tenantId, code.hash(), code.window().expiresAt()));
  }

  /**
   * Warns the user that the code the scheduler selected ({@code codeHash}) will be rotated: once
   * per code; nothing when that code was replaced meanwhile.
   */
  public List<CredentialEvent> noticeRotation(String codeHash, Instant rotatesAt) {
    if (revoked || !codeHash.equals(codeHash()) || code.rotationNoticed()) {
      return List.of();
    }
    return List.of(new CredentialEvent.AccessCodeRotationDue(userId, tenantId, rotatesAt));
  }

  /**
   * Replaces the code the scheduler selected ({@code codeHash}) by a generated one, emailed to the
   * user, with the old code's window (a guest stays a guest; an expiry still to come stays).
   * Nothing when that code was replaced meanwhile (by another pass, or by anyone): a code is
   * rotated once. Directory codes are not Lanyard's to rotate, and neither is a code whose expiry
   * has passed: a new code would either be expired at once or, with a new window, revive access
   * that an admin let end. Replacing it is the admin's.
   */
  public List<CredentialEvent> rotate(String codeHash, SealedSecret newCode, Instant now) {
    if (revoked
        || !codeHash.equals(codeHash())
        || !CodeRotation.rotates(codeSource())
        || code.window().hasEnded(now)
        || newCode.hash().equals(codeHash)) {
      return List.of();
    }
    return List.of(
        new CredentialEvent.AccessCodeChanged(
            userId,
            tenantId,
            newCode.hash(),
            newCode.ciphertext(),
            CodeReason.GENERATED,
            true,
            Actors.SYSTEM,
            code.window(),
            CodeCause.ROTATION));
  }

  /**
   * Why a regeneration job leaves this user alone ({@link Regeneration}'s reasons) {@code now}:
   * deleted, no code yet (a user without a stream too), a code the directory manages, or a code
   * whose expiry has passed (as the rotation leaves it: replacing it is the admin's). Empty: they
   * get a new code.
   */
  public Optional<String> regenerationSkipped(Instant now) {
    if (revoked) {
      return Optional.of(Regeneration.USER_DELETED);
    }
    if (!hasCode()) {
      return Optional.of(Regeneration.NO_CODE);
    }
    if (!CodeRotation.rotates(codeSource())) {
      return Optional.of(Regeneration.DIRECTORY_MANAGED);
    }
    if (code.window().hasEnded(now)) {
      return Optional.of(Regeneration.CODE_EXPIRED);
    }
    return Optional.empty();
  }

  /**
   * A regeneration job's new code for this user: a generated code with the old code's window (a
   * guest stays a guest; an expiry still to come stays), emailed when the job says so; or nothing,
   * and why ({@link #regenerationSkipped}).
   */
  public Regeneration regenerate(SealedSecret newCode, boolean notifyUser, String by, Instant now) {
    Optional<String> skipped = regenerationSkipped(now);
    if (skipped.isPresent()) {
      return Regeneration.skipped(skipped.get());
    }
    return Regeneration.regenerated(
        new CredentialEvent.AccessCodeChanged(
            userId,
            tenantId,
            newCode.hash(),
            newCode.ciphertext(),
            CodeReason.GENERATED,
            notifyUser,
            by,
            code.window(),
            CodeCause.REGENERATION_JOB));
  }

  /**
   * An export showed this user's card numbers in clear: recorded in their history. Nothing for a
   * user without cards, whose numbers it did not show.
   */
  public List<CredentialEvent> recordCardNumbersExport(String by) {
    if (revoked || cards.isEmpty()) {
      return List.of();
    }
    return List.of(new CredentialEvent.CardNumbersExported(userId, tenantId, by));
  }

  public List<CredentialEvent> reveal(String by) {
    requireActive();
    if (!hasCode()) {
      throw DomainException.notFound("access code");
    }
    return List.of(new CredentialEvent.AccessCodeRevealed(userId, tenantId, by));
  }

  public List<CredentialEvent> registerCard(
      String cardId,
      SealedSecret card,
      String maskedNumber,
      String label,
      CardSource source,
      int maxCards,
      String by) {
    Text.checked("label", label, MOST_IN_A_LABEL);
    requireActive();
    if (findCardByHash(card.hash()).isPresent()) {
      return List.of();
    }
    if (cards.size() >= maxCards) {
      throw DomainException.conflict(
          "card_limit_reached", "this user holds the maximum of " + maxCards + " cards");
    }
    return List.of(
        new CredentialEvent.CardRegistered(
            userId,
            tenantId,
            cardId,
            card.hash(),
            card.ciphertext(),
            maskedNumber,
            label,
            source,
            by));
  }

  /**
   * The directory's card (one per user): a new value replaces the previous directory card and
   * leaves cards from devices and admins alone; {@code null} removes it; the same value again
   * changes nothing.
   */
  public List<CredentialEvent> replaceDirectoryCard(
      String cardId, SealedSecret card, String maskedNumber, int maxCards) {
    requireActive();
    Optional<Card> previous =
        cards.stream().filter(existing -> existing.source() == CardSource.DIRECTORY).findFirst();
    if (card != null && previous.map(p -> p.hash().equals(card.hash())).orElse(false)) {
      return List.of();
    }
    List<CredentialEvent> events = new ArrayList<>();
    Credentials state = this;
    if (previous.isPresent()) {
      CredentialEvent removed =
          new CredentialEvent.CardRemoved(userId, tenantId, previous.get().id(), Actors.DIRECTORY);
      events.add(removed);
      state = state.evolve(removed);
    }
    if (card != null) {
      events.addAll(
          state.registerCard(
              cardId, card, maskedNumber, null, CardSource.DIRECTORY, maxCards, Actors.DIRECTORY));
    }
    return events;
  }

  public List<CredentialEvent> removeCard(String cardId, String by) {
    requireActive();
    if (cards.stream().noneMatch(card -> card.id().equals(cardId))) {
      throw DomainException.notFound("card");
    }
    return List.of(new CredentialEvent.CardRemoved(userId, tenantId, cardId, by));
  }

  /**
   * The user asks for their current code by email: recorded (notification-service sends it) unless
   * they have no code yet or asked too often ({@link TooManyCodeEmails}, saying how long to wait).
   */
  public List<CredentialEvent> requestCodeEmail(CodeEmailLimit limit, Instant now) {
    requireActive();
    if (!hasCode()) {
      throw DomainException.conflict("no_code", "you have no access code yet");
    }
    Optional<Duration> wait = limit.waitBefore(codeEmailsRequested, now);
    if (wait.isPresent()) {
      throw new TooManyCodeEmails(wait.get());
    }
    return List.of(new CredentialEvent.AccessCodeEmailRequested(userId, tenantId, now));
  }

  /** The user was deleted: everything they held becomes free. */
  public List<CredentialEvent> revoke(RevokeReason reason) {
    return revoked
        ? List.of()
        : List.of(new CredentialEvent.CredentialsRevoked(userId, tenantId, reason));
  }

  public Optional<Card> findCardByHash(String hash) {
    return cards.stream().filter(card -> card.hash().equals(hash)).findFirst();
  }

  /** Where the current code came from; {@code null} without one. */
  public CodeSource codeSource() {
    return code == null ? null : code.reason().source();
  }

  private void requireActive() {
    if (revoked) {
      throw DomainException.notFound("user");
    }
  }
}
