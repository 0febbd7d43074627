package io.lanyard.notification.feed;

import io.lanyard.contracts.EventEnvelope;
import io.lanyard.contracts.EventJson;
import io.lanyard.contracts.EventType;
import io.lanyard.contracts.credential.AccessCodeChangedV1;
import io.lanyard.contracts.credential.AccessCodeEmailRequestedV1;
import io.lanyard.contracts.credential.AccessCodeRotationDueV1;
import io.lanyard.contracts.credential.CardRegisteredV1;
import io.lanyard.contracts.credential.CardRemovedV1;
import io.lanyard.contracts.credential.CredentialPolicyChangedV1;
import io.lanyard.contracts.credential.CredentialsRevokedV1;
import io.lanyard.contracts.device.AccessCodeReminderRequestedV1;
import io.lanyard.contracts.device.AccessCodeReminderRequestedV2;
import io.lanyard.contracts.identity.TenantCreatedV1;
import io.lanyard.contracts.identity.TenantErasedV1;
import io.lanyard.contracts.identity.TenantSuspendedV1;
import io.lanyard.contracts.identity.UserCreatedV1;
import io.lanyard.contracts.identity.UserDeletedV1;
import io.lanyard.contracts.identity.UserErasedV1;
import io.lanyard.contracts.identity.UserReactivatedV1;
import io.lanyard.contracts.identity.UserSuspendedV1;
import io.lanyard.contracts.identity.UserUpdatedV1;
import io.lanyard.credentialrules.SecretPurposes;
import io.lanyard.eventstore.consumer.EventConsumer;
import io.lanyard.eventstore.consumer.EventHandler;
import io.lanyard.eventstore.consumer.EventRuns;
import io.lanyard.eventstore.consumer.RebuildProgress;
import io.lanyard.notification.infra.CodePolicies;
import io.lanyard.notification.infra.ErasedTenantRows;
import io.lanyard.notification.infra.MailQueue;
import io.lanyard.notification.infra.MailSettingsRecords;
import io.lanyard.notification.infra.Recipients;
import io.lanyard.notification.infra.Recipients.Status;
import io.lanyard.runtime.events.EventConsumers;
import io.lanyard.runtime.personal.TenantKeyCache;
import io.lanyard.runtime.personal.UserEvents;
import io.lanyard.secrets.DataKey;
import io.lanyard.secrets.SecretException;
import io.lanyard.secrets.TenantSeal;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What notification-service makes of the identity, credential and device topics: its view of
 * tenants, users, codes and cards, and the emails they call for ({@link EmailsOwed}), queued in the
 * transaction that marks the event applied (so an event redelivered or replayed queues nothing
 * twice). An erased user's data leaves both ({@code UserErased}, ADR 7).
 *
 * <p>A user's creation or update is read through {@link UserEvents}, v1 or v2 alike: a v2 event's
 * person (username, display name, email) is opened with the user's data key, fetched from
 * identity-service with this service's client-credentials identity; an erased user's opens to
 * nulls. A poll's creations are opened together, one key request per tenant. While identity does
 * not answer, the event waits (it is never dead-lettered).
 */
@ApplicationScoped
public class NotificationFeed implements EventHandler {

  private final Recipients recipients;
  private final CodePolicies policies;
  private final EmailsOwed emails;
  private final MailQueue mails;
  private final EventConsumers consumers;
  private final UserEvents userEvents;
  private final TenantKeyCache tenantKeys;
  private final ErasedTenantRows erasedTenants;
  private final List<String> topics;
  private EventConsumer consumer;

  NotificationFeed(
      Recipients recipients,
      CodePolicies policies,
      MailQueue mails,
      MailSettingsRecords settings,
      EventConsumers consumers,
      UserEvents userEvents,
      TenantKeyCache tenantKeys,
      ErasedTenantRows erasedTenants,
      @ConfigProperty(name = "lanyard.topics.identity") String identity,
      @ConfigProperty(name = "lanyard.topics.credential") String credential,
      @ConfigProperty(name = "lanyard.topics.device") String device) {
    this.recipients = recipients;
    this.policies = policies;
    this.emails = new EmailsOwed(recipients, policies, mails, settings);
    this.mails = mails;
    this.consumers = consumers;
    this.userEvents = userEvents;
    this.tenantKeys = tenantKeys;
    this.erasedTenants = erasedTenants;
    this.topics = List.of(identity, credential, device);
  }

  void start(@Observes StartupEvent started) {
    consumer = consumers.start("feed", topics, this);
  }

