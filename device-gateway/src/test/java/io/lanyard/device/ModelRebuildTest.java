package io.lanyard.device;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanyard.contracts.IdentityEvents;
import io.lanyard.credentialrules.AccessCodes;
import io.lanyard.credentialrules.SecretPurposes;
import io.lanyard.device.infra.ModelFeed;
import io.lanyard.device.model.Key128;
import io.lanyard.device.model.LoginModel;
import io.lanyard.device.model.TenantEntry;
import io.lanyard.runtime.events.EventsConfig;
import io.lanyard.runtime.events.LanyardInfrastructure;
import io.lanyard.secrets.OpaqueTokens;
import io.lanyard.secrets.SecretHasher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A restarted replica: a new, empty model fed from the same topics ends where the live one is, with
 * nothing lost and nothing resurrected (a replaced code, a deleted user, a removed card stay gone).
 */
@QuarkusTest
class ModelRebuildTest {

  @Inject LoginModel live;
  @Inject ModelFeed liveFeed;
  @Inject LanyardInfrastructure infrastructure;
  @Inject EventsConfig events;
  @Inject SecretHasher hasher;

  @Test
  void aFreshModelFromTheTopicsEqualsTheLiveOne() {
    try (Upstream upstream = new Upstream(hasher)) {
      upstream.tenant("acme");
      String kim = upstream.user("acme", "kim", "Kim");
      upstream.code("acme", kim, "K1M4AA");
      upstream.code("acme", kim, "K1M4BB");
      String removed = upstream.card("acme", kim, "AB01");
      upstream.cardRemoved("acme", kim, removed);
      upstream.card("acme", kim, "AB02");
      String lou = upstream.user("acme", "lou", "Lou");
      upstream.code("acme", lou, "L0U4CC");
      upstream.userEvent(IdentityEvents.USER_DELETED, "acme", lou);
      upstream.credentialsRevoked("acme", lou);
    }

    await().until(() -> DeviceApiTest.admin("acme").get("/admin/v1/devices").statusCode() == 200);
    DeviceApiTest.register("acme", "Kept MFD");
    DeviceApiTest.Device gone = DeviceApiTest.register("acme", "Revoked MFD");
    DeviceApiTest.admin("acme").delete("/admin/v1/devices/" + gone.id()).then().statusCode(204);

    LoginModel rebuilt = new LoginModel();
    ModelFeed feed =
        new ModelFeed(
            rebuilt,
            infrastructure,
            events,
            new SimpleMeterRegistry(),
            Upstream.topic("identity"),
            Upstream.topic("credential"));
    feed.start(null);
    try {
      await().atMost(Duration.ofSeconds(30)).until(feed::caughtUp);
      await().atMost(Duration.ofSeconds(10)).until(() -> liveFeed.lag() == 0 && feed.lag() == 0);
      assertEquals(live.stats(), rebuilt.stats());
      assertEquals(live.checksum(), rebuilt.checksum());
      assertTrue(rebuilt.stats().devices() >= 2);
      assertFalse(
          rebuilt.deviceByToken(Key128.ofHex(OpaqueTokens.hash(gone.token()))).isPresent(),
          "a revoked device");

      TenantEntry acme = rebuilt.findTenant("acme").orElseThrow();
      assertTrue(rebuilt.userByCode(acme, code("K1M4BB")).isPresent());
      assertFalse(rebuilt.userByCode(acme, code("K1M4AA")).isPresent(), "a replaced code");
      assertFalse(rebuilt.userByCode(acme, code("L0U4CC")).isPresent(), "a deleted user's code");
      assertTrue(rebuilt.userByCard(acme, card("AB02")) instanceof LoginModel.CardMatch.Owner);
      assertTrue(
          rebuilt.userByCard(acme, card("AB01")) instanceof LoginModel.CardMatch.NotRegistered,
          "a removed card");
    } finally {
      feed.stop(null);
    }
  }

  private Key128 code(String code) {
    return Key128.ofKeyedHash(
        hasher.hash("acme", SecretPurposes.ACCESS_CODE, AccessCodes.normalise(code)));
  }

  private Key128 card(String number) {
    return Key128.ofKeyedHash(hasher.hash("acme", SecretPurposes.CARD_NUMBER, number));
  }
}
