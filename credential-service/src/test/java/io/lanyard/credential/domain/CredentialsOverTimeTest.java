package io.lanyard.credential.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lanyard.credential.domain.CredentialEvent.AccessCodeChanged;
import io.lanyard.credential.domain.CredentialEvent.AccessCodeExpired;
import io.lanyard.credential.domain.CredentialEvent.AccessCodeExpiryChanged;
import io.lanyard.credential.domain.CredentialEvent.AccessCodeRotationDue;
import io.lanyard.kernel.DomainException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Windows, expiries and rotations of one user's code: given past events, when, then. */
class CredentialsOverTimeTest {

  static final Instant FROM = Instant.parse("2026-12-01T08:00:00Z");
  static final Instant UNTIL = Instant.parse("2026-12-05T18:00:00Z");
  static final CodeWindow GUEST = new CodeWindow(FROM, UNTIL);
  static final Instant BEFORE_UNTIL = UNTIL.minusSeconds(3_600);
  static final SealedSecret CODE = new SealedSecret("k1:code-a", "k1:sealed-a");
  static final SealedSecret NEW_CODE = new SealedSecret("k1:code-b", "k1:sealed-b");

  static final AccessCodeChanged GUEST_CODE =
      new AccessCodeChanged(
          "u1",
          "acme",
          "k1:code-a",
          "k1:sealed-a",
          CodeReason.INITIAL,
          false,
          Actors.SYSTEM,
          GUEST,
          null);

  static Credentials given(CredentialEvent... events) {
    return Credentials.fold("u1", "acme", List.of(events));
  }

  @Test
  void aGuestsFirstCodeCarriesTheirWindow() {
    assertEquals(
        List.of(GUEST_CODE), given().initialCode(CODE, CodeReason.INITIAL, GUEST, Actors.SYSTEM));
    assertEquals(GUEST, given(GUEST_CODE).codeWindow());
  }

  @Test
  void anExpiryIsRecordedOnceAndOnlyAfterTheDeadline() {
    assertEquals(List.of(), given(GUEST_CODE).expire(UNTIL.minusSeconds(1)));
    AccessCodeExpired expired = new AccessCodeExpired("u1", "acme", "k1:code-a", UNTIL);
    // Seen late (after downtime), the deadline is still the one recorded.
    assertEquals(List.of(expired), given(GUEST_CODE).expire(UNTIL.plusSeconds(86_400)));
    assertEquals(List.of(), given(GUEST_CODE, expired).expire(UNTIL.plusSeconds(90_000)));
    assertEquals(List.of(), given().expire(UNTIL));
    assertEquals(
        List.of(),
        given(CredentialsTest.FIRST).expire(Instant.parse("9999-01-01T00:00:00Z")),
        "a code without an expiry never expires");
  }

  @Test
  void aNewDeadlineIsANewFactToRecord() {
    AccessCodeExpired expired = new AccessCodeExpired("u1", "acme", "k1:code-a", UNTIL);
    Instant later = UNTIL.plusSeconds(3600);
    AccessCodeExpiryChanged extended =
        new AccessCodeExpiryChanged("u1", "acme", GUEST.endingAt(later), Actors.SYSTEM);
    assertEquals(List.of(), given(GUEST_CODE, expired, extended).expire(later.minusSeconds(1)));
    assertEquals(
        List.of(new AccessCodeExpired("u1", "acme", "k1:code-a", later)),
        given(GUEST_CODE, expired, extended).expire(later));
  }

  @Test
  void aGuestsCodeFollowsTheirWindowOnceAndNotWithoutACode() {
    CodeWindow moved = new CodeWindow(FROM, UNTIL.plusSeconds(86_400));
    AccessCodeExpiryChanged followed =
        new AccessCodeExpiryChanged("u1", "acme", moved, Actors.SYSTEM);
    assertEquals(List.of(followed), given(GUEST_CODE).followGuestWindow(moved));
    assertEquals(List.of(), given(GUEST_CODE, followed).followGuestWindow(moved));
    assertEquals(List.of(), given().followGuestWindow(moved));
  }

  @Test
  void anAdminChangesOrClearsTheExpiryOfTheCurrentCodeOnly() {
    Instant expiry = Instant.parse("2027-01-01T00:00:00Z");
    Credentials person = given(CredentialsTest.FIRST);
    assertEquals(
        List.of(new AccessCodeExpiryChanged("u1", "acme", new CodeWindow(null, expiry), "admin-1")),
        person.changeExpiry(new CodeWindow(null, expiry), "admin-1"));
    assertEquals(List.of(), person.changeExpiry(CodeWindow.NONE, "admin-1"));
    assertEquals(
        "no_code",
        assertThrows(DomainException.class, () -> given().changeExpiry(CodeWindow.NONE, "admin-1"))
            .code());
    // The same code again with another expiry changes the expiry, not the code.
    assertEquals(
        List.of(new AccessCodeExpiryChanged("u1", "acme", new CodeWindow(null, expiry), "admin-1")),
        person.setCode(CODE, CodeReason.ADMIN, true, "admin-1", new CodeWindow(null, expiry)));
  }

