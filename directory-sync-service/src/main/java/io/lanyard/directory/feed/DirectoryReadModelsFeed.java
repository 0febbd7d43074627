package io.lanyard.directory.feed;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.lanyard.contracts.DirectoryEvents;
import io.lanyard.contracts.EventEnvelope;
import io.lanyard.contracts.EventJson;
import io.lanyard.contracts.EventType;
import io.lanyard.contracts.identity.TenantCreatedV1;
import io.lanyard.contracts.identity.TenantErasedV1;
import io.lanyard.contracts.identity.TenantSuspendedV1;
import io.lanyard.contracts.identity.UserDeletedV1;
import io.lanyard.contracts.identity.UserErasedV1;
import io.lanyard.contracts.identity.UserReactivatedV1;
import io.lanyard.contracts.identity.UserSuspendedV1;
import io.lanyard.directory.infra.DirectoryEventCodecs;
import io.lanyard.directory.infra.DirectoryLinkProjector;
import io.lanyard.directory.infra.ErasedTenantRows;
import io.lanyard.directory.infra.GoogleConnectionRecords;
import io.lanyard.directory.infra.KnownTenants;
import io.lanyard.directory.infra.ScimUsers;
import io.lanyard.directory.infra.ScimUsers.StatusChange;
import io.lanyard.directory.infra.SyncRuns;
import io.lanyard.eventstore.PersonalKeys;
import io.lanyard.eventstore.Upcasters;
import io.lanyard.eventstore.consumer.EventHandler;
import io.lanyard.eventstore.consumer.EventRuns;
import io.lanyard.runtime.events.EventConsumers;
import io.lanyard.runtime.personal.DataKeyCache;
import io.lanyard.runtime.personal.TenantKeyCache;
import io.lanyard.runtime.personal.UserEvents;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps directory-sync's read models: from identity's events the tenants (who may use its admin
 * API) and every user as SCIM shows them; from its own topic the projections of its own events
 * (links, Google users, connections, runs), which their appends also write at once: replaying the
 * topics rebuilds them. An erased user's data leaves them ({@code UserErased}, ADR 7), and {@code
 * erased_users}, rebuilt with them, keeps later events (in either topic's order) from writing it
 * again.
 *
 * <p>identity's creations and updates are read through {@link UserEvents}, v1 or v2 alike: a v2
 * event's person is opened with the user's data key (ADR 7), fetched from identity-service; an
 * erased user's opens to nulls. While identity does not answer, the event waits (it is never
 * dead-lettered).
 */
@ApplicationScoped
public class DirectoryReadModelsFeed implements EventHandler {

  /** The consumer's name: its checkpoints and its rebuild are known by it. */
  static final String CONSUMER = "identity";

  private static final String DIRECTORY_EVENTS = "io.lanyard.directory.";
  private static final Set<EventType> LINK_EVENTS =
      Set.of(
          DirectoryEvents.DIRECTORY_USER_LINKED,
          DirectoryEvents.DIRECTORY_USER_UNLINKED,
          DirectoryEvents.DIRECTORY_USER_SYNCED,
          DirectoryEvents.DIRECTORY_USER_LINKED_V2,
          DirectoryEvents.DIRECTORY_USER_SYNCED_V2);
  private static final Set<EventType> SEALED_LINK_EVENTS =
      Set.of(DirectoryEvents.DIRECTORY_USER_LINKED_V2, DirectoryEvents.DIRECTORY_USER_SYNCED_V2);
  private static final Set<EventType> CONNECTION_EVENTS =
      Set.of(
          DirectoryEvents.GOOGLE_CONNECTION_CONFIGURED, DirectoryEvents.GOOGLE_CONNECTION_REMOVED);
  private static final Set<EventType> RUN_EVENTS =
      Set.of(
          DirectoryEvents.DIRECTORY_SYNC_STARTED,
          DirectoryEvents.DIRECTORY_SYNC_COMPLETED,
          DirectoryEvents.DIRECTORY_SYNC_FAILED);

  private final KnownTenants tenants;
  private final ScimUsers users;
  private final DirectoryLinkProjector links;
  private final GoogleConnectionRecords connections;
  private final SyncRuns runs;
  private final EventConsumers consumers;
  private final UserEvents userEvents;
  private final TenantKeyCache tenantKeys;
  private final ErasedTenantRows erasedTenants;
  private final DataKeyCache keys;
  private final Upcasters upcasters;
  private final String identityTopic;
  private final String directoryTopic;

  DirectoryReadModelsFeed(
      KnownTenants tenants,
      ScimUsers users,
      DirectoryLinkProjector links,
      GoogleConnectionRecords connections,
      SyncRuns runs,
      EventConsumers consumers,
      UserEvents userEvents,
      TenantKeyCache tenantKeys,
      ErasedTenantRows erasedTenants,
      DataKeyCache keys,
      Upcasters upcasters,
      @ConfigProperty(name = "lanyard.topics.identity") String identityTopic,
      @ConfigProperty(name = "lanyard.topics.directory") String directoryTopic) {
    this.tenants = tenants;
    this.users = users;
    this.links = links;
    this.connections = connections;
    this.runs = runs;
    this.consumers = consumers;
    this.userEvents = userEvents;
    this.tenantKeys = tenantKeys;
    this.erasedTenants = erasedTenants;
    this.keys = keys;
    this.upcasters = upcasters;
    this.identityTopic = identityTopic;
    this.directoryTopic = directoryTopic;
  }

  void start(@Observes StartupEvent started) {
    consumers.start(CONSUMER, List.of(identityTopic, directoryTopic), this);
  }

