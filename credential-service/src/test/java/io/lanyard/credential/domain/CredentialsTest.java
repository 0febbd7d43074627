package io.lanyard.credential.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lanyard.credential.domain.CredentialEvent.AccessCodeChanged;
import io.lanyard.credential.domain.CredentialEvent.CardRegistered;
import io.lanyard.kernel.DomainException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Given past events, when a command, then these events (or this refusal). */
class CredentialsTest {

  static final SealedSecret CODE = new SealedSecret("k1:code-a", "k1:sealed-a");
  static final SealedSecret OTHER_CODE = new SealedSecret("k1:code-b", "k1:sealed-b");
  static final SealedSecret CARD = new SealedSecret("k1:card-1", "k1:sealed-c1");

  static final AccessCodeChanged FIRST =
      new AccessCodeChanged(
          "u1", "acme", "k1:code-a", "k1:sealed-a", CodeReason.INITIAL, false, "system");

  static Credentials given(CredentialEvent... events) {
    return Credentials.fold("u1", "acme", List.of(events));
  }

  static CardRegistered card(String id, String hash) {
    return new CardRegistered(
        "u1", "acme", id, hash, "k1:sealed-" + id, "••••1234", null, CardSource.ADMIN, "admin-1");
  }

  @Test
  void aNewUserGetsOneFirstCodeAndASecondFirstCodeChangesNothing() {
    assertEquals(List.of(FIRST), given().initialCode(CODE, CodeReason.INITIAL, "system"));
    assertEquals(
        List.of(), given(FIRST).initialCode(OTHER_CODE, CodeReason.DIRECTORY, "directory"));
  }

  @Test
  void anAdminChangesTheCodeAndTheCurrentCodeAgainChangesNothing() {
    assertEquals(
        List.of(
            new AccessCodeChanged(
                "u1", "acme", "k1:code-b", "k1:sealed-b", CodeReason.ADMIN, true, "admin-1")),
        given(FIRST).changeCode(OTHER_CODE, CodeReason.ADMIN, true, "admin-1"));
    assertEquals(
        List.of(), given(FIRST).changeCode(CODE, CodeReason.DIRECTORY, false, "directory"));
    assertEquals(CodeSource.GENERATED, given(FIRST).codeSource());
  }

  @Test
  void revealingIsRecordedWithWhoRevealed() {
    assertEquals(
        List.of(new CredentialEvent.AccessCodeRevealed("u1", "acme", "admin-1")),
        given(FIRST).reveal("admin-1"));
    assertEquals(
        "not_found", assertThrows(DomainException.class, () -> given().reveal("a")).code());
  }

  @Test
  void cardsUpToThePolicyMaximumAndTheSameCardTwiceIsANoOp() {
    assertEquals(
        List.of(card("c1", "k1:card-1")),
        given(FIRST).registerCard("c1", CARD, "••••1234", null, CardSource.ADMIN, 2, "admin-1"));
    assertEquals(
        List.of(),
        given(FIRST, card("c1", "k1:card-1"))
            .registerCard("c9", CARD, "••••1234", null, CardSource.ADMIN, 2, "admin-1"));
    DomainException full =
        assertThrows(
            DomainException.class,
            () ->
                given(FIRST, card("c1", "k1:card-1"), card("c2", "k1:card-2"))
                    .registerCard(
                        "c3",
                        new SealedSecret("k1:card-3", "k1:sealed-c3"),
                        "••••1234",
                        null,
                        CardSource.ADMIN,
                        2,
                        "admin-1"));
    assertEquals("card_limit_reached", full.code());
  }

  @Test
  void aCardIsRemovedOnceAndAnUnknownCardIsNotFound() {
    Credentials withCard = given(FIRST, card("c1", "k1:card-1"));
    assertEquals(
        List.of(new CredentialEvent.CardRemoved("u1", "acme", "c1", "admin-1")),
        withCard.removeCard("c1", "admin-1"));
    assertEquals(
        "not_found",
        assertThrows(DomainException.class, () -> withCard.removeCard("c2", "a")).code());
  }

  @Test
  void aDeletedUsersCredentialsAreRevokedOnceAndNothingElseIsAccepted() {
    CredentialEvent.CredentialsRevoked revoked =
        new CredentialEvent.CredentialsRevoked("u1", "acme", RevokeReason.USER_DELETED);
    assertEquals(
        List.of(revoked), given(FIRST, card("c1", "k1:card-1")).revoke(RevokeReason.USER_DELETED));
    Credentials gone = given(FIRST, revoked);
    assertEquals(List.of(), gone.revoke(RevokeReason.USER_DELETED));
    assertEquals(List.of(), gone.initialCode(CODE, CodeReason.INITIAL, "system"));
    assertThrows(DomainException.class, () -> gone.changeCode(CODE, CodeReason.ADMIN, false, "a"));
    assertThrows(
        DomainException.class,
        () -> gone.registerCard("c1", CARD, "••••1234", null, CardSource.ADMIN, 5, "a"));
  }

