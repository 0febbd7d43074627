package io.lanyard.notification.feed;

import io.lanyard.contracts.EventEnvelope;
import io.lanyard.contracts.EventJson;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

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

  /**
   * Records the users' new codes and queues the emails they call for, with a statement per table:
   * the events are of distinct users ({@link io.lanyard.eventstore.consumer.EventRuns}).
   */
  Uni<Void> codesChanged(SqlConnection tx, List<EventEnvelope> events) {
    List<ChangedCode> changed = new ArrayList<>(events.size());
    Set<UUID> firstCodes = new HashSet<>();
    for (EventEnvelope event : events) {
      AccessCodeChangedV1 data = EventJson.read(event, AccessCodeChangedV1.class);
      CodeChange change =
          new CodeChange(
              event.streamVersion(), reason(data.reason()), cause(data.cause()), data.notifyUser());
      changed.add(new ChangedCode(event, data, change));
      if (change.isFirstCode()) {
        firstCodes.add(data.userId());
      }
    }
    // The topics arrive in either order: a first code before its user waits for them (marked with
    // its event, which keeps the invitation once per event on a replay).
    Uni<Set<UUID>> known =
        firstCodes.isEmpty() ? Uni.createFrom().item(Set.of()) : recipients.known(tx, firstCodes);
    return known.chain(
        users -> {
          List<Recipients.Code> codes = new ArrayList<>(changed.size());
          List<ChangedCode> owing = new ArrayList<>();
          for (ChangedCode code : changed) {
            boolean waits = code.change().isFirstCode() && !users.contains(code.data().userId());
            codes.add(
                new Recipients.Code(
                    code.data().userId(),
                    code.event().tenantId(),
                    code.data().codeCiphertext(),
                    waits ? code.event().id() : null));
            if (!waits && code.change().email().isPresent()) {
              owing.add(code);
            }
          }
          return recipients
              .codeAll(tx, codes)
              .chain(() -> rotatedDetails(tx, owing))
              .chain(
                  rotated ->
                      owe(
                          tx,
                          owing.stream()
                              .map(
                                  code -> {
                                    MailKind kind = code.change().email().orElseThrow();
                                    return new MailQueue.Queued(
                                        code.event().id(),
                                        kind,
                                        code.event().tenantId(),
                                        code.data().userId(),
                                        null,
                                        code.data().codeCiphertext(),
                                        kind == MailKind.CODE_ROTATED
                                            ? rotated.get(code.event().tenantId())
                                            : MailDetails.NONE);
                                  })
                              .toList()));
        });
  }

  private record ChangedCode(EventEnvelope event, AccessCodeChangedV1 data, CodeChange change) {}

  /**
   * A rotated code's email names the policy's age limit, as the policy stands when the code is
   * rotated (a later change of the policy does not rewrite what the email says): each tenant's, for
   * the tenants of the rotated codes among these.
   */
  private Uni<Map<String, MailDetails>> rotatedDetails(SqlConnection tx, List<ChangedCode> codes) {
    Map<String, MailDetails> details = new HashMap<>();
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (String tenant :
        codes.stream()
            .filter(code -> code.change().email().orElseThrow() == MailKind.CODE_ROTATED)
            .map(code -> code.event().tenantId())
            .distinct()
            .toList()) {
      chain =
          chain.chain(
              () ->
                  policies
                      .maxCodeAgeDays(tx, tenant)
                      .invoke(
                          days -> details.put(tenant, MailDetails.rotatedAfter(days.orElse(null))))
                      .replaceWithVoid());
    }
    return chain.replaceWith(details);
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

  /**
   * The invitations of first codes that arrived before their users, now that the users are known.
   *
   * @param tenants each new user's tenant
   */
  Uni<Void> invitationsWaitingFor(SqlConnection tx, Map<UUID, String> tenants) {
    return recipients
        .takeWaitingInvitations(tx, tenants.keySet())
        .chain(
            waiting ->
                owe(
                    tx,
                    waiting.stream()
                        .map(
                            invitation ->
                                new MailQueue.Queued(
                                    invitation.event(),
                                    MailKind.INVITATION,
                                    tenants.get(invitation.userId()),
                                    invitation.userId(),
                                    null,
                                    invitation.codeCiphertext(),
                                    MailDetails.NONE))
                        .toList()));
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
    return owe(
        tx,
        List.of(
            new MailQueue.Queued(
                sourceEvent, email.get(), tenant, user, address, ciphertext, details)));
  }

  /** Queues the emails the tenants' settings let go by themselves, in one statement. */
  private Uni<Void> owe(SqlConnection tx, List<MailQueue.Queued> emails) {
    Set<String> heldBackBy =
        emails.stream()
            .filter(email -> MailSettings.canHoldBack(email.kind()))
            .map(MailQueue.Queued::tenantId)
            .collect(Collectors.toSet());
    // Nothing in the settings could stop the others: no need to read them for every email.
    Uni<Map<String, MailSettings>> settingsOf =
        heldBackBy.isEmpty()
            ? Uni.createFrom().item(Map.of())
            : settings.currentAll(tx, heldBackBy);
    return settingsOf.chain(
        current ->
            mails.queueAll(
                tx,
                emails.stream()
                    .filter(
                        email ->
                            !MailSettings.canHoldBack(email.kind())
                                || current.get(email.tenantId()).sendsUnasked(email.kind()))
                    .toList()));
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
