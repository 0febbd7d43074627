package io.lanyard.credential.feed;

import io.lanyard.contracts.EventEnvelope;
import io.lanyard.contracts.WireValues;
import io.lanyard.contracts.identity.TenantCreatedV1;
import io.lanyard.contracts.identity.TenantErasedV1;
import io.lanyard.contracts.identity.TenantSuspendedV1;
import io.lanyard.contracts.identity.UserCreatedV1;
import io.lanyard.contracts.identity.UserDeletedV1;
import io.lanyard.contracts.identity.UserReactivatedV1;
import io.lanyard.contracts.identity.UserSuspendedV1;
import io.lanyard.contracts.identity.UserUpdatedV1;
import io.lanyard.credential.application.CredentialCommands;
import io.lanyard.credential.domain.CodeWindow;
import io.lanyard.credential.infra.ErasedTenantRows;
import io.lanyard.credential.infra.KnownUser;
import io.lanyard.credential.infra.KnownUsers;
import io.lanyard.eventstore.consumer.EventHandler;
import io.lanyard.eventstore.consumer.EventRuns;
import io.lanyard.runtime.events.EventConsumers;
import io.lanyard.runtime.personal.TenantKeyCache;
import io.lanyard.runtime.personal.UserEvents;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What credential-service does with identity's events: keeps its list of tenants and users (with
 * what exports, jobs and guests need), gives a new manual user their first code (directory users
 * get theirs from directory-sync, ADR 3), moves a guest's code with the guest's window (ADR 6), and
 * revokes a deleted user's credentials, and forgets an erased user's personal data (ADR 7: email,
 * username, display name, sign-in link; {@code erased_users} keeps later events from writing them
 * again). Each in the transaction that marks the event applied. Who (tenant, user) is the
 * envelope's; only what else an event says is read from its data.
 *
 * <p>A creation or an update is read through {@link UserEvents}, v1 or v2 alike: a v2 event's
 * person is opened with the user's data key (ADR 7), fetched from identity-service; an erased
 * user's opens to nulls. While identity does not answer, the event waits (it is never
 * dead-lettered).
 */
@ApplicationScoped
public class IdentityFeed implements EventHandler {

  private static final String PERSON = "person";

  private final KnownUsers known;
  private final CredentialCommands commands;
  private final EventConsumers consumers;
  private final UserEvents userEvents;
  private final TenantKeyCache tenantKeys;
  private final ErasedTenantRows erasedTenants;
  private final String identityTopic;

  IdentityFeed(
      KnownUsers known,
      CredentialCommands commands,
      EventConsumers consumers,
      UserEvents userEvents,
      TenantKeyCache tenantKeys,
      ErasedTenantRows erasedTenants,
      @ConfigProperty(name = "lanyard.topics.identity") String identityTopic) {
    this.tenantKeys = tenantKeys;
    this.erasedTenants = erasedTenants;
    this.known = known;
    this.commands = commands;
    this.consumers = consumers;
    this.userEvents = userEvents;
    this.identityTopic = identityTopic;
  }

