package io.lanyard.runtime.personal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanyard.eventstore.PersonalKeys;
import io.lanyard.eventstore.consumer.ApplyLater;
import io.lanyard.secrets.DataKey;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.WebApplicationException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DataKeyCacheTest {

  /** identity's key API as the cache sees it: counts requests, can be away. */
  static final class FakeKeyApi implements DataKeyClient {
    final Map<String, DataKey> keys = new HashMap<>();
    final Set<String> erased = new HashSet<>();
    final List<Integer> requestSizes = new ArrayList<>();
    boolean away;
    int refusing;

    @Override
    public Uni<Keys> keys(KeysRequest request) {
      requestSizes.add(request.userIds().size());
      if (away) {
        return Uni.createFrom().failure(new IOException("connection refused"));
      }
      if (refusing > 0) {
        return Uni.createFrom().failure(new WebApplicationException(refusing));
      }
      List<UserKey> found = new ArrayList<>();
      List<String> gone = new ArrayList<>();
      List<String> unknown = new ArrayList<>();
      for (String id : request.userIds()) {
        if (erased.contains(id)) {
          gone.add(id);
        } else if (keys.containsKey(id)) {
          found.add(new UserKey(id, keys.get(id).encoded()));
        } else {
          unknown.add(id);
        }
      }
      return Uni.createFrom().item(new Keys(found, gone, unknown));
    }

    String user() {
      String id = java.util.UUID.randomUUID().toString();
      keys.put(id, DataKey.generate());
      return id;
    }
  }

  final FakeKeyApi api = new FakeKeyApi();
  final MutableClock clock = new MutableClock();
  final DataKeyCache cache = new DataKeyCache(api, 3, Duration.ofMinutes(10), clock);

  PersonalKeys keysOf(String... userIds) {
    return cache.keysOf("acme", List.of(userIds)).await().indefinitely();
  }

  @Test
  void aKeyIsAskedForOnceWhileItLives() {
    String ann = api.user();
    assertTrue(keysOf(ann).has(ann));
    assertTrue(keysOf(ann).has(ann));
    assertEquals(List.of(1), api.requestSizes);
    clock.now = clock.now.plus(Duration.ofMinutes(11));
    assertTrue(keysOf(ann).has(ann));
    assertEquals(List.of(1, 1), api.requestSizes, "asked again once its time is up");
  }

  @Test
  void anErasedUserHasNoKeyAndIsNotAskedForAgain() {
    String ann = api.user();
    String bob = api.user();
    api.erased.add(bob);
    PersonalKeys keys = keysOf(ann, bob);
    assertTrue(keys.has(ann));
    assertFalse(keys.has(bob));
    cache.forget("acme", ann);
    assertFalse(keysOf(ann, bob).has(ann), "forgotten on erasure, for good");
    clock.now = clock.now.plus(Duration.ofHours(1));
    assertFalse(keysOf(ann, bob).has(ann));
    assertEquals(List.of(2), api.requestSizes);
  }

  @Test
  void anIdThatIsNoUserOfTheTenantFailsInsteadOfOpeningAsErased() {
    String ann = api.user();
    String stranger = java.util.UUID.randomUUID().toString();
    RuntimeException failure = assertThrows(RuntimeException.class, () -> keysOf(ann, stranger));
    assertFalse(ApplyLater.in(failure), "asking again would answer the same: " + failure);
    assertTrue(failure.getMessage().contains(stranger), failure.getMessage());
    assertTrue(keysOf(ann).has(ann), "the tenant's own users still open");
  }

  @Test
  void oneTenantsErasureOrKeyNeverStandsForAnothers() {
    String ann = api.user();
    assertTrue(keysOf(ann).has(ann));
    cache.forget("globex", ann);
    assertTrue(keysOf(ann).has(ann), "an erasure in another tenant's name changes nothing here");
    api.requestSizes.clear();
    cache.keysOf("globex", List.of(ann)).await().indefinitely();
    assertEquals(List.of(), api.requestSizes, "globex's own erasure is remembered as globex's");
    cache.forget("acme", ann);
    assertFalse(keysOf(ann).has(ann));
  }

  @Test
  void aTenantsErasureDropsEveryKeyOfItsUsersAndNoOtherTenants() {
    String ann = api.user();
    assertTrue(keysOf(ann).has(ann));
    cache.keysOf("globex", List.of(ann)).await().indefinitely();
    api.requestSizes.clear();
    cache.forgetTenant("acme");
    keysOf(ann);
    cache.keysOf("globex", List.of(ann)).await().indefinitely();
    assertEquals(List.of(1), api.requestSizes, "acme's asked again, globex's still held");
  }

  @Test
  void manyUsersAreAskedForAThousandAtATime() {
    DataKeyCache big = new DataKeyCache(api, 10_000, Duration.ofMinutes(10), clock);
    List<String> users = IntStream.range(0, 2_500).mapToObj(i -> api.user()).toList();
    PersonalKeys keys = big.keysOf("acme", users).await().indefinitely();
    assertTrue(users.stream().allMatch(keys::has));
    assertEquals(List.of(1000, 1000, 500), api.requestSizes);
  }

  @Test
  void theLeastRecentlyUsedGoFirstBeyondTheBound() {
    List<String> users = IntStream.range(0, 4).mapToObj(i -> api.user()).toList();
    keysOf(users.get(0), users.get(1), users.get(2));
    keysOf(users.get(3));
    api.requestSizes.clear();
    keysOf(users.get(1), users.get(2), users.get(3));
    assertEquals(List.of(), api.requestSizes, "the three most recent are kept");
    keysOf(users.get(0));
    assertEquals(List.of(1), api.requestSizes, "the oldest went");
  }

  @Test
  void whileTheKeyApiIsAwayTheCallerIsToldToApplyLater() {
    String ann = api.user();
    api.away = true;
    RuntimeException failure = assertThrows(RuntimeException.class, () -> keysOf(ann));
    assertTrue(ApplyLater.in(failure), failure.toString());
    api.away = false;
    assertTrue(keysOf(ann).has(ann));
  }

  static final class MutableClock extends Clock {
    Instant now = Instant.parse("2026-12-04T08:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void aRefusalFailsOutrightWhileAnOutageOrA503Waits() {
    FakeKeyApi api = new FakeKeyApi();
    DataKeyCache cache = new DataKeyCache(api, 10, Duration.ofMinutes(10), Clock.systemUTC());
    String user = api.user();
    api.refusing = 403;
    Throwable refused = failureOf(cache, user);
    assertFalse(ApplyLater.in(refused), refused.toString());
    assertTrue(refused instanceof IllegalStateException, refused.toString());
    api.refusing = 503;
    assertTrue(ApplyLater.in(failureOf(cache, user)), "a 503 waits");
    api.refusing = 0;
    api.away = true;
    assertTrue(ApplyLater.in(failureOf(cache, user)), "no answer waits");
  }

  private static Throwable failureOf(DataKeyCache cache, String user) {
    return cache
        .keysOf("acme", List.of(user))
        .onItem()
        .transform(keys -> (Throwable) null)
        .onFailure()
        .recoverWithItem(failure -> failure)
        .await()
        .indefinitely();
  }
}
