package io.lanyard.runtime.personal;

import io.lanyard.contracts.EventEnvelope;
import io.lanyard.eventstore.CommandExecutor;
import io.lanyard.eventstore.PersonalKeys;
import io.lanyard.eventstore.consumer.ApplyLater;
import io.lanyard.secrets.DataKey;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * The data keys this service has fetched from identity-service (ADR 7), in memory only: at most
 * {@code lanyard.data-keys.cache-size} users, each for {@code lanyard.data-keys.time-to-live}, the
 * least recently used going first. A user's key is dropped when the service learns of their erasure
 * ({@link #forget}); an erased user is remembered as having none, so that their data is never asked
 * for again.
 *
 * <p>When identity-service does not answer (or answers 5xx), the caller's event waits ({@link
 * ApplyLater}): an outage delays the projections of new people, it never loses them. A refusal
 * (4xx: a client it does not accept, a request it cannot read) would be the same next time: it
 * fails outright, and so does an id identity knows as no user of that tenant (an event naming one
 * is forged or misrouted: taking it as erased would lock a real person out). Entries are per tenant
 * and user, so one tenant's answer never stands for another's. Keys never reach a log.
 */
@ApplicationScoped
public class DataKeyCache {

  private static final Logger LOG = Logger.getLogger(DataKeyCache.class);

  /** A user's key, or none (erased), and until when it may be used without asking again. */
  private record Entry(DataKey key, Instant fetchedAt) {}

  private final DataKeyClient client;
  private final Duration timeToLive;
  private final Clock clock;
  private final Map<String, Entry> entries;

  @Inject
  DataKeyCache(
      @RestClient DataKeyClient client,
      @ConfigProperty(name = "lanyard.data-keys.cache-size", defaultValue = "100000") int size,
      @ConfigProperty(name = "lanyard.data-keys.time-to-live", defaultValue = "PT10M")
          Duration timeToLive) {
    this(client, size, timeToLive, Clock.systemUTC());
  }