  void start(@Observes StartupEvent started) {
    consumers.start("identity", List.of(identityTopic), this);
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
   * {@code opened}: the creations of the poll already read (and opened), so that none is read or
   * its key asked for twice.
   */
  private Uni<Void> apply(
      EventEnvelope event, SqlConnection tx, Map<EventEnvelope, UserCreatedV1> opened) {
    String tenant = event.tenantId();
    String userId = event.subject();
    tenantKeys.observe(event);
    if (event.type().equals(TenantCreatedV1.TYPE)) {
      return known.tenantCreated(tx, tenant);
    }
    if (event.type().equals(TenantErasedV1.TYPE)) {
      return erasedTenants.delete(tx, tenant);
    }
    if (event.type().equals(TenantSuspendedV1.TYPE)) {
      return known.tenantSuspended(tx, tenant);
    }
    if (UserEvents.isCreated(event)) {
      UserCreatedV1 read = opened.get(event);
      return (read != null ? Uni.createFrom().item(read) : userEvents.created(event))
          .chain(created -> userCreated(tx, tenant, userId, event.streamVersion(), created));
    }
    if (UserEvents.isUpdated(event)) {
      return userEvents
          .updated(event)
          .chain(updated -> userUpdated(tx, tenant, userId, event.streamVersion(), updated));
    }
    if (event.type().equals(UserSuspendedV1.TYPE)) {
      return known.userSuspended(tx, userId);
    }
    if (event.type().equals(UserReactivatedV1.TYPE)) {
      return known.userReactivated(tx, userId);
    }
    if (event.type().equals(UserDeletedV1.TYPE)) {
      return known
          .userDeleted(tx, userId)
          .chain(() -> commands.revokeIn(tx, tenant, userId))
          .replaceWithVoid();
    }
    if (UserEvents.isErased(event)) {
      // ADR 7: the user's key leaves this service's cache (whatever becomes of this transaction:
      // identity destroyed it), the person's data known_users and person_links; ids and facts stay.
      userEvents.erased(event);
      return known.userErased(tx, tenant, userId);
    }
    // A newer event type this version does not know yet: nothing to do, not a failure.
    return Uni.createFrom().voidItem();
  }

  /**
   * A run of people whose first code comes from elsewhere (a directory's, an import's) is made
   * known in one statement; everything else goes event by event. The poll's creations are opened
   * first, with one key request per tenant for the v2 ones.
   */
  @Override
  public Uni<Void> applyAll(List<EventEnvelope> events, SqlConnection tx) {
    // Each creation read once: to tell whether it can join a run, and to write it.
    return userEvents
        .createdAmong(events)
        .chain(
            opened -> {
              Map<EventEnvelope, UserCreatedV1> onlyToRemember = new IdentityHashMap<>();
              opened.forEach(
                  (event, created) -> {
                    if (onlyToRemember(created)) {
                      onlyToRemember.put(event, created);
                    }
                  });
              return EventRuns.apply(
                  events,
                  onlyToRemember::containsKey,
                  run ->
                      known.peopleCreated(
                          tx,
                          run.stream()
                              .map(event -> newPerson(event, onlyToRemember.get(event)))
                              .toList()),
                  event -> apply(event, tx, opened));
            });
  }

  /**
   * A person's creation that asks nothing of this service but to remember them: {@link
   * #userCreated} for a person who is not manual or whose first code follows.
   */
  private static boolean onlyToRemember(UserCreatedV1 created) {
    return created.kind() != UserCreatedV1.Kind.GUEST
        && (created.origin() != UserCreatedV1.Origin.MANUAL
            || Boolean.TRUE.equals(created.firstCodeFollows()));
  }

  private static KnownUsers.NewPerson newPerson(EventEnvelope event, UserCreatedV1 created) {
    return new KnownUsers.NewPerson(
        event.subject(),
        event.tenantId(),
        new KnownUsers.Profile(
            created.username(),
            created.displayName(),
            created.email(),
            created.orgUnit(),
            null,
            null),
        WireValues.of(created.origin()));
  }

  /**
   * Remembers the user and gives a manual one their first code: a guest's works inside the guest's
   * window. Unless the creator hands the first code to {@code batch-initial} itself ({@code
   * firstCodeFollows}: the CSV import's lines with a code or a card), which a code generated here
   * would race.
   */
  private Uni<Void> userCreated(
      SqlConnection tx, String tenant, String userId, long version, UserCreatedV1 created) {
    boolean guest = created.kind() == UserCreatedV1.Kind.GUEST;
    Uni<Void> remembered =
        known.userCreated(
            tx,
            userId,
            tenant,
            new KnownUsers.Profile(
                created.username(),
                created.displayName(),
                created.email(),
                created.orgUnit(),
                guest ? created.validFrom() : null,
                guest ? created.validUntil() : null),
            WireValues.of(created.origin()),
            guest ? KnownUser.GUEST : PERSON);
    CodeWindow window =
        guest ? new CodeWindow(created.validFrom(), created.validUntil()) : CodeWindow.NONE;
    if (guest && Boolean.TRUE.equals(created.firstCodeFollows())) {
      // The import's batch-initial may have given the guest's code before this event told this
      // service the window: the code follows it now (nothing when it has it already).
      return remembered
          .chain(() -> commands.followGuestWindowIn(tx, tenant, userId, window, version))
          .replaceWithVoid();
    }
    if (created.origin() != UserCreatedV1.Origin.MANUAL
        || Boolean.TRUE.equals(created.firstCodeFollows())) {
      return remembered;
    }
    return remembered
        .chain(() -> commands.generateFirstCodeIn(tx, tenant, userId, window))
        .replaceWithVoid();
  }

  /**
   * Keeps the whole profile; when a guest's window moved, their code follows it. Whether it moved
   * is judged against the window known before this event.
   */
  private Uni<Void> userUpdated(
      SqlConnection tx, String tenant, String userId, long version, UserUpdatedV1 updated) {
    UUID id = UUID.fromString(userId);
    return known
        .find(tx, tenant, id)
        .chain(
            before ->
                known
                    .userUpdated(
                        tx,
                        userId,
                        new KnownUsers.Profile(
                            updated.username(),
                            updated.displayName(),
                            updated.email(),
                            updated.orgUnit(),
                            updated.validFrom(),
                            updated.validUntil()))
                    .chain(() -> known.find(tx, tenant, id))
                    .chain(after -> followIfMoved(tx, tenant, userId, version, before, after)));
  }

  private Uni<Void> followIfMoved(
      SqlConnection tx,
      String tenant,
      String userId,
      long version,
      Optional<KnownUser> before,
      Optional<KnownUser> after) {
    boolean moved =
        after.isPresent()
            && after.get().isGuest()
            && !before.map(KnownUser::guestWindow).equals(after.map(KnownUser::guestWindow));
    if (!moved) {
      return Uni.createFrom().voidItem();
    }
    return commands
        .followGuestWindowIn(tx, tenant, userId, after.get().guestWindow(), version)
        .replaceWithVoid();
  }

  /**
   * Its commands need no copies for a rebuild: a user with a code gets no first code again, a
   * revoked one is not revoked twice, an older guest window than the newest seen moves no code
   * ({@code guest_windows_seen}, which a rebuild leaves live on purpose), an erased user's sign-in
   * link is deleted again (nothing). {@code erased_users} is rebuilt from {@code UserErased}, so a
   * rebuild ends with the same rows.
   */
  @Override
  public List<String> projectionTables() {
    return List.of("known_tenants", "known_users", "erased_users");
  }
}
