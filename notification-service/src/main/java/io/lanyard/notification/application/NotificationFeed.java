package io.lanyard.notification.application;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lanyard.contracts.CredentialEvents;
import io.lanyard.contracts.DeviceEvents;
import io.lanyard.contracts.EventEnvelope;
import io.lanyard.contracts.EventType;
import io.lanyard.contracts.IdentityEvents;
import io.lanyard.eventstore.consumer.EventConsumer;
import io.lanyard.eventstore.consumer.EventHandler;
import io.lanyard.notification.domain.MailKind;
import io.lanyard.notification.infra.MailQueue;
import io.lanyard.notification.infra.MailSettingsRecords;
import io.lanyard.notification.infra.Recipients;
import io.lanyard.runtime.events.EventConsumers;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What notification-service makes of the identity, credential and device topics: its view of users,
 * codes and cards, and the emails they call for, queued in the transaction that marks the event
 * applied (so an event redelivered or replayed queues nothing twice).
 *
 * <ul>
 *   <li>the invitation: a user's first code (ADR 3), once both the user and the code are known, in
 *       whichever order their events arrive; not when the tenant turned invitations off;
 *   <li>code changed: {@code AccessCodeChanged} with {@code notifyUser} ("Save and email");
 *   <li>code regenerated: the directory removed the user's code and a new one was generated;
 *   <li>reminder: {@code AccessCodeReminderRequested} for the address of an active user of the
 *       tenant, sent to that address only; any other address queues nothing;
 *   <li>reminder: {@code AccessCodeEmailRequested}, a signed-in user asking for their own code,
 *       sent to their own address if they are active and have a code.
 * </ul>
 */
@ApplicationScoped
public class NotificationFeed implements EventHandler {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> FIRST_CODE_REASONS = Set.of("initial", "directory");

  private final Recipients recipients;
  private final MailQueue mails;
  private final MailSettingsRecords settings;
  private final EventConsumers consumers;
  private final List<String> topics;
  private EventConsumer consumer;

  NotificationFeed(
      Recipients recipients,
      MailQueue mails,
      MailSettingsRecords settings,
      EventConsumers consumers,
      @ConfigProperty(name = "lanyard.topics.identity") String identity,
      @ConfigProperty(name = "lanyard.topics.credential") String credential,
      @ConfigProperty(name = "lanyard.topics.device") String device) {
    this.recipients = recipients;
    this.mails = mails;
    this.settings = settings;
    this.consumers = consumers;
    this.topics = List.of(identity, credential, device);
  }

  void start(@Observes StartupEvent started) {
    consumer = consumers.start("feed", topics, this);
  }

  /** Replays the topics from the start into a fresh projection; queues no email twice. */
  public io.lanyard.eventstore.consumer.RebuildProgress rebuild() {
    return consumer.rebuild();
  }

  /** Records not read yet on the feed's partitions; -1 before the first read. */
  public long lag() {
    return consumer.lag();
  }

  @Override
  public Uni<Void> apply(EventEnvelope event, SqlConnection tx) {
    EventType type = event.type();
    JsonNode data = read(event);
    String tenant = event.tenantId();
    if (type.equals(IdentityEvents.TENANT_CREATED)) {
      return recipients.tenant(tx, tenant, "active");
    }
    if (type.equals(IdentityEvents.TENANT_SUSPENDED)) {
      return recipients.tenant(tx, tenant, "suspended");
    }
    if (type.equals(IdentityEvents.USER_CREATED) || type.equals(IdentityEvents.USER_UPDATED)) {
      UUID user = uuid(data, "userId");
      Uni<Void> profile =
          recipients.profile(
              tx,
              user,
              tenant,
              data.path("username").asText(),
              data.path("displayName").asText(),
              data.path("email").asText(),
              data.path("locale").isTextual() ? data.get("locale").asText() : null);
      return type.equals(IdentityEvents.USER_CREATED)
          ? profile.chain(() -> invitationWaitingFor(tx, tenant, user))
          : profile;
    }
    if (type.equals(IdentityEvents.USER_SUSPENDED)) {
      return recipients.status(tx, uuid(data, "userId"), "suspended");
    }
    if (type.equals(IdentityEvents.USER_REACTIVATED)) {
      return recipients.status(tx, uuid(data, "userId"), "active");
    }
    if (type.equals(IdentityEvents.USER_DELETED)) {
      return recipients.status(tx, uuid(data, "userId"), "deleted");
    }
    if (type.equals(CredentialEvents.ACCESS_CODE_CHANGED)) {
      return codeChanged(tx, event, data);
    }
    if (type.equals(CredentialEvents.CARD_REGISTERED)) {
      return recipients.card(
          tx,
          uuid(data, "cardId"),
          uuid(data, "userId"),
          data.path("maskedNumber").asText(),
          event.time());
    }
    if (type.equals(CredentialEvents.CARD_REMOVED)) {
      return recipients.cardRemoved(tx, uuid(data, "cardId"));
    }
    if (type.equals(CredentialEvents.CREDENTIALS_REVOKED)) {
      return recipients.forgetCredentials(tx, uuid(data, "userId"));
    }
    if (type.equals(CredentialEvents.ACCESS_CODE_EMAIL_REQUESTED)) {
      return codeEmailRequested(tx, event, data);
    }
    if (type.equals(DeviceEvents.ACCESS_CODE_REMINDER_REQUESTED)) {
      return reminder(tx, event, data);
    }
    return Uni.createFrom().voidItem();
  }

