package io.lanyard.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lanyard.systemtest.harness.Api;
import io.lanyard.systemtest.harness.Device;
import io.lanyard.systemtest.harness.LanyardSystem;
import io.lanyard.systemtest.harness.Mailbox;
import io.lanyard.systemtest.harness.Pause;
import io.lanyard.systemtest.harness.Service;
import io.lanyard.systemtest.harness.ServiceProcess;
import io.lanyard.systemtest.harness.SystemExtension;
import io.lanyard.systemtest.harness.Tenant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * device-gateway as Kubernetes runs it, twice on one database and one set of topics, an MFD behind
 * a round-robin balancer over both: lockouts count every failure once whichever replica decides it,
 * an admin's unlock, token rotation and revocation made through one replica hold at the other
 * within a second, the reminder limits are the device's and the address's whichever replica is
 * asked, and both replicas' login models are the same.
 */
@ExtendWith({SystemExtension.class, Summary.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayReplicasTest {

  private static final String EMAIL = "ida@gw-replicas.example";
  private static final Duration MAIL = Duration.ofSeconds(30);
  private static final Duration PROPAGATION = Duration.ofSeconds(1);
  private static final String MODEL = "device-gateway.login-model";

  private static LanyardSystem system;
  private static Tenant tenant;
  private static ServiceProcess first;
  private static ServiceProcess second;
  private static String code;

  /** A device as its admin registered it: the id for the admin's calls, the token for its own. */
  private record Registered(String id, String token) {}

  @BeforeAll
  static void twoGateways(LanyardSystem lanyard) {
    system = lanyard;
    tenant = system.createTenant("gw-replicas");
    code = new CodeChanges.Codes().next();
    tenant.issueScimToken().createUser(EMAIL, "Ida Replica", code).expect(201);
    // Registered through the tenant's first call (retried until the gateway knows the tenant).
    Device warmUp = tenant.registerDevice("Warm-up MFD");
    warmUp.awaitCodeLogin(code, 200).expect(200);
    first = system.service(Service.DEVICE_GATEWAY);
    second = system.startReplica(Service.DEVICE_GATEWAY);
  }

  @AfterAll
  static void oneGatewayAgain() {
    if (system != null) {
      system.stopReplicas(Service.DEVICE_GATEWAY);
    }
  }

  @Test
  void wrongCodesOneAfterTheOtherOverBothGatewaysLockTheDeviceAtTheSixth() {
    Registered registered = register("Sequential MFD");
    Device device = system.deviceOnEveryGateway(registered.token());
    for (int attempt = 1; attempt <= 8; attempt++) {
      Api.Answer answer = device.loginByCode("WRONG" + attempt);
      if (attempt <= 5) {
        assertRefused(401, "invalid_code", answer, "failure " + attempt);
      } else {
        assertRefused(429, "too_many_attempts", answer, "failure " + attempt);
      }
    }
    assertLockedEverywhere(registered, 6);
  }

  @Test
  void aBurstOfWrongCodesOverBothGatewaysIsAnsweredFiveTimesThenLocked() {
    Registered registered = register("Burst MFD");
    Device device = system.deviceOnEveryGateway(registered.token());
    List<Supplier<Api.Answer>> guesses = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      String guess = "BURST" + i;
      guesses.add(() -> device.loginByCode(guess));
    }
    Map<String, Integer> answers = tally(Burst.send(guesses));
    assertEquals(Map.of("401 invalid_code", 5, "429 too_many_attempts", 11), answers);
    assertLockedEverywhere(registered, 6);
    Summary.line("gateways x2: a burst of 16 wrong codes over both answered " + answers);
  }

  /**
   * Guesses at one replica, one every 2 ms (faster than they are decided, so some are always under
   * way), while the device's own valid code is typed again and again at the other: a success
   * decided there while guesses are being decided here must forget nothing, or the guesses get five
   * more 401s. The race is not always lost without that rule, so three devices try. First, before
   * the tenant's other failures slow its answers.
   */
  @Test
  @Order(1)
  void theRightCodeAtOneGatewayAmidGuessesAtTheOtherForgetsNothing() {
    for (int round = 0; round < 3; round++) {
      Registered registered = register("Mixed burst MFD " + round);
      Device guesser = system.device(registered.token()).at(first);
      Device owner = system.device(registered.token()).at(second);
      List<Supplier<Api.Answer>> guesses = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        String guess = "MIXED" + round + "X" + i;
        guesses.add(() -> guesser.loginByCode(guess));
      }
      List<CompletableFuture<Map<String, Integer>>> owners = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        owners.add(CompletableFuture.supplyAsync(() -> rightCodeUntilRefused(owner)));
      }
      Map<String, Integer> wrong = tally(Burst.send(guesses, Duration.ofMillis(2)));
      List<Map<String, Integer>> right = owners.stream().map(CompletableFuture::join).toList();
      String answered = "round " + round + ", the right code answered " + right;
      assertEquals(Map.of("401 invalid_code", 5, "429 too_many_attempts", 19), wrong, answered);
      assertLockedEverywhere(registered, 6);
      Summary.line("gateways x2: 24 guesses at one, the right code at the other: " + wrong);
    }
  }

  /** Logs in with the right code until refused (the device locked); what it was answered. */
  private static Map<String, Integer> rightCodeUntilRefused(Device owner) {
    List<Api.Answer> answers = new ArrayList<>();
    Api.Answer answer;
    do {
      answer = owner.loginByCode(code);
      answers.add(answer);
    } while (answer.status() == 200 && answers.size() < 500);
    assertRefused(429, "too_many_attempts", answer, "the right code at last");
    return tally(answers);
  }

  @Test
  void anUnlockATokenRotationAndARevocationThroughOneGatewayHoldAtTheOtherWithinASecond() {
    Registered registered = register("Admin MFD");
    Device everywhere = system.deviceOnEveryGateway(registered.token());
    for (int attempt = 1; attempt <= 6; attempt++) {
      everywhere.loginByCode("LOCK" + attempt);
    }
    assertLockedEverywhere(registered, 6);

    admin(first, "POST", "/admin/v1/devices/" + registered.id() + "/unlock").expect(200);
    long unlock =
        millisUntil(
            () -> system.device(registered.token()).at(second).loginByCode(code),
            answer -> answer.status() == 200);

    String rotated =
        admin(second, "POST", "/admin/v1/devices/" + registered.id() + "/token")
            .expect(201)
            .json()
            .get("token")
            .asText();
    long oldTokenStops =
        millisUntil(
            () -> system.device(registered.token()).at(first).loginByCode(code),
            GatewayReplicasTest::invalidDeviceToken);
    long newTokenWorks =
        millisUntil(
            () -> system.device(rotated).at(first).loginByCode(code),
            answer -> answer.status() == 200);

    admin(first, "DELETE", "/admin/v1/devices/" + registered.id()).expect(204);
    long revoked =
        millisUntil(
            () -> system.device(rotated).at(second).loginByCode(code),
            GatewayReplicasTest::invalidDeviceToken);

    String measured =
        "unlock %d ms, rotation %d ms (old token stops) / %d ms (new token works), revocation %d ms"
            .formatted(unlock, oldTokenStops, newTokenWorks, revoked);
    for (long millis : List.of(unlock, oldTokenStops, newTokenWorks, revoked)) {
      assertTrue(millis < PROPAGATION.toMillis(), measured);
    }
    Summary.line("gateways x2: at the other replica after " + measured);
  }

  @Test
  void aDevicesReminderRateHoldsWhicheverGatewayIsAsked() {
    Registered registered = register("Reminder MFD");
    Device device = system.deviceOnEveryGateway(registered.token());
    List<Supplier<Api.Answer>> requests = new ArrayList<>();
    for (int i = 0; i < 14; i++) {
      String address = "nobody" + i + "@gw-replicas.example";
      requests.add(() -> device.requestReminder(address));
    }
    List<Api.Answer> answers = Burst.send(requests);
    assertEquals(Map.of("202 ", 10, "429 too_many_reminders", 4), tally(answers));
    for (Api.Answer answer : answers) {
      if (answer.status() == 429) {
        assertNotNull(answer.header("Retry-After"), answer.body());
      }
    }
    for (ServiceProcess gateway : List.of(first, second)) {
      assertRefused(
          429,
          "too_many_reminders",
          system.device(registered.token()).at(gateway).requestReminder("late@gw-replicas.example"),
          "the 15th, at " + gateway.url(""));
    }
  }

  @Test
  void anAddressGetsOneReminderWhenAskedAtBothGatewaysAtOnce() {
    // The invitation is sent by then: only the reminder is counted.
    Quiet.await(system);
    int before = system.mailbox().to(EMAIL).size();
    Device device = system.deviceOnEveryGateway(register("Address MFD").token());
    List<Supplier<Api.Answer>> requests = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      requests.add(() -> device.requestReminder(EMAIL));
    }
    assertEquals(Map.of("202 ", 4), tally(Burst.send(requests)));
    Mailbox.Mail reminder = system.mailbox().await(EMAIL, before + 1, MAIL).get(before);
    assertEquals(code, reminder.code().orElseThrow(), reminder.text());
    await("the gateways' outbox is published")
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                system.queryNumber(
                        Service.DEVICE_GATEWAY, "SELECT count(*) FROM event_store.outbox")
                    == 0);
    Quiet.await(system);
    assertEquals(before + 1, system.mailbox().to(EMAIL).size(), "reminders to " + EMAIL);
  }

  /** Last: after every change above, some applied at once by one replica, read by the other. */
  @Test
  @Order(Integer.MAX_VALUE)
  void bothGatewaysModelsHaveOneChecksum() {
    register("Checksum MFD");
    await("both models at the same position")
        .atMost(Duration.ofSeconds(30))
        .until(() -> model(first).get("position").equals(model(second).get("position")));
    JsonNode one = model(first);
    JsonNode other = model(second);
    assertEquals(one.get("position"), other.get("position"));
    assertEquals(one.get("checksum").asText(), other.get("checksum").asText(), one + " / " + other);
  }

  private static Registered register(String name) {
    JsonNode device =
        tenant
            .admin(
                Service.DEVICE_GATEWAY,
                "POST",
                "/admin/v1/devices",
                "{\"name\":\"" + name + "\",\"location\":\"Replicas\"}")
            .expect(201)
            .json();
    Registered registered = new Registered(device.get("id").asText(), device.get("token").asText());
    // The other replica learns of the device from the topic.
    system.device(registered.token()).at(second).awaitCodeLogin(code, 200).expect(200);
    return registered;
  }

  /** Locked at both replicas, by the consecutive failures, with only {@code counted} counted. */
  private static void assertLockedEverywhere(Registered registered, int counted) {
    for (ServiceProcess gateway : List.of(first, second)) {
      assertRefused(
          429,
          "too_many_attempts",
          system.device(registered.token()).at(gateway).loginByCode(code),
          "the right code at " + gateway.url(""));
      assertTrue(
          system.device(registered.token()).at(gateway).loginByCode(code).header("Retry-After")
              != null);
    }
    JsonNode lock =
        admin(first, "GET", "/admin/v1/devices/" + registered.id()).expect(200).json().get("lock");
    assertTrue(lock.get("locked").asBoolean(), lock.toString());
    assertEquals("consecutive_failures", lock.get("lockReason").asText(), lock.toString());
    assertEquals(counted, lock.get("failuresInLastHour").asInt(), lock.toString());
  }

  private static void assertRefused(int status, String error, Api.Answer answer, String what) {
    assertEquals(status + " " + error, statusAndError(answer), what + ": " + answer.body());
  }

  /** How many answers of each status and error ({@code "401 invalid_code"}). */
  private static Map<String, Integer> tally(List<Api.Answer> answers) {
    Map<String, Integer> tally = new TreeMap<>();
    answers.forEach(answer -> tally.merge(statusAndError(answer), 1, Integer::sum));
    return tally;
  }

  private static String statusAndError(Api.Answer answer) {
    if (answer.status() < 400) {
      return answer.status() + " ";
    }
    return answer.status() + " " + answer.json().path("error").asText();
  }

  private static boolean invalidDeviceToken(Api.Answer answer) {
    return "401 invalid_device_token".equals(statusAndError(answer));
  }

  /** How long after now {@code call} first answers as {@code done} wants (polled every 5 ms). */
  private static long millisUntil(Supplier<Api.Answer> call, Predicate<Api.Answer> done) {
    long start = System.nanoTime();
    long deadline = start + Duration.ofSeconds(10).toNanos();
    Api.Answer answer = call.get();
    while (!done.test(answer) && System.nanoTime() < deadline) {
      Pause.of(Duration.ofMillis(5));
      answer = call.get();
    }
    long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
    assertTrue(done.test(answer), "after " + millis + " ms: " + answer.body());
    return millis;
  }

  private static Api.Answer admin(ServiceProcess gateway, String method, String path) {
    return Api.send(method, gateway.url(path), tenant.adminToken(), "application/json", null);
  }

  private static JsonNode model(ServiceProcess gateway) {
    return Api.send(
            "GET",
            gateway.url("/ops/v1/projections/" + MODEL),
            system.oidc().operator(),
            null,
            null)
        .expect(200)
        .json();
  }
}
