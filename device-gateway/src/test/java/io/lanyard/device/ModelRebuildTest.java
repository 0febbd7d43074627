package io.lanyard.device;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanyard.contracts.IdentityEvents;
import io.lanyard.credentialrules.AccessCodes;
import io.lanyard.credentialrules.SecretPurposes;
import io.lanyard.device.feed.ModelFeed;
import io.lanyard.device.model.CurrentLoginModel;
import io.lanyard.device.model.Key128;
import io.lanyard.device.model.LoginModel;
import io.lanyard.device.model.TenantEntry;
import io.lanyard.eventstore.consumer.RebuildProgress;
import io.lanyard.secrets.OpaqueTokens;
import io.lanyard.secrets.SecretHasher;
import io.lanyard.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A rebuild while devices log in: a fresh model fed from the topics beside the live one, swapped in
 * once caught up. Every login during it is answered as before; the fresh model ends where the live
 * one is, with nothing lost and nothing resurrected (a replaced code, a deleted user, a removed
 * card stay gone), and changes made during the rebuild reach it.
 */
@QuarkusTest
class ModelRebuildTest {

  @Inject CurrentLoginModel current;
  @Inject ModelFeed liveFeed;
  @Inject SecretHasher hasher;

  @Test
  void aRebuildWhileServingAnswersEveryLoginAndSwapsInAnEqualModel() throws Exception {
    Upstream upstream = new Upstream(hasher);
    upstream.tenant("rebuild");
    await()
        .until(() -> DeviceApiTest.admin("rebuild").get("/admin/v1/devices").statusCode() == 200);
    DeviceApiTest.Device device = DeviceApiTest.register("rebuild", "Kept MFD");
    DeviceApiTest.Device gone = DeviceApiTest.register("rebuild", "Revoked MFD");
    DeviceApiTest.admin("rebuild").delete("/admin/v1/devices/" + gone.id()).then().statusCode(204);
    String kim = DeviceApiTest.userWithCode(upstream, device, "kim", "Kim", "K1M4AA");
    upstream.code("rebuild", kim, "K1M4BB");
    String removed = upstream.card("rebuild", kim, "AB01");
    upstream.cardRemoved("rebuild", kim, removed);
    upstream.card("rebuild", kim, "AB02");
    String lou = upstream.user("rebuild", "lou", "Lou");
    upstream.code("rebuild", lou, "L0U4CC");
    // Codes and guests over time: the rebuilt model holds the same windows and expired marks.
    Instant now = Instant.now();
    String max = upstream.user("rebuild", "max", "Max");
    upstream.code("rebuild", max, "M4X7EX", null, now.plus(Duration.ofHours(1)));
    upstream.codeExpired("rebuild", max, "M4X7EX");
    String nia =
        upstream.guest("rebuild", "nia", now.minusSeconds(60), now.plus(Duration.ofHours(1)));
    upstream.code("rebuild", nia, "N1A7GU", now.minusSeconds(60), null);
    upstream.codeExpiry("rebuild", nia, null, now.plus(Duration.ofHours(2)));
    upstream.card("rebuild", nia, "AB03");
    for (int i = 0; i < 1000; i++) {
      String user = upstream.user("rebuild", "bulk" + i, "Bulk " + i);
      upstream.code("rebuild", user, "BULK%04d".formatted(i));
    }
    DeviceApiTest.awaitStatus(200, () -> DeviceApiTest.code(device, "BULK0999"));
    LoginModel before = current.get();

    AtomicBoolean rebuilding = new AtomicBoolean(true);
    AtomicInteger answered = new AtomicInteger();
    List<String> wrong = new CopyOnWriteArrayList<>();
    Thread logins =
        new Thread(
            () -> {
              while (rebuilding.get()) {
                int status = DeviceApiTest.code(device, "K1M4BB").statusCode();
                if (status != 200) {
                  wrong.add("K1M4BB answered " + status);
                }
                answered.incrementAndGet();
              }
            });
    logins.start();
    String name = "device-gateway.login-model";
    try {
      given()
          .auth()
          .oauth2(TestTokens.operator())
          .post("/ops/v1/projections/login-model/rebuild")
          .then()
          .statusCode(202)
          .body("projection", equalTo(name));
      // Lou is deleted while the rebuild reads: the fresh model must learn it too.
      upstream.userEvent(IdentityEvents.USER_DELETED, "rebuild", lou);
      upstream.credentialsRevoked("rebuild", lou);
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  given()
                      .auth()
                      .oauth2(TestTokens.operator())
                      .get("/ops/v1/projections/login-model/rebuild")
                      .path("state")
                      .equals("DONE"));
    } finally {
      rebuilding.set(false);
      logins.join();
      upstream.close();
    }
    assertEquals(List.of(), wrong);
    assertTrue(answered.get() > 0);

