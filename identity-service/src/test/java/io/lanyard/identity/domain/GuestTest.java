package io.lanyard.identity.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanyard.kernel.DomainException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Guests: the window's checks, and the two deadlines the scheduler acts on, each once. */
class GuestTest {

  static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
  static final Instant FROM = Instant.parse("2026-12-03T08:00:00Z");
  static final Instant UNTIL = Instant.parse("2026-12-10T18:00:00Z");
  static final GuestWindow WINDOW = new GuestWindow(FROM, UNTIL);
  static final UserProfile VERA =
      new UserProfile("vera", "Vera Visitor", "vera@x.example", null, null);
  static final UserEvent.Created CREATED =
      (UserEvent.Created)
          User.create("g1", "acme", VERA, Origin.MANUAL, null, UserKind.GUEST, WINDOW).get(0);

  static User given(UserEvent... events) {
    return User.fold(List.of(events));
  }

  static String refusal(Runnable command) {
    DomainException refused = assertThrows(DomainException.class, command::run);
    assertEquals(InvalidField.CODE, refused.code(), refused.getMessage());
    return refused.getMessage();
  }

  @Test
  void aGuestIsCreatedWithItsWindowAndAPersonWithout() {
    assertEquals(
        WINDOW,
        GuestWindow.forKind(
            UserKind.GUEST, "2026-12-03T08:00:00Z", "2026-12-10T20:00:00+02:00", NOW));
    assertEquals(null, GuestWindow.forKind(UserKind.PERSON, null, null, NOW));
    assertEquals(UserKind.GUEST, CREATED.kind());
    assertEquals(WINDOW, given(CREATED).window());
    assertEquals(UserKind.PERSON, UserKind.fromWire(null));
  }

  @Test
  void everyBadWindowIsAnInvalidFieldNamingTheField() {
    assertTrue(
        refusal(() -> GuestWindow.forKind(UserKind.GUEST, null, "2026-12-10T18:00:00Z", NOW))
            .contains("required"));
    assertTrue(
        refusal(() -> GuestWindow.forKind(UserKind.GUEST, "2026-12-03T08:00:00Z", null, NOW))
            .contains("required"));
    assertTrue(
        refusal(() -> GuestWindow.forKind(UserKind.PERSON, "2026-12-03T08:00:00Z", null, NOW))
            .contains("only a guest"));
    for (String bad :
        List.of("tomorrow", "2026-12-10", "2026-12-10T18:00:00", "2026-13-10T18:00:00Z", "")) {
      assertTrue(
          refusal(() -> GuestWindow.forKind(UserKind.GUEST, "2026-12-03T08:00:00Z", bad, NOW))
              .startsWith("validUntil: an RFC 3339 instant"));
    }
    assertTrue(
        refusal(
                () ->
                    GuestWindow.forKind(
                        UserKind.GUEST, "+12026-12-03T08:00:00Z", "2026-12-10T18:00:00Z", NOW))
            .startsWith("validFrom: an RFC 3339 instant"));
    assertEquals(
        "validUntil: must be after validFrom",
        refusal(
            () ->
                GuestWindow.forKind(
                    UserKind.GUEST, "2026-12-10T18:00:00Z", "2026-12-10T18:00:00Z", NOW)));
    assertEquals(
        "validUntil: must be in the future",
        refusal(
            () ->
                GuestWindow.forKind(
                    UserKind.GUEST, "2026-12-01T08:00:00Z", "2026-12-03T10:00:00Z", NOW)));
    assertTrue(
        refusal(
                () ->
                    GuestWindow.forKind(
                        UserKind.GUEST, "2026-12-03T08:00:00Z", "2027-12-04T08:00:01Z", NOW))
            .contains("366 days"));
    assertEquals(
        WINDOW.validFrom().plus(GuestWindow.LONGEST),
        GuestWindow.forKind(UserKind.GUEST, "2026-12-03T08:00:00Z", "2027-12-04T08:00:00Z", NOW)
            .validUntil(),
        "366 days exactly is allowed");
    assertTrue(refusal(() -> UserKind.fromWire("visitor")).startsWith("kind:"));
  }

  @Test
  void aDirectorysUserIsNeverAGuest() {
    assertTrue(
        refusal(() -> User.create("g2", "acme", VERA, Origin.SCIM, "x", UserKind.GUEST, WINDOW))
            .startsWith("kind:"));
  }

