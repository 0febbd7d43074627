package io.lanyard.runtime.personal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanyard.eventstore.consumer.ApplyLater;
import io.lanyard.runtime.api.DependencyUnavailable;
import io.lanyard.secrets.DataKey;
import io.lanyard.secrets.KeyRing;
import io.lanyard.secrets.SecretCipher;
import io.lanyard.secrets.SecretHasher;
import io.lanyard.secrets.TenantKeyUnavailable;
import io.smallrye.mutiny.Uni;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TenantKeyCacheTest {

  /** identity's tenant key API as the cache sees it: counts requests, can be away. */
  static final class FakeTenantKeyApi implements TenantKeyClient {
    final Map<String, DataKey> keys = new HashMap<>(Map.of("acme", DataKey.generate()));
    final Set<String> legacy = new HashSet<>(Set.of("oldco"));
    final Set<String> erased = new HashSet<>();
    final List<List<String>> requests = new ArrayList<>();
    boolean away;

    @Override
    public Uni<Keys> keys(KeysRequest request) {
      requests.add(request.tenantIds());
      if (away) {
        return Uni.createFrom().failure(new IOException("connection refused"));
      }
      List<TenantKey> found = new ArrayList<>();
      List<String> old = new ArrayList<>();
      List<String> gone = new ArrayList<>();
      List<String> unknown = new ArrayList<>();
      for (String id : request.tenantIds()) {
        if (erased.contains(id)) {
          gone.add(id);
        } else if (keys.containsKey(id)) {
          found.add(new TenantKey(id, keys.get(id).encoded()));
        } else if (legacy.contains(id)) {
          old.add(id);
        } else {
          unknown.add(id);
        }
      }
      return Uni.createFrom().item(new Keys(found, old, gone, unknown));
    }

    @Override
    public Uni<Keys> all() {
      return keys(new KeysRequest(List.of("acme", "oldco")));
    }
  }

  final FakeTenantKeyApi api = new FakeTenantKeyApi();
  final TenantKeyCache cache = new TenantKeyCache(api);

  @Test
  void aTenantsKeyIsFetchedOnceOnFirstUseOffTheEventLoopAndALegacyTenantHasNone() {
    assertEquals(api.keys.get("acme"), cache.keyOf("acme").orElseThrow());
    assertEquals(api.keys.get("acme"), cache.keyOf("acme").orElseThrow());
    assertTrue(cache.keyOf("oldco").isEmpty(), "made before tenant keys: the ring alone");
    cache.keyOf("oldco");
    assertEquals(List.of(List.of("acme"), List.of("oldco")), api.requests, "each asked once");
  }

  @Test
  void whileIdentityIsAwayTheKeyIsUnavailableForAMomentNotForGood() {
    api.away = true;
    TenantKeyUnavailable missing =
        assertThrows(TenantKeyUnavailable.class, () -> cache.keyOf("acme"));
    assertFalse(missing.erased());
    assertTrue(ApplyLater.in(missing), "a consumer waits");
    assertTrue(DependencyUnavailable.causes(missing), "a request answers 503");
    api.away = false;
    assertTrue(cache.keyOf("acme").isPresent());
  }

  @Test
  void anErasedTenantHasNoKeyEverAgainAndWhatWasDerivedGoesToo() {
    KeyRing ring = new KeyRing(Map.of("k1", new byte[32]), "k1");
    SecretHasher hasher = new SecretHasher(ring, cache);
    SecretCipher cipher = new SecretCipher(ring, cache);
    cache.onErasure(hasher::forget);
    cache.onErasure(cipher::forget);
    String sealed = cipher.encrypt("acme", "access-code", "7KQ2MX");
    hasher.hash("acme", "access-code", "7KQ2MX");

    cache.forget("acme");
    TenantKeyUnavailable gone =
        assertThrows(
            TenantKeyUnavailable.class, () -> cipher.decrypt("acme", "access-code", sealed));
    assertTrue(gone.erased());
    assertFalse(ApplyLater.in(gone), "nothing to wait for");
    assertFalse(DependencyUnavailable.causes(gone));
    assertThrows(TenantKeyUnavailable.class, () -> hasher.hash("acme", "access-code", "7KQ2MX"));
    api.requests.clear();
    cache.load(List.of("acme")).await().indefinitely();
    assertThrows(TenantKeyUnavailable.class, () -> cache.keyOf("acme"), "a later answer wins not");
  }

  @Test
  void aFeedsTenantCreatedFetchesTheKeyAheadAndItsTenantErasedForgetsIt() {
    cache.observe(envelope(io.lanyard.contracts.IdentityEvents.TENANT_CREATED, "acme"));
    assertEquals(List.of(List.of("acme")), api.requests, "fetched ahead of its first use");
    cache.keyOf("acme");
    assertEquals(1, api.requests.size());
    cache.observe(envelope(io.lanyard.contracts.IdentityEvents.TENANT_ERASED, "acme"));
    assertTrue(
        assertThrows(TenantKeyUnavailable.class, () -> cache.keyOf("acme")).erased(),
        "erased: never asked for again");
  }

  private static io.lanyard.contracts.EventEnvelope envelope(
      io.lanyard.contracts.EventType type, String tenant) {
    return new io.lanyard.contracts.EventEnvelope(
        java.util.UUID.randomUUID(),
        "identity-service",
        type,
        tenant,
        java.time.Instant.now(),
        tenant,
        1,
        "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void aTenantIdentityKnowsNothingOfFailsOutright() {
    RuntimeException failure =
        assertThrows(
            RuntimeException.class,
            () -> cache.load(List.of("acme", "nobody")).await().indefinitely());
    assertFalse(ApplyLater.in(failure), failure.toString());
    assertTrue(failure.getMessage().contains("nobody"));
    assertThrows(TenantKeyUnavailable.class, () -> cache.keyOf("nobody"));
  }
}
