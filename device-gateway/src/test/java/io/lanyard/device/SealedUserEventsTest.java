package io.lanyard.device;

import static io.lanyard.device.DeviceApiTest.admin;
import static io.lanyard.device.DeviceApiTest.awaitStatus;
import static io.lanyard.device.DeviceApiTest.code;
import static io.lanyard.device.DeviceApiTest.register;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanyard.device.DeviceApiTest.Device;
import io.lanyard.device.model.CurrentLoginModel;
import io.lanyard.device.model.Key128;
import io.lanyard.runtime.personal.DataKeyCache;
import io.lanyard.secrets.SecretHasher;
import io.lanyard.testplatform.TestTopics;
import io.lanyard.testsupport.FakeDataKeys;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * identity's {@code UserCreated.v2}/{@code UserUpdated.v2} (ADR 7) at the printer, on the real
 * broker: the name shown is the one the user's data key opens (keys from {@link FakeDataKeys},
 * answering in identity's place), an erased user's sealed events log no one in, and while the key
 * API is away the login model waits before the sealed event rather than skipping the person.
 */
@QuarkusTest
class SealedUserEventsTest {

  static final String TENANT = "sealed";

  @Inject SecretHasher hasher;
  @Inject CurrentLoginModel model;
  @Inject DataKeyCache keys;

  static Upstream upstream;

  @BeforeEach
  void tenantExists() {
    if (upstream == null) {
      upstream = new Upstream(hasher);
      upstream.tenant(TENANT);
    }
    await().until(() -> admin(TENANT).get("/admin/v1/devices").statusCode() == 200);
  }

  @Test
  void aSealedUserLogsInUnderTheNameTheirKeyOpensAndASealedUpdateRenamesThem() {
    Device device = register(TENANT, "Sealed MFD");
    String sam = upstream.sealedUser(TENANT, "sam.sealed", "Sam Sealed");
    upstream.code(TENANT, sam, "S7M4QZ");
    awaitStatus(200, () -> code(device, "S7M4QZ"));
    code(device, "S7M4QZ")
        .then()
        .body("userId", equalTo(sam))
        .body("username", equalTo("sam.sealed"))
        .body("displayName", equalTo("Sam Sealed"));

    upstream.sealedUpdate(TENANT, sam, "sam.renamed", "Sam Renamed");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                model
                    .get()
                    .user(Key128.ofUuid(sam))
                    .map(user -> "Sam Renamed".equals(user.displayName()))
                    .orElse(false));
    code(device, "S7M4QZ").then().statusCode(200).body("username", equalTo("sam.renamed"));
  }

  @Test
  void theSealedEventsOfAUserErasedAtIdentityLogNoOneInAndLeaveNoName() {
    Device device = register(TENANT, "Erased MFD");
    String eve = UUID.randomUUID().toString();
    // As a replay meets them: the creation sealed under a key identity has destroyed since.
    FakeDataKeys.keyOf(TENANT, eve);
    FakeDataKeys.erase(eve);
    upstream.sealedUser(TENANT, eve, "eve.erased", "Eve Erased");
    upstream.code(TENANT, eve, "E7V4QZ");
    String kim = upstream.sealedUser(TENANT, "kim.kept", "Kim Kept");
    upstream.code(TENANT, kim, "K7M4QZ");
    awaitStatus(200, () -> code(device, "K7M4QZ"));

    assertTrue(model.get().user(Key128.ofUuid(eve)).isEmpty(), "no one the model knows");
    // One attempt: failures count towards the device's lockout.
    code(device, "E7V4QZ").then().statusCode(401).body("error", equalTo("invalid_code"));
    assertTrue(deadLettered(eve) == 0, "an erased person is no poison event");
  }

  @Test
  void whileIdentityDoesNotAnswerTheModelWaitsBeforeTheSealedUserAndTakesThemOnceItDoes() {
    Device device = register(TENANT, "Waiting MFD");
    int asked = FakeDataKeys.requests();
    String wes;
    FakeDataKeys.answering(false);
    try {
      wes = upstream.sealedUser(TENANT, "wes.waiting", "Wes Waiting");
      upstream.code(TENANT, wes, "W3S7QZ");
      // The feed asks again and again, and meanwhile does not have the user.
      await().atMost(Duration.ofSeconds(20)).until(() -> FakeDataKeys.requests() >= asked + 3);
      assertTrue(model.get().user(Key128.ofUuid(wes)).isEmpty(), "applied without its key");
    } finally {
      FakeDataKeys.answering(true);
    }
    // The model first, then the login: failed logins count towards the device's lockout.
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                model
                    .get()
                    .user(Key128.ofUuid(wes))
                    .map(user -> "Wes Waiting".equals(user.displayName()))
                    .orElse(false));
    awaitStatus(200, () -> code(device, "W3S7QZ"));
    code(device, "W3S7QZ").then().body("displayName", equalTo("Wes Waiting"));
    assertTrue(deadLettered(wes) == 0, "a key API away is no poison event");
  }

  @Test
  void anErasureDropsTheUsersKeyFromTheGatewaysCache() {
    Device device = register(TENANT, "Forgetting MFD");
    String zoe = upstream.sealedUser(TENANT, "zoe.forgotten", "Zoe Forgotten");
    upstream.code(TENANT, zoe, "Z7E4QZ");
    awaitStatus(200, () -> code(device, "Z7E4QZ"));
    assertTrue(keys.keysOf(TENANT, List.of(zoe)).await().indefinitely().has(zoe), "cached");

    // identity still answers with the key here: only the event can make the gateway forget it.
    upstream.userErased(TENANT, zoe);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> model.get().user(Key128.ofUuid(zoe)).isEmpty());
    int asked = FakeDataKeys.requests();
    assertFalse(keys.keysOf(TENANT, List.of(zoe)).await().indefinitely().has(zoe), "forgotten");
    assertEquals(asked, FakeDataKeys.requests(), "an erased user's key is never asked for again");
  }

  private static long deadLettered(String userId) {
    String topic =
        ConfigProvider.getConfig().getValue("lanyard.events.dead-letter-topic", String.class);
    return TestTopics.readToEnd(topic).stream()
        .filter(record -> userId.equals(record.key()))
        .count();
  }
}