  @Test
  void anExpiryMustBeAheadOfNowAndOfTheCodesStart() {
    Instant now = Instant.parse("2026-12-03T10:00:00Z");
    assertEquals(
        "invalid_field",
        assertThrows(
                DomainException.class,
                () -> CodeWindow.checkedExpiry(now.minusSeconds(1), null, now))
            .code());
    assertEquals(
        "invalid_field",
        assertThrows(DomainException.class, () -> CodeWindow.checkedExpiry(now, null, now)).code());
    assertEquals(
        "invalid_field",
        assertThrows(
                DomainException.class,
                () -> CodeWindow.checkedExpiry(FROM.plusSeconds(10), UNTIL, now))
            .code());
    assertEquals(
        "invalid_field",
        assertThrows(
                DomainException.class,
                () -> CodeWindow.checkedExpiry(CodeWindow.LATEST.plusSeconds(1), null, now))
            .code());
    assertEquals(UNTIL, CodeWindow.checkedExpiry(UNTIL, FROM, now));
  }

  @Test
  void aRotationWarnsOnceAndReplacesTheSelectedCodeOnceKeepingItsWindow() {
    Instant rotatesAt = Instant.parse("2027-01-01T00:00:00Z");
    AccessCodeRotationDue due = new AccessCodeRotationDue("u1", "acme", rotatesAt);
    assertEquals(List.of(due), given(GUEST_CODE).noticeRotation("k1:code-a", rotatesAt));
    assertEquals(List.of(), given(GUEST_CODE, due).noticeRotation("k1:code-a", rotatesAt));
    assertEquals(List.of(), given(GUEST_CODE).noticeRotation("k1:code-other", rotatesAt));

    AccessCodeChanged rotated =
        new AccessCodeChanged(
            "u1",
            "acme",
            "k1:code-b",
            "k1:sealed-b",
            CodeReason.GENERATED,
            true,
            Actors.SYSTEM,
            GUEST,
            CodeCause.ROTATION);
    assertEquals(
        List.of(rotated), given(GUEST_CODE, due).rotate("k1:code-a", NEW_CODE, BEFORE_UNTIL));
    // A second pass (or replica) selected the old code too: it was replaced already.
    assertEquals(
        List.of(), given(GUEST_CODE, due, rotated).rotate("k1:code-a", CODE, BEFORE_UNTIL));
    // The new code's notice is its own.
    assertEquals(
        List.of(due), given(GUEST_CODE, due, rotated).noticeRotation("k1:code-b", rotatesAt));
  }

  @Test
  void theDirectorysCodesAndRevokedUsersAreNeverRotated() {
    AccessCodeChanged directory =
        new AccessCodeChanged(
            "u1", "acme", "k1:code-a", "k1:sealed-a", CodeReason.DIRECTORY, false, "directory");
    assertEquals(List.of(), given(directory).rotate("k1:code-a", NEW_CODE, BEFORE_UNTIL));
    CredentialEvent revoked =
        new CredentialEvent.CredentialsRevoked("u1", "acme", RevokeReason.USER_DELETED);
    assertEquals(List.of(), given(GUEST_CODE, revoked).rotate("k1:code-a", NEW_CODE, BEFORE_UNTIL));
    assertEquals(List.of(), given(GUEST_CODE, revoked).expire(UNTIL));
  }

  @Test
  void aCodeWhoseExpiryHasPassedIsNeitherRotatedNorRegenerated() {
    assertEquals(
        List.of(),
        given(GUEST_CODE).rotate("k1:code-a", NEW_CODE, UNTIL),
        "expired from its expiresAt on");
    assertEquals(List.of(), given(GUEST_CODE).rotate("k1:code-a", NEW_CODE, UNTIL.plusSeconds(1)));
    assertEquals(
        java.util.Optional.of(Regeneration.CODE_EXPIRED),
        given(GUEST_CODE).regenerationSkipped(UNTIL));
    Regeneration skipped = given(GUEST_CODE).regenerate(NEW_CODE, true, "admin-1", UNTIL);
    assertEquals(JobOutcome.SKIPPED, skipped.outcome());
    assertEquals(Regeneration.CODE_EXPIRED, skipped.reason());
    assertEquals(List.of(), skipped.events());

    // An expiry still to come is kept by the new code.
    Regeneration regenerated =
        given(GUEST_CODE).regenerate(NEW_CODE, true, "admin-1", BEFORE_UNTIL);
    assertEquals(JobOutcome.REGENERATED, regenerated.outcome());
    assertEquals(
        GUEST, ((AccessCodeChanged) regenerated.events().get(0)).window(), "the same window");
  }
}