  /** The keys of the poll's sealed events (identity's users, its own links), before its tx. */
  @Override
  public Uni<Void> beforeTransaction(List<EventEnvelope> events) {
    return keys.prefetch(
        events, event -> UserEvents.isSealed(event) || SEALED_LINK_EVENTS.contains(event.type()));
  }

  @Override
  public Uni<Void> apply(EventEnvelope event, SqlConnection tx) {
    return event.type().name().startsWith(DIRECTORY_EVENTS)
        ? applyOwn(event, tx)
        : applyIdentity(event, tx);
  }

  /**
   * An import's or a directory's new users come many to a poll: a run of creations is one statement
   * ({@link ScimUsers#createdAll}). The poll's creations are opened first, with one key request per
   * tenant for the v2 ones; every creation is in a run.
   */
  @Override
  public Uni<Void> applyAll(List<EventEnvelope> events, SqlConnection tx) {
    return userEvents
        .createdAmong(events)
        .chain(
            opened ->
                EventRuns.apply(
                    events,
                    opened::containsKey,
                    run ->
                        users.createdAll(
                            tx,
                            run.stream()
                                .map(
                                    event ->
                                        new ScimUsers.Creation(
                                            opened.get(event),
                                            event.streamVersion(),
                                            event.time().atOffset(ZoneOffset.UTC)))
                                .toList()),
                    event -> apply(event, tx)));
  }

  /**
   * directory-sync's own events, decoded as its appends wrote them, through the same projections. A
   * link's person is sealed (v2, ADR 7): it opens with the user's data key (a cache hit, mostly:
   * the user's creation asked for it); the v1 history is upcast and needs none.
   */
  private Uni<Void> applyOwn(EventEnvelope event, SqlConnection tx) {
    String data = new String(event.data(), UTF_8);
    if (LINK_EVENTS.contains(event.type())) {
      Upcasters.Upcast upcast = upcasters.upcast(event.type(), data);
      Uni<PersonalKeys> opening =
          SEALED_LINK_EVENTS.contains(event.type())
              ? keys.keysOf(event.tenantId(), List.of(event.subject()))
              : Uni.createFrom().item(PersonalKeys.NONE);
      return opening.chain(
          personal ->
              links.apply(
                  tx, DirectoryEventCodecs.LINKS.decode(upcast.type(), upcast.json(), personal)));
    }
    if (CONNECTION_EVENTS.contains(event.type())) {
      return connections.apply(
          tx, DirectoryEventCodecs.GOOGLE_CONNECTIONS.decode(event.type(), data));
    }
    if (RUN_EVENTS.contains(event.type())) {
      return runs.apply(tx, DirectoryEventCodecs.SYNC_RUNS.decode(event.type(), data));
    }
    return Uni.createFrom().voidItem();
  }

  /**
   * identity's events, read as its public records. An event older than a user's row changes nothing
   * (see {@link ScimUsers}); a type this feed does not need is passed over.
   */
  private Uni<Void> applyIdentity(EventEnvelope event, SqlConnection tx) {
    EventType type = event.type();
    long version = event.streamVersion();
    OffsetDateTime at = event.time().atOffset(ZoneOffset.UTC);
    tenantKeys.observe(event);
    if (type.equals(TenantCreatedV1.TYPE)) {
      return tenants.active(tx, EventJson.read(event, TenantCreatedV1.class).tenantId());
    }
    if (type.equals(TenantErasedV1.TYPE)) {
      return erasedTenants.delete(tx, EventJson.read(event, TenantErasedV1.class).tenantId());
    }
    if (type.equals(TenantSuspendedV1.TYPE)) {
      return tenants.suspended(tx, EventJson.read(event, TenantSuspendedV1.class).tenantId());
    }
    if (UserEvents.isCreated(event)) {
      return userEvents.created(event).chain(created -> users.created(tx, created, version, at));
    }
    if (UserEvents.isUpdated(event)) {
      return userEvents.updated(event).chain(updated -> users.updated(tx, updated, version, at));
    }
    if (type.equals(UserSuspendedV1.TYPE)) {
      UserSuspendedV1 suspended = EventJson.read(event, UserSuspendedV1.class);
      return users.changed(tx, suspended.userId(), StatusChange.SUSPENDED, version, at);
    }
    if (type.equals(UserReactivatedV1.TYPE)) {
      UserReactivatedV1 reactivated = EventJson.read(event, UserReactivatedV1.class);
      return users.changed(tx, reactivated.userId(), StatusChange.REACTIVATED, version, at);
    }
    if (type.equals(UserDeletedV1.TYPE)) {
      UserDeletedV1 deleted = EventJson.read(event, UserDeletedV1.class);
      return users.changed(tx, deleted.userId(), StatusChange.DELETED, version, at);
    }
    if (UserEvents.isErased(event)) {
      // ADR 7: the user's key leaves this service's cache (whatever becomes of this transaction:
      // identity destroyed it), the person's data every projection here; ids and facts stay.
      UserErasedV1 erased = EventJson.read(event, UserErasedV1.class);
      userEvents.erased(event);
      return users.erased(tx, erased.tenantId(), erased.userId(), version, at);
    }
    return Uni.createFrom().voidItem();
  }

  @Override
  public List<String> projectionTables() {
    return List.of("known_tenants", "scim_users", "scim_links", "google_users", "erased_users");
  }

  /**
   * A tenant's Google connection and its runs are written where their events are appended, with
   * times of their own (a run's heartbeat, when a connection was configured): a rebuild leaves them
   * as they are rather than replay old settings over current ones.
   */
  @Override
  public List<String> keptTables() {
    return List.of("google_connections", "sync_runs");
  }
}