  /** Replays the topics from the start into a fresh projection; queues no email twice. */
  public RebuildProgress rebuild() {
    return consumer.rebuild();
  }

  /** Records not read yet on the feed's partitions; -1 before the first read. */
  public long lag() {
    return consumer.lag();
  }

  @Override
  public Uni<Void> beforeTransaction(List<EventEnvelope> events) {
    return userEvents.prefetchKeys(events);
  }

  @Override
  public Uni<Void> apply(EventEnvelope event, SqlConnection tx) {
    return apply(event, tx, Map.of());
  }

  /**
   * A poll's events in order, its creations opened first: the v2 ones with one key request per
   * tenant, not one per new user (a rebuild replays every creation there ever was). Runs of
   * creations and of code changes are written with a statement per table ({@link EventRuns}).
   */
  @Override
  public Uni<Void> applyAll(List<EventEnvelope> events, SqlConnection tx) {
    return Uni.createFrom()
        .deferred(() -> userEvents.createdAmong(events))
        .chain(
            opened ->
                EventRuns.apply(
                    events,
                    event -> runOf(event, opened),
                    (run, together) -> {
                      together.forEach(tenantKeys::observe);
                      return run == Run.CREATIONS
                          ? usersCreated(tx, together, opened)
                          : emails.codesChanged(tx, together);
                    },
                    event -> apply(event, tx, opened)));
  }

  /** The events a poll writes together. */
  private enum Run {
    CREATIONS,
    CODE_CHANGES
  }

  private static Run runOf(EventEnvelope event, Map<EventEnvelope, UserCreatedV1> opened) {
    if (opened.containsKey(event)) {
      return Run.CREATIONS;
    }
    return event.type().equals(AccessCodeChangedV1.TYPE) ? Run.CODE_CHANGES : null;
  }

  /** {@code opened}: the creations of the poll, opened already. */
  private Uni<Void> apply(
      EventEnvelope event, SqlConnection tx, Map<EventEnvelope, UserCreatedV1> opened) {
    EventType type = event.type();
    tenantKeys.observe(event);
    if (type.equals(TenantCreatedV1.TYPE)) {
      return recipients.tenant(
          tx, EventJson.read(event, TenantCreatedV1.class).tenantId(), Status.ACTIVE);
    }
    if (type.equals(TenantErasedV1.TYPE)) {
      return erasedTenants.delete(tx, EventJson.read(event, TenantErasedV1.class).tenantId());
    }
    if (type.equals(TenantSuspendedV1.TYPE)) {
      return recipients.tenant(
          tx, EventJson.read(event, TenantSuspendedV1.class).tenantId(), Status.SUSPENDED);
    }
    if (UserEvents.isCreated(event)) {
      UserCreatedV1 read = opened.get(event);
      return (read != null ? Uni.createFrom().item(read) : userEvents.created(event))
          .chain(user -> usersCreated(tx, List.of(event), Map.of(event, user)));
    }
    if (UserEvents.isUpdated(event)) {
      return userEvents.updated(event).chain(user -> userUpdated(tx, event, user));
    }
    if (type.equals(UserSuspendedV1.TYPE)) {
      return recipients.status(
          tx, EventJson.read(event, UserSuspendedV1.class).userId(), Status.SUSPENDED);
    }
    if (type.equals(UserReactivatedV1.TYPE)) {
      return recipients.status(
          tx, EventJson.read(event, UserReactivatedV1.class).userId(), Status.ACTIVE);
    }
    if (type.equals(UserDeletedV1.TYPE)) {
      return recipients.status(
          tx, EventJson.read(event, UserDeletedV1.class).userId(), Status.DELETED);
    }
    if (UserEvents.isErased(event)) {
      // ADR 7: the person's data leaves the projection and the delivery log; ids and facts stay.
      // The user's key leaves this service's cache (whatever becomes of this transaction: identity
      // destroyed it).
      UserErasedV1 erased = EventJson.read(event, UserErasedV1.class);
      userEvents.erased(event);
      return recipients
          .erased(tx, erased.tenantId(), erased.userId())
          .chain(() -> mails.forget(tx, erased.userId()));
    }
    if (type.equals(AccessCodeChangedV1.TYPE)) {
      return emails.codesChanged(tx, List.of(event));
    }
    if (type.equals(CardRegisteredV1.TYPE)) {
      CardRegisteredV1 card = EventJson.read(event, CardRegisteredV1.class);
      return recipients.card(tx, card.cardId(), card.userId(), card.maskedNumber(), event.time());
    }
    if (type.equals(CardRemovedV1.TYPE)) {
      return recipients.cardRemoved(tx, EventJson.read(event, CardRemovedV1.class).cardId());
    }
    if (type.equals(CredentialsRevokedV1.TYPE)) {
      return recipients.forgetCredentials(
          tx, EventJson.read(event, CredentialsRevokedV1.class).userId());
    }
    if (type.equals(AccessCodeRotationDueV1.TYPE)) {
      return emails.rotationDue(tx, event, EventJson.read(event, AccessCodeRotationDueV1.class));
    }
    if (type.equals(CredentialPolicyChangedV1.TYPE)) {
      CredentialPolicyChangedV1 policy = EventJson.read(event, CredentialPolicyChangedV1.class);
      return policies.maxCodeAgeDays(tx, event.tenantId(), policy.maxCodeAgeDays());
    }
    if (type.equals(AccessCodeEmailRequestedV1.TYPE)) {
      return emails.codeEmailRequested(
          tx, event, EventJson.read(event, AccessCodeEmailRequestedV1.class));
    }
    if (type.equals(AccessCodeReminderRequestedV1.TYPE)) {
      return emails.reminderRequested(
          tx, event, EventJson.read(event, AccessCodeReminderRequestedV1.class).email());
    }
    if (type.equals(AccessCodeReminderRequestedV2.TYPE)) {
      return emails.reminderRequested(
          tx, event, typedAddress(EventJson.read(event, AccessCodeReminderRequestedV2.class)));
    }
    return Uni.createFrom().voidItem();
  }