  @Override
  public List<String> projectionTables() {
    return Recipients.TABLES;
  }

  /** The delivery log: a rebuild queues nothing into it. */
  @Override
  public List<String> keptTables() {
    return List.of("mails");
  }

  private Uni<Void> codeChanged(SqlConnection tx, EventEnvelope event, JsonNode data) {
    UUID user = uuid(data, "userId");
    String tenant = event.tenantId();
    String ciphertext = data.path("codeCiphertext").asText();
    String reason = data.path("reason").asText();
    if (event.streamVersion() == 1 && FIRST_CODE_REASONS.contains(reason)) {
      return recipients
          .find(tx, user)
          .chain(
              known ->
                  known.isPresent()
                      ? recipients
                          .code(tx, user, tenant, ciphertext, null)
                          .chain(() -> invite(tx, event.id(), tenant, user, ciphertext))
                      : recipients.code(tx, user, tenant, ciphertext, event.id()));
    }
    Uni<Void> recorded = recipients.code(tx, user, tenant, ciphertext, null);
    if ("regenerated_after_source_removal".equals(reason)) {
      return recorded.chain(
          () ->
              mails.queue(
                  tx, event.id(), MailKind.CODE_REGENERATED, tenant, user, null, ciphertext));
    }
    if (data.path("notifyUser").asBoolean(false)) {
      return recorded.chain(
          () -> mails.queue(tx, event.id(), MailKind.CODE_CHANGED, tenant, user, null, ciphertext));
    }
    return recorded;
  }

  private Uni<Void> invitationWaitingFor(SqlConnection tx, String tenant, UUID user) {
    return recipients
        .takeWaitingInvitation(tx, user)
        .chain(
            waiting ->
                waiting.isEmpty()
                    ? Uni.createFrom().voidItem()
                    : invite(
                        tx,
                        waiting.get().getUUID("event"),
                        tenant,
                        user,
                        waiting.get().getString("code_ciphertext")));
  }

  private Uni<Void> invite(
      SqlConnection tx, UUID sourceEvent, String tenant, UUID user, String ciphertext) {
    return settings
        .current(tx, tenant)
        .chain(
            current ->
                current.invitationsEnabled()
                    ? mails.queue(
                        tx, sourceEvent, MailKind.INVITATION, tenant, user, null, ciphertext)
                    : Uni.createFrom().voidItem());
  }

  /** Only an active user's own address gets their code; anything else leaves no trace. */
  private Uni<Void> reminder(SqlConnection tx, EventEnvelope event, JsonNode data) {
    String address = data.path("email").asText();
    return recipients
        .activeByEmail(tx, event.tenantId(), address)
        .chain(
            user ->
                user.isEmpty()
                    ? Uni.createFrom().voidItem()
                    : remind(tx, event, user.get().userId(), address));
  }

  /** A signed-in user asked for their code: to their own address, if they are still active. */
  private Uni<Void> codeEmailRequested(SqlConnection tx, EventEnvelope event, JsonNode data) {
    return recipients
        .find(tx, uuid(data, "userId"))
        .chain(
            user ->
                user.filter(found -> "active".equals(found.status())).isEmpty()
                    ? Uni.createFrom().voidItem()
                    // No address: the user's own, as it is when the email is sent.
                    : remind(tx, event, user.get().userId(), null));
  }

  /** The user's current code as a reminder; a user without a code is sent nothing. */
  private Uni<Void> remind(SqlConnection tx, EventEnvelope event, UUID user, String address) {
    return recipients
        .codeCiphertext(tx, user)
        .chain(
            code ->
                code.isEmpty()
                    ? Uni.createFrom().voidItem()
                    : mails.queue(
                        tx,
                        event.id(),
                        MailKind.REMINDER,
                        event.tenantId(),
                        user,
                        address,
                        code.get()));
  }

  private static JsonNode read(EventEnvelope event) {
    try {
      return JSON.readTree(event.data());
    } catch (IOException e) {
      throw new IllegalArgumentException(event + " has no JSON data", e);
    }
  }

  private static UUID uuid(JsonNode data, String field) {
    return UUID.fromString(data.path(field).asText());
  }
}