  @Test
  void aGuestsWindowChangesWithTheSameChecksAndAPersonHasNone() {
    UserEdit extended = new UserEdit(VERA, new WindowEdit(null, "2026-12-12T18:00:00Z"));
    List<UserEvent> changed = given(CREATED).update(extended, NOW);
    assertEquals(
        List.of(
            new UserEvent.Updated(
                "g1",
                "acme",
                "vera",
                "Vera Visitor",
                "vera@x.example",
                null,
                null,
                new GuestWindow(FROM, Instant.parse("2026-12-12T18:00:00Z")))),
        changed);
    assertEquals(
        new GuestWindow(FROM, Instant.parse("2026-12-12T18:00:00Z")),
        given(CREATED, changed.get(0)).window());
    // A profile change alone carries the window as it is.
    UserProfile renamed = new UserProfile("vera", "Vera V.", "vera@x.example", null, null);
    assertEquals(
        WINDOW,
        ((UserEvent.Updated) given(CREATED).update(UserEdit.profileOnly(renamed), NOW).get(0))
            .window());
    assertEquals(
        List.of(),
        given(CREATED)
            .update(new UserEdit(VERA, new WindowEdit("2026-12-03T08:00:00Z", null)), NOW));
    assertEquals(
        "validUntil: must be in the future",
        refusal(
            () ->
                given(CREATED)
                    .update(
                        new UserEdit(VERA, new WindowEdit(null, "2026-12-03T09:00:00Z")), NOW)));
    assertTrue(
        refusal(
                () ->
                    UserTest.given(UserTest.CREATED)
                        .update(
                            new UserEdit(
                                UserTest.ADA, new WindowEdit(null, "2026-12-12T18:00:00Z")),
                            NOW))
            .contains("only a guest"));
  }

  @Test
  void theWindowEndsAtValidUntilToTheSecondAndTheGuestIsSuspendedOnce() {
    User guest = given(CREATED);
    assertEquals(List.of(), guest.suspendIfWindowEnded(UNTIL.minusSeconds(1)));
    List<UserEvent> suspended = guest.suspendIfWindowEnded(UNTIL);
    assertEquals(
        List.of(new UserEvent.Suspended("g1", "acme", SuspendReason.GUEST_WINDOW_ENDED)),
        suspended);
    assertEquals(
        List.of(), given(CREATED, suspended.get(0)).suspendIfWindowEnded(UNTIL.plusSeconds(60)));
    // Suspended by an admin before the end: nothing more to do.
    assertEquals(
        List.of(),
        given(CREATED, new UserEvent.Suspended("g1", "acme", SuspendReason.ADMIN))
            .suspendIfWindowEnded(UNTIL));
    // A person, an unknown or a deleted user: nothing, never a refusal (the scheduler raced).
    assertEquals(List.of(), UserTest.given(UserTest.CREATED).suspendIfWindowEnded(UNTIL));
    assertEquals(List.of(), User.NONE.suspendIfWindowEnded(UNTIL));
  }

  @Test
  void anEndedGuestIsNotReactivatedUntilTheWindowIsExtended() {
    User ended =
        given(CREATED, new UserEvent.Suspended("g1", "acme", SuspendReason.GUEST_WINDOW_ENDED));
    DomainException refused = assertThrows(DomainException.class, () -> ended.reactivate(UNTIL));
    assertEquals("guest_window_ended", refused.code());
    assertEquals(DomainException.Kind.CONFLICT, refused.kind());
    List<UserEvent> extended =
        ended.update(new UserEdit(VERA, new WindowEdit(null, "2026-12-20T18:00:00Z")), UNTIL);
    User again =
        given(
            CREATED,
            new UserEvent.Suspended("g1", "acme", SuspendReason.GUEST_WINDOW_ENDED),
            extended.get(0));
    assertEquals(UserStatus.SUSPENDED, again.status(), "extending does not reactivate");
    assertEquals(List.of(new UserEvent.Reactivated("g1", "acme")), again.reactivate(UNTIL));
  }

  @Test
  void aGuestIsDeletedOnceTheTenantsRetentionAfterTheWindowHasPassed() {
    TenantSettings twoDays = new TenantSettings(2);
    User guest =
        given(CREATED, new UserEvent.Suspended("g1", "acme", SuspendReason.GUEST_WINDOW_ENDED));
    Instant due = UNTIL.plus(Duration.ofDays(2));
    assertEquals(List.of(), guest.deleteIfRetentionEnded(due.minusSeconds(1), twoDays));
    List<UserEvent> deleted = guest.deleteIfRetentionEnded(due, twoDays);
    assertEquals(
        List.of(new UserEvent.Deleted("g1", "acme", DeleteReason.GUEST_RETENTION)), deleted);
    assertEquals(
        List.of(),
        User.fold(List.of(CREATED, deleted.get(0))).deleteIfRetentionEnded(due, twoDays));
    // Still active (the scheduler was down through both deadlines): deleted all the same.
    assertEquals(deleted, given(CREATED).deleteIfRetentionEnded(due, twoDays));
    assertEquals(
        List.of(),
        given(CREATED)
            .deleteIfRetentionEnded(UNTIL.plus(Duration.ofDays(29)), TenantSettings.DEFAULT));
    assertEquals(List.of(), UserTest.given(UserTest.CREATED).deleteIfRetentionEnded(due, twoDays));
  }

  @Test
  void retentionIsOneToThreeThousandSixHundredFiftyDaysThirtyByDefault() {
    assertEquals(30, TenantSettings.DEFAULT.guestRetentionDays());
    assertEquals(1, TenantSettings.of(1).guestRetentionDays());
    assertEquals(3650, TenantSettings.of(3650).guestRetentionDays());
    for (Integer bad : java.util.Arrays.asList(0, -1, 3651, null)) {
      assertTrue(refusal(() -> TenantSettings.of(bad)).startsWith("guestRetentionDays:"));
    }
  }
}