  /**
   * The address typed at the device, opened with the tenant's key (ADR 7); a tenant made before
   * tenant keys sends it in clear. While the key is being fetched the event waits.
   */
  private String typedAddress(AccessCodeReminderRequestedV2 request) {
    if (!TenantSeal.isSealed(request.address())) {
      return request.address();
    }
    DataKey key =
        tenantKeys
            .keyOf(request.tenantId())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "a sealed address of tenant " + request.tenantId() + ", which has no key"));
    try {
      return TenantSeal.open(
          key, request.tenantId(), SecretPurposes.TYPED_ADDRESS, request.address());
    } catch (SecretException unreadable) {
      throw new IllegalArgumentException("the typed address does not open", unreadable);
    }
  }

  /**
   * Users' creations (v1, or v2 opened; each user once): their profiles, a guest's window, the
   * invitations waiting for them.
   */
  private Uni<Void> usersCreated(
      SqlConnection tx, List<EventEnvelope> events, Map<EventEnvelope, UserCreatedV1> opened) {
    List<Recipients.Profile> profiles = new ArrayList<>(events.size());
    List<UserCreatedV1> guests = new ArrayList<>();
    Map<UUID, String> tenants = new LinkedHashMap<>();
    for (EventEnvelope event : events) {
      UserCreatedV1 user = opened.get(event);
      profiles.add(
          new Recipients.Profile(
              user.userId(),
              event.tenantId(),
              user.username(),
              user.displayName(),
              user.email(),
              user.locale()));
      if (user.kind() == UserCreatedV1.Kind.GUEST) {
        guests.add(user);
      }
      tenants.put(user.userId(), event.tenantId());
    }
    Uni<Void> chain = recipients.profileAll(tx, profiles);
    for (UserCreatedV1 guest : guests) {
      chain =
          chain.chain(
              () ->
                  recipients.guestWindow(
                      tx, guest.userId(), guest.validFrom(), guest.validUntil()));
    }
    return chain.chain(() -> emails.invitationsWaitingFor(tx, tenants));
  }

  /** A user's update (v1, or v2 opened): the whole profile, and a guest's window if it has one. */
  private Uni<Void> userUpdated(SqlConnection tx, EventEnvelope event, UserUpdatedV1 user) {
    // Only a guest's update carries a window.
    boolean window = user.validFrom() != null || user.validUntil() != null;
    return recipients
        .profile(
            tx,
            new Recipients.Profile(
                user.userId(),
                event.tenantId(),
                user.username(),
                user.displayName(),
                user.email(),
                user.locale()))
        .chain(
            () ->
                window
                    ? recipients.guestWindow(tx, user.userId(), user.validFrom(), user.validUntil())
                    : Uni.createFrom().voidItem());
  }

  @Override
  public List<String> projectionTables() {
    List<String> tables = new ArrayList<>(Recipients.TABLES);
    tables.addAll(CodePolicies.TABLES);
    return tables;
  }

  /** The delivery log: a rebuild queues nothing into it. */
  @Override
  public List<String> keptTables() {
    return List.of("mails");
  }
}
