package io.lanyard.notification.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanyard.notification.domain.Reminders.Candidate;
import io.lanyard.notification.domain.Reminders.Reminder;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which event sends which email to whom: the README's "What it sends", without a database. */
class WhichEmailTest {

  private static final UUID ADA = UUID.randomUUID();
  private static final MailSettings INVITATIONS_OFF =
      new MailSettings("Acme IT", Map.of(), false, null);

  @Test
  void theCodeIssuedWithAUserCallsForTheirInvitationAndNothingElse() {
    for (CodeReason issuedWithTheUser :
        new CodeReason[] {CodeReason.INITIAL, CodeReason.DIRECTORY}) {
      // given the first event of the user's credentials, even with "Save and email"
      CodeChange change = new CodeChange(1, issuedWithTheUser, true);
      // then it is their first code, and the invitation is the one email
      assertTrue(change.isFirstCode(), issuedWithTheUser.name());
      assertEquals(Optional.of(MailKind.INVITATION), change.email());
    }
  }

  @Test
  void aLaterCodeIsNoFirstCodeWhateverItsReason() {
    // given a user who already had a code
    CodeChange again = new CodeChange(2, CodeReason.INITIAL, false);
    // then it waits for nobody and, quietly changed, sends nothing
    assertFalse(again.isFirstCode());
    assertEquals(Optional.empty(), again.email());
    // nor is a code an admin set as the very first event an invitation
    assertFalse(new CodeChange(1, CodeReason.ADMIN, false).isFirstCode());
  }

  @Test
  void saveAndEmailSendsTheNewCodeAndAQuietChangeSendsNothing() {
    // when an admin changes the code and chooses "Save and email"
    assertEquals(
        Optional.of(MailKind.CODE_CHANGED), new CodeChange(3, CodeReason.ADMIN, true).email());
    assertEquals(
        Optional.of(MailKind.CODE_CHANGED), new CodeChange(3, CodeReason.GENERATED, true).email());
    // when they just save it
    assertEquals(Optional.empty(), new CodeChange(3, CodeReason.ADMIN, false).email());
    assertEquals(Optional.empty(), new CodeChange(3, CodeReason.DIRECTORY, false).email());
  }

  @Test
  void aCodeRegeneratedAfterTheDirectoryRemovedItsSourceIsAlwaysSent() {
    // given the directory removed the attribute the code came from, nobody asking for an email
    CodeChange regenerated = new CodeChange(4, CodeReason.REGENERATED_AFTER_SOURCE_REMOVAL, false);
    // then the user learns their new code
    assertEquals(Optional.of(MailKind.CODE_REGENERATED), regenerated.email());
  }

  @Test
  void withInvitationsOffOnlyTheInvitationIsHeldBack() {
    // given a tenant that turned invitations off
    // then an event queues no invitation, but every other email
    assertFalse(INVITATIONS_OFF.sendsUnasked(MailKind.INVITATION));
    assertTrue(INVITATIONS_OFF.sendsUnasked(MailKind.CODE_CHANGED));
    assertTrue(INVITATIONS_OFF.sendsUnasked(MailKind.CODE_REGENERATED));
    assertTrue(INVITATIONS_OFF.sendsUnasked(MailKind.REMINDER));
    // and by default invitations go
    assertTrue(MailSettings.DEFAULT.sendsUnasked(MailKind.INVITATION));
  }

  @Test
  void aReminderAskedAtADeviceGoesOnlyToTheAddressOfAnActiveUserWithACode() {
    String address = "ada@acme.example";
    // given the address is an active user's who has a code
    // then they are reminded at that address
    assertEquals(
        Optional.of(new Reminder(ADA, address)),
        Reminders.forAddress(address, Optional.of(new Candidate(ADA, true, true))));
    // given it is nobody's, or the user has no code yet, or is no longer active
    // then nothing at all
    assertEquals(Optional.empty(), Reminders.forAddress(address, Optional.empty()));
    assertEquals(
        Optional.empty(),
        Reminders.forAddress(address, Optional.of(new Candidate(ADA, true, false))));
    assertEquals(
        Optional.empty(),
        Reminders.forAddress(address, Optional.of(new Candidate(ADA, false, true))));
  }

  @Test
  void aSignedInUserIsRemindedAtTheirOwnAddressWhileActive() {
    // given an active user with a code asks for it
    Optional<Reminder> reminder =
        Reminders.forSignedInUser(Optional.of(new Candidate(ADA, true, true)));
    // then it goes to their own address as it is when sent (no address of the request's)
    assertEquals(Optional.of(new Reminder(ADA, null)), reminder);
    // given they were suspended, or have no code, or are unknown: nothing
    assertEquals(
        Optional.empty(), Reminders.forSignedInUser(Optional.of(new Candidate(ADA, false, true))));
    assertEquals(
        Optional.empty(), Reminders.forSignedInUser(Optional.of(new Candidate(ADA, true, false))));
    assertEquals(Optional.empty(), Reminders.forSignedInUser(Optional.empty()));
  }

  @Test
  void aRotatedCodeHasItsOwnEmailAndAJobsCodeIsTheUsualNewCode() {
    // given the policy rotated a code and the user is to be told
    assertEquals(
        Optional.of(MailKind.CODE_ROTATED),
        new CodeChange(5, CodeReason.GENERATED, CodeCause.ROTATION, true).email());
    // given a bulk job regenerated it, with notify
    assertEquals(
        Optional.of(MailKind.CODE_CHANGED),
        new CodeChange(5, CodeReason.GENERATED, CodeCause.REGENERATION_JOB, true).email());
    // given either without notify: nothing
    assertEquals(
        Optional.empty(),
        new CodeChange(5, CodeReason.GENERATED, CodeCause.ROTATION, false).email());
    assertEquals(
        Optional.empty(),
        new CodeChange(5, CodeReason.GENERATED, CodeCause.REGENERATION_JOB, false).email());
    // and a change without a cause is what it always was
    assertEquals(
        new CodeChange(5, CodeReason.ADMIN, true).email(),
        new CodeChange(5, CodeReason.ADMIN, null, true).email());
  }

  @Test
  void anImportedUsersFirstCodeCallsForTheirInvitation() {
    // given the code came with an imported line, whatever reason credential-service gave it
    CodeChange imported = new CodeChange(1, CodeReason.ADMIN, CodeCause.IMPORT, false);
    // then it is the user's first code
    assertTrue(imported.isFirstCode());
    assertEquals(Optional.of(MailKind.INVITATION), imported.email());
    // but a later imported code is no invitation
    assertFalse(new CodeChange(2, CodeReason.ADMIN, CodeCause.IMPORT, false).isFirstCode());
  }

  @Test
  void theRotationNoticeGoesToAnActiveUserWithACodeAndShowsNoCode() {
    assertTrue(RotationNotices.isOwed(Optional.of(new Candidate(ADA, true, true))));
    // suspended, without a code, unknown: nothing
    assertFalse(RotationNotices.isOwed(Optional.of(new Candidate(ADA, false, true))));
    assertFalse(RotationNotices.isOwed(Optional.of(new Candidate(ADA, true, false))));
    assertFalse(RotationNotices.isOwed(Optional.empty()));
    // the only email without the code, and the settings never hold it back
    for (MailKind kind : MailKind.values()) {
      assertEquals(kind != MailKind.ROTATION_NOTICE, kind.carriesCode(), kind.wire());
    }
    assertTrue(INVITATIONS_OFF.sendsUnasked(MailKind.ROTATION_NOTICE));
    assertTrue(INVITATIONS_OFF.sendsUnasked(MailKind.CODE_ROTATED));
  }
}