    RebuildProgress.Status done = liveFeed.lastRebuild().orElseThrow().status();
    assertEquals(done.liveChecksum(), done.rebuiltChecksum());
    assertTrue(done.eventsRead() >= 2000, "read " + done.eventsRead());
    assertEquals(done.eventsTotal(), done.eventsRead());
    LoginModel rebuilt = current.get();
    assertNotSame(before, rebuilt);
    await().atMost(Duration.ofSeconds(10)).until(() -> liveFeed.lag() == 0);
    given()
        .auth()
        .oauth2(TestTokens.operator())
        .get("/ops/v1/projections")
        .then()
        .statusCode(200)
        .body("items.find { it.name == '" + name + "' }.checksum", equalTo(liveFeed.checksum()))
        .body("items.find { it.name == '" + name + "' }.rebuild.state", equalTo("DONE"));

    assertFalse(
        rebuilt.deviceByToken(Key128.ofHex(OpaqueTokens.hash(gone.token()))).isPresent(),
        "a revoked device");
    TenantEntry tenant = rebuilt.findTenant("rebuild").orElseThrow();
    assertTrue(
        rebuilt.userByCode(tenant, code("K1M4BB"), now()) instanceof LoginModel.CodeMatch.Owner);
    assertEquals(
        LoginModel.CodeMatch.Refused.INVALID_CODE,
        rebuilt.userByCode(tenant, code("K1M4AA"), now()),
        "a replaced code");
    // Deleted during the rebuild: whether before the switch or after, the model in place learns it.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                rebuilt.userByCode(tenant, code("L0U4CC"), now())
                    == LoginModel.CodeMatch.Refused.INVALID_CODE);
    assertTrue(
        rebuilt.userByCard(tenant, card("AB02"), now()) instanceof LoginModel.CardMatch.Owner);
    assertTrue(
        rebuilt.userByCard(tenant, card("AB01"), now())
            instanceof LoginModel.CardMatch.NotRegistered,
        "a removed card");
    DeviceApiTest.code(device, "BULK0500").then().statusCode(200);

    long later = now() + Duration.ofHours(3).toMillis();
    assertEquals(
        LoginModel.CodeMatch.Refused.CODE_EXPIRED,
        rebuilt.userByCode(tenant, code("M4X7EX"), now()),
        "an expired mark");
    assertTrue(
        rebuilt.userByCode(tenant, code("N1A7GU"), now()) instanceof LoginModel.CodeMatch.Owner);
    assertEquals(
        LoginModel.CodeMatch.Refused.CODE_EXPIRED,
        rebuilt.userByCode(tenant, code("N1A7GU"), later),
        "a code's window");
    assertTrue(
        rebuilt.userByCard(tenant, card("AB03"), now()) instanceof LoginModel.CardMatch.Owner);
    assertTrue(
        rebuilt.userByCard(tenant, card("AB03"), later) instanceof LoginModel.CardMatch.Inactive,
        "a guest's window");
  }

  private static long now() {
    return System.currentTimeMillis();
  }

  private Key128 code(String code) {
    return Key128.ofKeyedHash(
        hasher.hash("rebuild", SecretPurposes.ACCESS_CODE, AccessCodes.normalise(code)));
  }

  private Key128 card(String number) {
    return Key128.ofKeyedHash(hasher.hash("rebuild", SecretPurposes.CARD_NUMBER, number));
  }
}
