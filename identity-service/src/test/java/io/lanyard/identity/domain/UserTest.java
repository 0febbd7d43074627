package io.lanyard.identity.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lanyard.kernel.DomainException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Given past events, when a command, then these events (or this refusal). */
class UserTest {

  static final UserProfile ADA =
      new UserProfile("ada", "Ada Lovelace", "Ada@Acme.example", null, "en");
  static final UserEvent.Created CREATED =
      new UserEvent.Created(
          "u1",
          "acme",
          "ada",
          "Ada Lovelace",
          "ada@acme.example",
          null,
          "en",
          Origin.MANUAL,
          null,
          UserKind.PERSON,
          null);

  static final java.time.Instant NOW = java.time.Instant.parse("2026-12-03T10:00:00Z");

  static User given(UserEvent... events) {
    return User.fold(List.of(events));
  }

  @Test
  void creatingAUserRecordsItsProfileWithTheEmailLowerCased() {
    assertEquals(List.of(CREATED), User.create("u1", "acme", ADA, Origin.MANUAL, null));
  }

  @Test
  void aUserFromADirectoryNeedsItsExternalId() {
    DomainException refused =
        assertThrows(DomainException.class, () -> User.create("u1", "acme", ADA, Origin.SCIM, " "));
    assertEquals("invalid_external_id", refused.code());
  }

  @Test
  void badProfilesAreRefusedNamingTheField() {
    assertEquals(
        "invalid_username",
        assertThrows(DomainException.class, () -> new UserProfile("a b", "A", "a@b.co", null, null))
            .code());
    assertEquals(
        "invalid_email",
        assertThrows(DomainException.class, () -> new UserProfile("ab", "A", "nope", null, null))
            .code());
    assertEquals(
        "invalid_display_name",
        assertThrows(DomainException.class, () -> new UserProfile("ab", " ", "a@b.co", null, null))
            .code());
    assertEquals(
        "invalid_locale",
        assertThrows(
                DomainException.class, () -> new UserProfile("ab", "A", "a@b.co", null, "english!"))
            .code());
  }

  @Test
  void anUpdateRecordsTheWholeNewProfileAndAnUnchangedOneNothing() {
    UserProfile renamed = new UserProfile("ada", "Ada King", "ada@acme.example", "/Research", "en");
    assertEquals(
        List.of(
            new UserEvent.Updated(
                "u1", "acme", "ada", "Ada King", "ada@acme.example", "/Research", "en", null)),
        given(CREATED).update(renamed));
    assertEquals(List.of(), given(CREATED).update(ADA));
  }

  @Test
  void suspendingAndReactivatingAreIdempotent() {
    UserEvent.Suspended suspended = new UserEvent.Suspended("u1", "acme", SuspendReason.ADMIN);
    assertEquals(List.of(suspended), given(CREATED).suspend(SuspendReason.ADMIN));
    assertEquals(List.of(), given(CREATED, suspended).suspend(SuspendReason.DIRECTORY));
    assertEquals(
        List.of(new UserEvent.Reactivated("u1", "acme")),
        given(CREATED, suspended).reactivate(NOW));
    assertEquals(List.of(), given(CREATED).reactivate(NOW));
  }

  @Test
  void aDeletedOrUnknownUserIsNotFoundForEveryCommand() {
    User deleted = given(CREATED, new UserEvent.Deleted("u1", "acme", DeleteReason.ADMIN));
    for (User gone : List.of(deleted, User.NONE)) {
      assertEquals(
          "not_found",
          assertThrows(DomainException.class, () -> gone.suspend(SuspendReason.ADMIN)).code());
      assertEquals(
          "not_found",
          assertThrows(DomainException.class, () -> gone.delete(DeleteReason.ADMIN)).code());
      assertEquals("not_found", assertThrows(DomainException.class, () -> gone.update(ADA)).code());
    }
  }

  @Test
  void onlyADeletedUserIsErasedAndOnlyOnce() {
    UserEvent.Deleted deleted = new UserEvent.Deleted("u1", "acme", DeleteReason.ADMIN);
    UserEvent.Erased erased = new UserEvent.Erased("u1", "acme", "acme-admin");
    assertEquals(List.of(erased), given(CREATED, deleted).erase("acme-admin"));
    User gone = given(CREATED, deleted, erased);
    assertEquals(UserStatus.ERASED, gone.status());
    assertEquals(List.of(), gone.erase("someone-else"), "erasing again decides nothing");
    assertEquals(
        "not_found",
        assertThrows(DomainException.class, () -> gone.delete(DeleteReason.ADMIN)).code());
    assertEquals(
        "user_not_deleted",
        assertThrows(DomainException.class, () -> given(CREATED).erase("acme-admin")).code());
    assertEquals(
        "user_not_deleted",
        assertThrows(
                DomainException.class,
                () ->
                    given(CREATED, new UserEvent.Suspended("u1", "acme", SuspendReason.ADMIN))
                        .erase("acme-admin"))
            .code());
    assertEquals(
        "not_found",
        assertThrows(DomainException.class, () -> User.NONE.erase("acme-admin")).code());
  }
}
