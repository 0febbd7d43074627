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
 * @param codeEmailsRequested when the user asked for their code by email: what {@link
 *     CodeEmailLimit} counts
 */
public record Credentials(
    String userId,
    String tenantId,
    String codeHash,
    CodeReason codeReason,
    List<Card> cards,
    boolean revoked,
    List<Instant> codeEmailsRequested) {

  public static Credentials none(String userId, String tenantId) {
    return new Credentials(userId, tenantId, null, null, List.of(), false, List.of());
  }

  /** A card's label is for people: one line, short enough to show on a page. */
  public static final int MOST_IN_A_LABEL = 100;

  public Credentials {
    cards = List.copyOf(cards);
    codeEmailsRequested = List.copyOf(codeEmailsRequested);
  }

  public boolean hasCode() {
    return codeHash != null;
  }

  public Credentials evolve(CredentialEvent event) {
    if (event instanceof CredentialEvent.AccessCodeChanged e) {
      return new Credentials(
          userId, tenantId, e.codeHash(), e.reason(), cards, false, codeEmailsRequested);
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
      return new Credentials(userId, tenantId, null, null, List.of(), true, codeEmailsRequested);
    }
    if (event instanceof CredentialEvent.AccessCodeEmailRequested e) {
      List<Instant> more = new ArrayList<>(codeEmailsRequested);
      more.add(e.requestedAt());
      return new Credentials(userId, tenantId, codeHash, codeReason, cards, revoked, more);
    }
    return this;
  }

  private Credentials withCards(List<Card> changed) {
    return new Credentials(
        userId, tenantId, codeHash, codeReason, changed, revoked, codeEmailsRequested);
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
    if (revoked || hasCode()) {
      return List.of();
    }
    return List.of(
        new CredentialEvent.AccessCodeChanged(
            userId, tenantId, code.hash(), code.ciphertext(), reason, false, by));
  }

  /** A new code; the code the user already has changes nothing. */
  public List<CredentialEvent> changeCode(
      SealedSecret code, CodeReason reason, boolean notifyUser, String by) {
    requireActive();
    if (code.hash().equals(codeHash)) {
      return List.of();
    }
    return List.of(
        new CredentialEvent.AccessCodeChanged(
            userId, tenantId, code.hash(), code.ciphertext(), reason, notifyUser, by));
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
    return codeReason == null ? null : codeReason.source();
  }

  private void requireActive() {
    if (revoked) {
      throw DomainException.notFound("user");
    }
  }
}
