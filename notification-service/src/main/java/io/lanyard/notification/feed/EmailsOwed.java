package io.lanyard.notification.feed;

import io.lanyard.contracts.EventEnvelope;
import io.lanyard.contracts.credential.AccessCodeChangedV1;
import io.lanyard.contracts.credential.AccessCodeEmailRequestedV1;
import io.lanyard.contracts.credential.AccessCodeRotationDueV1;
import io.lanyard.notification.domain.CodeCause;
import io.lanyard.notification.domain.CodeChange;
import io.lanyard.notification.domain.CodeReason;
import io.lanyard.notification.domain.MailDetails;
import io.lanyard.notification.domain.MailKind;
import io.lanyard.notification.domain.MailSettings;
import io.lanyard.notification.domain.Reminders;
import io.lanyard.notification.domain.Reminders.Candidate;
import io.lanyard.notification.domain.Reminders.Reminder;
import io.lanyard.notification.domain.RotationNotices;
import io.lanyard.notification.infra.CodePolicies;
import io.lanyard.notification.infra.MailQueue;
import io.lanyard.notification.infra.MailSettingsRecords;
import io.lanyard.notification.infra.Recipients;
import io.lanyard.notification.infra.Recipients.Recipient;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The emails the credential and device events call for. Which email goes to whom is the domain's
 * decision ({@link CodeChange}, {@link Reminders}, {@link RotationNotices}, the tenant's settings);
 * this gathers what those rules need from the projection and queues what they answer, in the
 * event's transaction.
 */
final class EmailsOwed {

  private final Recipients recipients;
  private final CodePolicies policies;
  private final MailQueue mails;
  private final MailSettingsRecords settings;

  EmailsOwed(
      Recipients recipients, CodePolicies policies, MailQueue mails, MailSettingsRecords settings) {
    this.recipients = recipients;
    this.policies = policies;
    this.mails = mails;
    this.settings = settings;
  }

  /** Records the user's new code and queues the email it calls for, if any. */
  Uni<Void> codeChanged(SqlConnection tx, EventEnvelope event, AccessCodeChangedV1 data) {
    CodeChange change =
        new CodeChange(
            event.streamVersion(), reason(data.reason()), cause(data.cause()), data.notifyUser());
    if (!change.isFirstCode()) {
      return recordAndQueue(tx, event, data, change);
    }
    // The topics arrive in either order: a first code before its user waits for them (marked with
    // its event, which keeps the invitation once per event on a replay).
    return recipients
        .find(tx, data.userId())
        .chain(
            known ->
                known.isPresent()
                    ? recordAndQueue(tx, event, data, change)
                    : recipients.code(
                        tx, data.userId(), event.tenantId(), data.codeCiphertext(), event.id()));
  }

  private Uni<Void> recordAndQueue(
      SqlConnection tx, EventEnvelope event, AccessCodeChangedV1 data, CodeChange change) {
    Optional<MailKind> email = change.email();
    return recipients
        .code(tx, data.userId(), event.tenantId(), data.codeCiphertext(), null)
        .chain(() -> details(tx, event.tenantId(), email))
        .chain(
            details ->
                queue(
                    tx,
                    event.id(),
                    event.tenantId(),
                    data.userId(),
                    email,
                    null,
                    data.codeCiphertext(),
                    details));
  }

  /**
   * A rotated code's email names the policy's age limit, as the policy stands when the code is
   * rotated (a later change of the policy does not rewrite what the email says).
   */
  private Uni<MailDetails> details(SqlConnection tx, String tenant, Optional<MailKind> email) {
    if (email.isEmpty() || email.get() != MailKind.CODE_ROTATED) {
      return Uni.createFrom().item(MailDetails.NONE);
    }
    return policies
        .maxCodeAgeDays(tx, tenant)
        .map(days -> MailDetails.rotatedAfter(days.orElse(null)));
  }

  /**
   * The policy will replace the user's code: the warning, with the date and without the code, to an
   * active user who has one.
   */
  Uni<Void> rotationDue(SqlConnection tx, EventEnvelope event, AccessCodeRotationDueV1 data) {
    return recipients
        .find(tx, data.userId())
        .chain(
            user ->
                recipients
                    .codeCiphertext(tx, data.userId())
                    .chain(
                        code -> {
                          Optional<Candidate> candidate =
                              user.filter(found -> found.tenantId().equals(event.tenantId()))
                                  .map(
                                      found ->
                                          new Candidate(
                                              found.userId(), found.isActive(), code.isPresent()));
                          return RotationNotices.isOwed(candidate)
                              ? queue(
                                  tx,
                                  event.id(),
                                  event.tenantId(),
                                  data.userId(),
                                  Optional.of(MailKind.ROTATION_NOTICE),
                                  null,
                                  null,
                                  MailDetails.rotatesAt(data.rotatesAt()))
                              : none();
                        }));
  }

  /** The invitation of a first code that arrived before its user, now that the user is known. */
  Uni<Void> invitationWaitingFor(SqlConnection tx, String tenant, UUID user) {
    return recipients
        .takeWaitingInvitation(tx, user)
        .chain(
            waiting ->
                waiting.isEmpty()
                    ? none()
                    : queue(
                        tx,
                        waiting.get().getUUID("event"),
                        tenant,
                        user,
                        Optional.of(MailKind.INVITATION),
                        null,
                        waiting.get().getString("code_ciphertext"),
                        MailDetails.NONE));
  }

  /** Someone at a device asked for the code of an address. */
  Uni<Void> reminderRequested(SqlConnection tx, EventEnvelope event, String email) {
    return recipients
        .activeByEmail(tx, event.tenantId(), email)
        .chain(
            owner -> remind(tx, event, owner, candidate -> Reminders.forAddress(email, candidate)));
  }

  /** A signed-in user asked for their own code. */
  Uni<Void> codeEmailRequested(
      SqlConnection tx, EventEnvelope event, AccessCodeEmailRequestedV1 data) {
    return recipients
        .find(tx, data.userId())
        .chain(user -> remind(tx, event, user, Reminders::forSignedInUser));
  }

  private Uni<Void> remind(
      SqlConnection tx,
      EventEnvelope event,
      Optional<Recipient> user,
      Function<Optional<Candidate>, Optional<Reminder>> rule) {
    Uni<Optional<String>> code =
        user.isEmpty()
            ? Uni.createFrom().item(Optional.empty())
            : recipients.codeCiphertext(tx, user.get().userId());
    return code.chain(
        ciphertext -> {
          Optional<Candidate> candidate =
              user.map(
                  found -> new Candidate(found.userId(), found.isActive(), ciphertext.isPresent()));
          return rule.apply(candidate)
              .map(
                  reminder ->
                      queue(
                          tx,
                          event.id(),
                          event.tenantId(),
                          reminder.userId(),
                          Optional.of(MailKind.REMINDER),
                          reminder.address(),
                          ciphertext.orElseThrow(),
                          MailDetails.NONE))
              .orElseGet(EmailsOwed::none);
        });
  }

  /** Queues the email, if there is one and the tenant's settings let it go by itself. */
  private Uni<Void> queue(
      SqlConnection tx,
      UUID sourceEvent,
      String tenant,
      UUID user,
      Optional<MailKind> email,
      String address,
      String ciphertext,
      MailDetails details) {
    if (email.isEmpty()) {
      return none();
    }
    MailKind kind = email.get();
    if (!MailSettings.canHoldBack(kind)) {
      // Nothing in the settings could stop it: no need to read them for every email.
      return mails.queue(tx, sourceEvent, kind, tenant, user, address, ciphertext, details);
    }
    return settings
        .current(tx, tenant)
        .chain(
            current ->
                current.sendsUnasked(kind)
                    ? mails.queue(tx, sourceEvent, kind, tenant, user, address, ciphertext, details)
                    : none());
  }

  /** Exhaustive: a reason added to the contract fails the build here until the emails know it. */
  static CodeReason reason(AccessCodeChangedV1.Reason reason) {
    return switch (reason) {
      case INITIAL -> CodeReason.INITIAL;
      case GENERATED -> CodeReason.GENERATED;
      case ADMIN -> CodeReason.ADMIN;
      case DIRECTORY -> CodeReason.DIRECTORY;
      case REGENERATED_AFTER_SOURCE_REMOVAL -> CodeReason.REGENERATED_AFTER_SOURCE_REMOVAL;
    };
  }

  /** Exhaustive like {@link #reason}; absent: a person's or a directory's command. */
  static CodeCause cause(AccessCodeChangedV1.Cause cause) {
    if (cause == null) {
      return null;
    }
    return switch (cause) {
      case ROTATION -> CodeCause.ROTATION;
      case REGENERATION_JOB -> CodeCause.REGENERATION_JOB;
      case IMPORT -> CodeCause.IMPORT;
    };
  }

  private static Uni<Void> none() {
    return Uni.createFrom().voidItem();
  }
}