  DataKeyCache(DataKeyClient client, int size, Duration timeToLive, Clock clock) {
    this.client = client;
    this.timeToLive = timeToLive;
    this.clock = clock;
    this.entries =
        new LinkedHashMap<>(1024, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > size;
          }
        };
  }

  /**
   * The keys of these users of the tenant that have one; the erased have none. An id that is no
   * user of the tenant fails the call ({@link IllegalStateException}).
   */
  public Uni<PersonalKeys> keysOf(String tenantId, Collection<String> userIds) {
    Map<String, DataKey> known = new HashMap<>();
    List<String> missing = new ArrayList<>();
    Instant now = clock.instant();
    synchronized (entries) {
      for (String userId : new LinkedHashSet<>(userIds)) {
        Entry entry = entries.get(entryKey(tenantId, userId));
        if (entry == null || (entry.key() != null && expired(entry, now))) {
          missing.add(userId);
        } else if (entry.key() != null) {
          known.put(userId, entry.key());
        }
      }
    }
    if (missing.isEmpty()) {
      return Uni.createFrom().item(PersonalKeys.of(known));
    }
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (int from = 0; from < missing.size(); from += DataKeyClient.MOST_AT_ONCE) {
      List<String> chunk =
          missing.subList(from, Math.min(missing.size(), from + DataKeyClient.MOST_AT_ONCE));
      chain = chain.chain(() -> fetch(tenantId, chunk, known));
    }
    return chain.map(nothing -> PersonalKeys.of(known));
  }

  /**
   * The keys a service's commands seal and open its own events of users with (streams keyed by the
   * user id): identity's, through this cache. A command whose keys do not come fails with {@link
   * ApplyLater} (a 503: try again).
   */
  public CommandExecutor.Keys forCommands() {
    return new CommandExecutor.Keys() {
      @Override
      public Uni<PersonalKeys> of(SqlConnection tx, String tenantId, List<String> userIds) {
        return keysOf(tenantId, userIds);
      }

      @Override
      public Uni<Void> prepare(String tenantId, List<String> userIds) {
        return keysOf(tenantId, userIds).replaceWithVoid();
      }
    };
  }

  /**
   * Fetches the keys of a poll's sealed events ahead of its transaction ({@code
   * EventHandler#beforeTransaction}), one request per tenant: opening them inside is a hit. {@code
   * sealed}: the events sealed under their subject's (a user's) key.
   */
  public Uni<Void> prefetch(List<EventEnvelope> events, Predicate<EventEnvelope> sealed) {
    Map<String, List<String>> byTenant = new LinkedHashMap<>();
    for (EventEnvelope event : events) {
      if (sealed.test(event) && event.tenantId() != null && event.subject() != null) {
        byTenant.computeIfAbsent(event.tenantId(), t -> new ArrayList<>()).add(event.subject());
      }
    }
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (Map.Entry<String, List<String>> tenant : byTenant.entrySet()) {
      chain = chain.chain(() -> keysOf(tenant.getKey(), tenant.getValue()).replaceWithVoid());
    }
    return chain;
  }

  /** The user was erased: their key goes, and stays gone. */
  public void forget(String tenantId, String userId) {
    synchronized (entries) {
      entries.put(entryKey(tenantId, userId), new Entry(null, clock.instant()));
    }
  }

  /** The tenant was erased: every key of its users goes (identity answers them erased after). */
  public void forgetTenant(String tenantId) {
    synchronized (entries) {
      entries.keySet().removeIf(key -> key.startsWith(tenantId + "/"));
    }
  }

  /** Learns of tenants' erasures where this service holds tenant keys (not in identity-service). */
  @Inject
  void followErasures(Instance<TenantKeyCache> tenantKeys) {
    if (tenantKeys.isResolvable()) {
      tenantKeys.get().onErasure(this::forgetTenant);
    }
  }

  private static String entryKey(String tenantId, String userId) {
    return tenantId + "/" + userId;
  }

  private Uni<Void> fetch(String tenantId, List<String> userIds, Map<String, DataKey> into) {
    return client
        .keys(new DataKeyClient.KeysRequest(tenantId, List.copyOf(userIds)))
        .onFailure()
        .transform(
            failure -> {
              LOG.warnf(
                  "identity-service did not give the data keys of %d users of %s: %s",
                  userIds.size(), tenantId, failure.toString());
              if (refused(failure)) {
                // Asking again changes nothing (a refused client, a request it cannot read): the
                // event goes to the dead letters, the command fails, the log says why.
                return new IllegalStateException(
                    "identity-service refused the data keys of " + tenantId + "'s users", failure);
              }
              return new ApplyLater("identity-service's key API did not answer", failure);
            })
        .invoke(
            answer -> {
              if (answer.unknown() != null && !answer.unknown().isEmpty()) {
                throw new IllegalStateException(
                    "identity-service knows no user "
                        + answer.unknown()
                        + " in tenant "
                        + tenantId);
              }
              Instant now = clock.instant();
              synchronized (entries) {
                for (DataKeyClient.UserKey key : answer.keys()) {
                  String entryKey = entryKey(tenantId, key.userId());
                  Entry before = entries.get(entryKey);
                  if (before != null && before.key() == null) {
                    continue; // An erasure learnt meanwhile wins over a key fetched before it.
                  }
                  DataKey decoded = DataKey.decode(key.key());
                  into.put(key.userId(), decoded);
                  entries.put(entryKey, new Entry(decoded, now));
                }
                for (String erased : answer.erased()) {
                  into.remove(erased);
                  entries.put(entryKey(tenantId, erased), new Entry(null, now));
                }
              }
            })
        .replaceWithVoid();
  }

  /** A 4xx: identity answered, and will answer the same again. */
  private static boolean refused(Throwable failure) {
    return failure instanceof WebApplicationException answer
        && answer.getResponse() != null
        && answer.getResponse().getStatus() >= 400
        && answer.getResponse().getStatus() < 500;
  }

  private boolean expired(Entry entry, Instant now) {
    return entry.fetchedAt().plus(timeToLive).isBefore(now);
  }
}