  @Test
  void theDirectoryCardIsReplacedWithoutTouchingOtherCards() {
    CardRegistered adminCard = card("c1", "k1:card-1");
    CardRegistered directoryCard =
        new CardRegistered(
            "u1",
            "acme",
            "d1",
            "k1:dir-1",
            "k1:x",
            "••••0001",
            null,
            CardSource.DIRECTORY,
            "directory");
    SealedSecret next = new SealedSecret("k1:dir-2", "k1:y");
    assertEquals(
        List.of(
            new CredentialEvent.CardRemoved("u1", "acme", "d1", "directory"),
            new CardRegistered(
                "u1",
                "acme",
                "d2",
                "k1:dir-2",
                "k1:y",
                "••••0002",
                null,
                CardSource.DIRECTORY,
                "directory")),
        given(FIRST, adminCard, directoryCard).replaceDirectoryCard("d2", next, "••••0002", 5));
    assertEquals(
        List.of(),
        given(FIRST, adminCard, directoryCard)
            .replaceDirectoryCard("d3", new SealedSecret("k1:dir-1", "k1:z"), "••••0001", 5));
    assertEquals(
        List.of(new CredentialEvent.CardRemoved("u1", "acme", "d1", "directory")),
        given(FIRST, adminCard, directoryCard).replaceDirectoryCard(null, null, null, 5));
  }

  static final Instant NOON = Instant.parse("2026-11-27T12:00:00Z");

  static CredentialEvent.AccessCodeEmailRequested emailed(Instant at) {
    return new CredentialEvent.AccessCodeEmailRequested("u1", "acme", at);
  }

  static List<CredentialEvent> emailRequest(Instant now, CredentialEvent... past) {
    return given(past).requestCodeEmail(CodeEmailLimit.DEFAULT, now);
  }

  static Duration refusedFor(Instant now, CredentialEvent... past) {
    return assertThrows(TooManyCodeEmails.class, () -> emailRequest(now, past)).retryAfter();
  }

  @Test
  void aUserWithACodeMayHaveItEmailedOnceEveryTwoMinutes() {
    assertEquals(List.of(emailed(NOON)), emailRequest(NOON, FIRST));
    TooManyCodeEmails tooSoon =
        assertThrows(
            TooManyCodeEmails.class,
            () -> emailRequest(NOON.plusSeconds(30), FIRST, emailed(NOON)));
    assertEquals("too_many_reminders", tooSoon.code());
    assertEquals(Duration.ofSeconds(90), tooSoon.retryAfter());
    Instant twoMinutesOn = NOON.plus(Duration.ofMinutes(2));
    assertEquals(List.of(emailed(twoMinutesOn)), emailRequest(twoMinutesOn, FIRST, emailed(NOON)));
  }

  @Test
  void atMostFiveCodeEmailsADayAndTheSixthWaitsForTheOldestToBeADayOld() {
    CredentialEvent[] fiveThisMorning = {
      FIRST,
      emailed(NOON.minus(Duration.ofHours(5))),
      emailed(NOON.minus(Duration.ofHours(4))),
      emailed(NOON.minus(Duration.ofHours(3))),
      emailed(NOON.minus(Duration.ofHours(2))),
      emailed(NOON.minus(Duration.ofHours(1)))
    };
    assertEquals(Duration.ofHours(19), refusedFor(NOON, fiveThisMorning));
    Instant nextMorning = NOON.plus(Duration.ofHours(19));
    assertEquals(List.of(emailed(nextMorning)), emailRequest(nextMorning, fiveThisMorning));
    // Requests older than a day do not count.
    assertEquals(
        List.of(emailed(NOON)),
        emailRequest(
            NOON,
            FIRST,
            emailed(NOON.minus(Duration.ofDays(2))),
            emailed(NOON.minus(Duration.ofDays(2)).plusSeconds(200)),
            emailed(NOON.minus(Duration.ofDays(2)).plusSeconds(400)),
            emailed(NOON.minus(Duration.ofDays(2)).plusSeconds(600)),
            emailed(NOON.minus(Duration.ofDays(2)).plusSeconds(800))));
  }

  @Test
  void aUserWithoutACodeHasNothingToBeEmailed() {
    assertEquals("no_code", assertThrows(DomainException.class, () -> emailRequest(NOON)).code());
    CredentialEvent.CredentialsRevoked revoked =
        new CredentialEvent.CredentialsRevoked("u1", "acme", RevokeReason.USER_DELETED);
    assertEquals(
        "not_found",
        assertThrows(DomainException.class, () -> emailRequest(NOON, FIRST, revoked)).code());
  }

  @Test
  void aCodeEmailRequestChangesNeitherTheCodeNorTheCards() {
    Credentials before = given(FIRST, card("c1", "k1:card-1"));
    Credentials after = before.evolve(emailed(NOON));
    assertEquals(before.codeHash(), after.codeHash());
    assertEquals(before.cards(), after.cards());
    assertEquals(List.of(NOON), after.codeEmailsRequested());
  }
}
