package io.lanyard.runtime.personal;

import io.lanyard.contracts.EventEnvelope;
import io.lanyard.contracts.identity.TenantCreatedV1;
import io.lanyard.contracts.identity.TenantErasedV1;
import io.lanyard.eventstore.consumer.ApplyLater;
import io.lanyard.secrets.DataKey;
import io.lanyard.secrets.TenantKeyUnavailable;
import io.lanyard.secrets.TenantKeys;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * The tenants' own keys (ADR 7) as this service holds them, in memory only, for its {@code
 * SecretHasher} and {@code SecretCipher}: every tenant's at start (fetched in the background until
 * identity-service answers), a new tenant's when the service's feed applies its {@code
 * TenantCreated} ({@link #load}), and any other on first use. A tenant's key goes when the service
 * learns of its erasure ({@link #forget}), and is never asked for again.
 *
 * <p>identity-service, which holds the keys, does not use this ({@code
 * lanyard.tenant-keys.from-identity=false}): its own ring derives from the ring alone.
 *
 * <p>A key not at hand is fetched at once on a worker thread (a consumer, a job); on the event loop
 * (a request) it is fetched in the background and the request fails with {@link
 * TenantKeyUnavailable}, a 503 to try again. Keys never reach a log.
 */
@ApplicationScoped
@IfBuildProperty(
    name = "lanyard.tenant-keys.from-identity",
    stringValue = "true",
    enableIfMissing = true)
public class TenantKeyCache implements TenantKeys {

  private static final Logger LOG = Logger.getLogger(TenantKeyCache.class);
  private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(10);

  /** What this service holds for a tenant: its key, none (legacy), or the fact it was erased. */
  private record Held(DataKey key, boolean erased) {
    static final Held LEGACY = new Held(null, false);
    static final Held ERASED = new Held(null, true);
  }

  private final TenantKeyClient client;
  private final Map<String, Held> held = new ConcurrentHashMap<>();
  private final Set<String> fetching = ConcurrentHashMap.newKeySet();
  private final List<Consumer<String>> onErasure = new CopyOnWriteArrayList<>();

  @Inject
  TenantKeyCache(@RestClient TenantKeyClient client) {
    this.client = client;
  }

  void preload(@Observes StartupEvent started) {
    fetchAll(1);
  }

  @Override
  public Optional<DataKey> keyOf(String tenantId) {
    Held found = held.get(tenantId);
    if (found == null) {
      if (Context.isOnEventLoopThread()) {
        prefetch(tenantId);
        throw new TenantKeyUnavailable(tenantId, false);
      }
      try {
        load(List.of(tenantId)).await().atMost(FETCH_TIMEOUT);
      } catch (RuntimeException failure) {
        throw new TenantKeyUnavailable(tenantId, false);
      }
      found = held.get(tenantId);
      if (found == null) {
        throw new TenantKeyUnavailable(tenantId, false);
      }
    }
    if (found.erased()) {
      throw new TenantKeyUnavailable(tenantId, true);
    }
    return Optional.ofNullable(found.key());
  }

  /**
   * Fetches these tenants' keys. Fails with {@link ApplyLater} while identity-service does not
   * answer, and with {@link IllegalStateException} for a tenant identity knows nothing of (an event
   * naming one is forged or misrouted).
   */
  public Uni<Void> load(Collection<String> tenantIds) {
    List<String> wanted = new ArrayList<>(tenantIds);
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (int from = 0; from < wanted.size(); from += TenantKeyClient.MOST_AT_ONCE) {
      List<String> chunk =
          List.copyOf(
              wanted.subList(from, Math.min(wanted.size(), from + TenantKeyClient.MOST_AT_ONCE)));
      chain =
          chain.chain(
              () ->
                  client
                      .keys(new TenantKeyClient.KeysRequest(chunk))
                      .onFailure()
                      .transform(
                          failure ->
                              new ApplyLater(
                                  "identity-service's tenant key API did not answer", failure))
                      .invoke(this::hold)
                      .invoke(
                          answer -> {
                            if (!answer.unknown().isEmpty()) {
                              throw new IllegalStateException(
                                  "identity-service knows no tenant " + answer.unknown());
                            }
                          })
                      .replaceWithVoid());
    }
    return chain;
  }

  /**
   * What a feed tells of tenants: a creation fetches the new tenant's key in the background, so
   * that it is at hand before the tenant's first request; an erasure forgets it ({@link #forget}).
   */
  public void observe(EventEnvelope event) {
    if (event == null || event.tenantId() == null) {
      return;
    }
    if (event.type().equals(TenantCreatedV1.TYPE)) {
      prefetch(event.tenantId());
    } else if (event.type().equals(TenantErasedV1.TYPE)) {
      forget(event.tenantId());
    }
  }

  /**
   * The tenant was erased: its key goes from here, for good, and from every key derived from it.
   */
  public void forget(String tenantId) {
    held.put(tenantId, Held.ERASED);
    onErasure.forEach(listener -> listener.accept(tenantId));
  }

  /** Called with a tenant's id when it is erased (a hasher or cipher drops what it derived). */
  public void onErasure(Consumer<String> listener) {
    onErasure.add(listener);
  }

  private void hold(TenantKeyClient.Keys answer) {
    for (TenantKeyClient.TenantKey key : answer.keys()) {
      held.compute(
          key.tenantId(),
          (tenant, before) ->
              before != null && before.erased()
                  ? before
                  : new Held(DataKey.decode(key.key()), false));
    }
    answer.legacy().forEach(tenant -> held.putIfAbsent(tenant, Held.LEGACY));
    answer.erased().forEach(tenant -> held.put(tenant, Held.ERASED));
  }

  /** Fetches the tenant's key in the background, once at a time. */
  public void prefetch(String tenantId) {
    if (!fetching.add(tenantId)) {
      return;
    }
    load(List.of(tenantId))
        .onTermination()
        .invoke(() -> fetching.remove(tenantId))
        .subscribe()
        .with(
            done -> {},
            failure ->
                LOG.warnf(
                    "the key of tenant %s could not be fetched: %s", tenantId, failure.toString()));
  }

  private void fetchAll(int attempt) {
    client
        .all()
        .subscribe()
        .with(
            this::hold,
            failure -> {
              if (attempt == 1 || attempt % 10 == 0) {
                LOG.warnf(
                    "identity-service did not give the tenants' keys (attempt %d), trying again in"
                        + " 5 s: %s",
                    attempt, failure.toString());
              }
              io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool()
                  .schedule(() -> fetchAll(attempt + 1), 5, java.util.concurrent.TimeUnit.SECONDS);
            });
  }
}
