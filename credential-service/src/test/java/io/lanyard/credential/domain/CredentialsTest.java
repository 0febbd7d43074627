package io.lanyard.credential.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lanyard.credential.domain.CredentialEvent.AccessCodeChanged;
import io.lanyard.credential.domain.CredentialEvent.CardRegistered;
import io.lanyard.kernel.DomainException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Given past events, when a command, then these events (or this refusal). */
class CredentialsTest {

  static final SealedSecret CODE = new SealedSecret("k1:code-a", "k1:sealed-a");
  static final SealedSecret OTHER_CODE = new SealedSecret("k1:code-b", "k1:sealed-b");
  static final SealedSecret CARD = new SealedSecret("k1:card-1", "k1:sealed-c1");

  static final AccessCodeChanged FIRST =
      new AccessCodeChanged("u1", "acme", "k1:code-a", "k1:sealed-a", "initial", false, "system");

  static Credentials given(CredentialEvent... events) {
    return Credentials.fold("u1", "acme", List.of(events));
  }

  static CardRegistered card(String id, String hash) {
    return new CardRegistered(
        "u1", "acme", id, hash, "k1:sealed-" + id, "••••1234", null, "admin", "admin-1");
  }

  @Test
  void aNewUserGetsOneFirstCodeAndASecondFirstCodeChangesNothing() {
    assertEquals(List.of(FIRST), given().initialCode(CODE, "initial", "system"));
    assertEquals(List.of(), given(FIRST).initialCode(OTHER_CODE, "directory", "directory"));
  }

  @Test
  void anAdminChangesTheCodeAndTheCurrentCodeAgainChangesNothing() {
    assertEquals(
        List.of(
            new AccessCodeChanged(
                "u1", "acme", "k1:code-b", "k1:sealed-b", "admin", true, "admin-1")),
        given(FIRST).changeCode(OTHER_CODE, "admin", true, "admin-1"));
    assertEquals(List.of(), given(FIRST).changeCode(CODE, "directory", false, "directory"));
    assertEquals("generated", given(FIRST).codeSource());
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
        given(FIRST).registerCard("c1", CARD, "••••1234", null, "admin", 2, "admin-1"));
    assertEquals(
        List.of(),
        given(FIRST, card("c1", "k1:card-1"))
            .registerCard("c9", CARD, "••••1234", null, "admin", 2, "admin-1"));
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
                        "admin",
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
        new CredentialEvent.CredentialsRevoked("u1", "acme", "user_deleted");
    assertEquals(List.of(revoked), given(FIRST, card("c1", "k1:card-1")).revoke("user_deleted"));
    Credentials gone = given(FIRST, revoked);
    assertEquals(List.of(), gone.revoke("user_deleted"));
    assertEquals(List.of(), gone.initialCode(CODE, "initial", "system"));
    assertThrows(DomainException.class, () -> gone.changeCode(CODE, "admin", false, "a"));
    assertThrows(
        DomainException.class,
        () -> gone.registerCard("c1", CARD, "••••1234", null, "admin", 5, "a"));
  }

  @Test
  void theDirectoryCardIsReplacedWithoutTouchingOtherCards() {
    CardRegistered adminCard = card("c1", "k1:card-1");
    CardRegistered directoryCard =
        new CardRegistered(
            "u1", "acme", "d1", "k1:dir-1", "k1:x", "••••0001", null, "directory", "directory");
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
                "directory",
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
}
