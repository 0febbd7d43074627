package io.lanyard.credential.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lanyard.credential.domain.PersonBinding.Decision;
import io.lanyard.credential.domain.PersonBinding.KnownUser;
import io.lanyard.kernel.DomainException;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PersonBindingTest {

  static final KnownUser MINE = new KnownUser(UUID.randomUUID(), "active");
  static final KnownUser COLLEAGUE = new KnownUser(UUID.randomUUID(), "active");

  @Test
  void aLinkedSubjectIsTheirUserWhateverEmailTheTokenCarries() {
    assertEquals(
        new Decision(MINE.id(), false),
        PersonBinding.decide(Optional.of(MINE), false, Optional.of(COLLEAGUE)));
  }

  @Test
  void aVerifiedEmailLinksAnUnlinkedSubject() {
    assertEquals(
        new Decision(COLLEAGUE.id(), true),
        PersonBinding.decide(Optional.empty(), true, Optional.of(COLLEAGUE)));
  }

  @Test
  void anUnverifiedEmailNeverLinks() {
    DomainException refused =
        assertThrows(
            DomainException.class,
            () -> PersonBinding.decide(Optional.empty(), false, Optional.of(COLLEAGUE)));
    assertEquals("email_not_verified", refused.code());
    assertEquals(DomainException.Kind.FORBIDDEN, refused.kind());
  }

  @Test
  void aSuspendedUserIsRefusedLinkedOrNot() {
    KnownUser suspended = new KnownUser(UUID.randomUUID(), "suspended");
    assertEquals(
        "user_inactive",
        assertThrows(
                DomainException.class,
                () -> PersonBinding.decide(Optional.of(suspended), true, Optional.empty()))
            .code());
    assertEquals(
        "user_inactive",
        assertThrows(
                DomainException.class,
                () -> PersonBinding.decide(Optional.empty(), true, Optional.of(suspended)))
            .code());
  }

  @Test
  void aLinkToADeletedUserIsSpentAndTheEmailDecidesAgain() {
    KnownUser deleted = new KnownUser(UUID.randomUUID(), "deleted");
    assertEquals(
        new Decision(COLLEAGUE.id(), true),
        PersonBinding.decide(Optional.of(deleted), true, Optional.of(COLLEAGUE)));
    // Nobody else has the email: the person's user is gone, and they are told so.
    for (DomainException refused :
        java.util.List.of(
            assertThrows(
                DomainException.class,
                () -> PersonBinding.decide(Optional.empty(), true, Optional.of(deleted))),
            assertThrows(
                DomainException.class,
                () -> PersonBinding.decide(Optional.of(deleted), true, Optional.of(deleted))),
            assertThrows(
                DomainException.class,
                () -> PersonBinding.decide(Optional.of(deleted), false, Optional.empty())))) {
      assertEquals("user_inactive", refused.code());
      assertEquals(DomainException.Kind.FORBIDDEN, refused.kind());
    }
  }

  @Test
  void aPersonLanyardHasNeverHeardOfIsNotFound() {
    assertEquals(
        DomainException.Kind.NOT_FOUND,
        assertThrows(
                DomainException.class,
                () -> PersonBinding.decide(Optional.empty(), true, Optional.empty()))
            .kind());
  }
}
