package io.lanyard.device;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.lanyard.device.DeviceApiTest.admin;
import static io.lanyard.device.DeviceApiTest.at;
import static io.lanyard.device.DeviceApiTest.card;
import static io.lanyard.device.DeviceApiTest.code;
import static io.lanyard.device.DeviceApiTest.register;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.lanyard.contracts.IdentityEvents;
import io.lanyard.credentialrules.AccessCodes;
import io.lanyard.credentialrules.CardNumbers;
import io.lanyard.credentialrules.SecretPurposes;
import io.lanyard.device.DeviceApiTest.Device;
import io.lanyard.device.model.CurrentLoginModel;
import io.lanyard.device.model.Key128;
import io.lanyard.device.model.LoginModel.CardMatch;
import io.lanyard.device.model.LoginModel.CodeMatch;
import io.lanyard.device.model.TenantEntry;
import io.lanyard.device.model.UserEntry;
import io.lanyard.secrets.SecretHasher;
import io.lanyard.testsupport.FakeServices;
import io.lanyard.testsupport.MovableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Codes and guests over time at the device (ADR 6, "Time without a request"), against the real
 * broker and database: windows published as identity-service and credential-service would, and
 * deadlines passed by moving the gateway's clock, with no event after them.
 *
 * <p>Each test first waits until the model holds what it published, by asking the model at the
 * instant that tells (a login by HTTP before that would count as a failure towards the device's
 * lockout), then logs in by HTTP.
 */
@QuarkusTest
class CodesOverTimeTest {

  static final String TENANT = "chronos";
  static final Duration HOUR = Duration.ofHours(1);

  @Inject SecretHasher hasher;
  @Inject CurrentLoginModel model;
  @Inject MovableClock clock;

  static Upstream upstream;

  @BeforeEach
  void tenantExists() {
    if (upstream == null) {
      upstream = new Upstream(hasher);
      upstream.tenant(TENANT);
    }
    await().until(() -> admin(TENANT).get("/admin/v1/devices").statusCode() == 200);
  }

  @AfterEach
  void clockBack() {
    clock.reset();
  }

  @Test
  void aCodePastItsExpiryIsRefusedAsExpiredAndCountsAsAFailure() {
    Device device = register(TENANT, "Expired MFD");
    String ann = upstream.user(TENANT, "ann", "Ann");
    upstream.code(TENANT, ann, "ANN7EX", null, Instant.now().minus(HOUR));
    awaitCode("ANN7EX", now(), CodeMatch.Refused.CODE_EXPIRED::equals);

    refused(code(device, "ann7ex"), "code_expired")
        .then()
        .body("message", equalTo("this access code has expired"));
    // Expiry is no cheaper to probe than a wrong code: five refusals, and the sixth locks.
    for (int i = 0; i < 4; i++) {
      refused(code(device, "ANN7EX"), "code_expired");
    }
    code(device, "ANN7EX").then().statusCode(429).body("error", equalTo("too_many_attempts"));
    admin(TENANT)
        .get("/admin/v1/devices/" + device.id())
        .then()
        .body("lock.locked", equalTo(true))
        .body("recentFailures", hasSize(6));
  }

  @Test
  void aCodeWorksUntilTheClockPassesItsExpiryAndThenIsExpiredWithoutAnyEvent() {
    Device device = register(TENANT, "Deadline MFD");
    String ben = upstream.user(TENANT, "ben", "Ben");
    upstream.code(TENANT, ben, "BEN7EX", null, Instant.now().plus(Duration.ofMinutes(10)));
    awaitCode("BEN7EX", now(), match -> match instanceof CodeMatch.Owner);
    code(device, "BEN7EX").then().statusCode(200).body("userId", equalTo(ben));

    clock.moveBy(Duration.ofMinutes(10).plusSeconds(1));
    refused(code(device, "BEN7EX"), "code_expired");
  }

  @Test
  void aSuspendedUsersExpiredCodeSaysExpiredAndTheirValidCodeIsInvalidAsBefore() {
    Device device = register(TENANT, "Suspended MFD");
    String cat = upstream.user(TENANT, "cat", "Cat");
    upstream.code(TENANT, cat, "CAT7EX", null, Instant.now().minus(HOUR));
    String dan = upstream.user(TENANT, "dan", "Dan");
    upstream.code(TENANT, dan, "DAN7OK", null, Instant.now().plus(HOUR));
    upstream.userEvent(IdentityEvents.USER_SUSPENDED, TENANT, cat);
    upstream.userEvent(IdentityEvents.USER_SUSPENDED, TENANT, dan);
    awaitUser(cat, user -> user.isPresent() && !user.get().active());
    awaitUser(dan, user -> user.isPresent() && !user.get().active());
    awaitCode("CAT7EX", now(), CodeMatch.Refused.CODE_EXPIRED::equals);
    awaitCode("DAN7OK", now() + HOUR.toMillis() + 1, CodeMatch.Refused.CODE_EXPIRED::equals);

    refused(code(device, "CAT7EX"), "code_expired");
    refused(code(device, "DAN7OK"), "invalid_code");
  }

  @Test
  void aReplacedCodeWorksAgainAndADeletedUsersExpiredCodeIsNoOnes() {
    Device device = register(TENANT, "Replaced MFD");
    String eva = upstream.user(TENANT, "eva", "Eva");
    upstream.code(TENANT, eva, "EVA7EX", null, Instant.now().minus(HOUR));
    awaitCode("EVA7EX", now(), CodeMatch.Refused.CODE_EXPIRED::equals);
    refused(code(device, "EVA7EX"), "code_expired");

    // The same value given again as a new code: a new window, nothing expired with it.
    upstream.code(TENANT, eva, "EVA7EX", null, Instant.now().plus(HOUR));
    awaitCode("EVA7EX", now(), match -> match instanceof CodeMatch.Owner);
    code(device, "EVA7EX").then().statusCode(200).body("userId", equalTo(eva));

    upstream.code(TENANT, eva, "EVA8EX", null, Instant.now().minus(HOUR));
    awaitCode("EVA8EX", now(), CodeMatch.Refused.CODE_EXPIRED::equals);
    refused(code(device, "EVA7EX"), "invalid_code");
    upstream.userEvent(IdentityEvents.USER_DELETED, TENANT, eva);
    awaitUser(eva, Optional::isEmpty);
    refused(code(device, "EVA8EX"), "invalid_code");
  }

  @Test
  void aCodeBeforeItsValidFromIsInvalidUntilTheClockReachesIt() {
    Device device = register(TENANT, "Early MFD");
    String fay = upstream.user(TENANT, "fay", "Fay");
    upstream.code(TENANT, fay, "FAY7EX", Instant.now().plus(HOUR), null);
    awaitCode("FAY7EX", now() + 2 * HOUR.toMillis(), match -> match instanceof CodeMatch.Owner);
    refused(code(device, "FAY7EX"), "invalid_code");

    clock.moveBy(HOUR.plusSeconds(1));
    code(device, "FAY7EX").then().statusCode(200).body("userId", equalTo(fay));
  }

  @Test
  void anExpiryChangeClearsOrMovesTheDeadlineAndTheExpiredFactEndsTheCodeWhateverTheClock() {
    Device device = register(TENANT, "Expiry MFD");
    String gus = upstream.user(TENANT, "gus", "Gus");
    upstream.code(TENANT, gus, "GUS7EX", null, Instant.now().minus(HOUR));
    awaitCode("GUS7EX", now(), CodeMatch.Refused.CODE_EXPIRED::equals);
    refused(code(device, "GUS7EX"), "code_expired");

    upstream.codeExpiry(TENANT, gus, null, null);
    awaitCode("GUS7EX", now(), match -> match instanceof CodeMatch.Owner);
    code(device, "GUS7EX").then().statusCode(200);

    Instant deadline = Instant.now().plus(HOUR);
    upstream.codeExpiry(TENANT, gus, null, deadline);
    awaitCode("GUS7EX", deadline.toEpochMilli(), CodeMatch.Refused.CODE_EXPIRED::equals);
    code(device, "GUS7EX").then().statusCode(200);

    // credential-service's clock ran ahead of this replica's: its fact wins.
    upstream.codeExpired(TENANT, gus, "GUS7EX");
    awaitCode("GUS7EX", now(), CodeMatch.Refused.CODE_EXPIRED::equals);
    refused(code(device, "GUS7EX"), "code_expired");
  }

  @Test
  void aGuestsCardAndCodeWorkOnlyInsideTheirWindow() {
    Device device = register(TENANT, "Guest MFD");
    Instant start = Instant.now().minus(HOUR);
    String hal = upstream.guest(TENANT, "hal", start, Instant.now().plus(HOUR));
    upstream.code(TENANT, hal, "HAL7GU");
    upstream.card(TENANT, hal, "0A1B2C3D");
    awaitCard("0A1B2C3D", now(), match -> match instanceof CardMatch.Owner);
    awaitCode("HAL7GU", now(), match -> match instanceof CodeMatch.Owner);
    card(device, "0A1B2C3D").then().statusCode(200).body("userId", equalTo(hal));
    code(device, "HAL7GU").then().statusCode(200);

    clock.moveBy(HOUR.plusSeconds(1));
    refused(card(device, "0A1B2C3D"), "user_inactive");
    refused(code(device, "HAL7GU"), "code_expired");

    // The admin extends the window: the card works again at the same (moved) instant.
    upstream.guestWindow(TENANT, hal, "hal", start, Instant.now().plus(Duration.ofHours(3)));
    awaitCard("0A1B2C3D", now(), match -> match instanceof CardMatch.Owner);
    card(device, "0A1B2C3D").then().statusCode(200);

    // A guest whose window opens in an hour: their card is an inactive user's until then.
    clock.reset();
    Instant opens = Instant.now().plus(HOUR);
    String ida = upstream.guest(TENANT, "ida", opens, opens.plus(HOUR));
    upstream.card(TENANT, ida, "0E0F1011");
    awaitCard("0E0F1011", opens.toEpochMilli(), match -> match instanceof CardMatch.Owner);
    refused(card(device, "0E0F1011"), "user_inactive");
  }

  @Test
  void aCardIsNotRegisteredByAnExpiredCode() {
    Device device = register(TENANT, "Register MFD");
    String jon = upstream.user(TENANT, "jon", "Jon");
    upstream.code(TENANT, jon, "JON7EX", null, Instant.now().minus(HOUR));
    awaitCode("JON7EX", now(), CodeMatch.Refused.CODE_EXPIRED::equals);
    String byCode = "/internal/v1/tenants/" + TENANT + "/cards/by-code";
    int before = FakeServices.server().findAll(postRequestedFor(urlEqualTo(byCode))).size();

    refused(
        at(device).body(Map.of("code", "JON7EX", "cardNumber", "0B0B0B")).post("/device/v1/cards"),
        "code_expired");
    FakeServices.server().verify(before, postRequestedFor(urlEqualTo(byCode)));
  }

  /**
   * credential-service answers a code that is no one's with 404 {@code invalid_code}; an expired
   * one (its clock ahead of this replica's) by its error code, whatever the 4xx.
   */
  @Test
  void credentialServicesCodeExpiredIsPassedOnWhenItsClockRanAhead() {
    Device device = register(TENANT, "Ahead MFD");
    String kim = upstream.user(TENANT, "kim", "Kim");
    upstream.code(TENANT, kim, "KIM7EX");
    awaitCode("KIM7EX", now(), match -> match instanceof CodeMatch.Owner);
    var stub =
        FakeServices.server()
            .stubFor(
                post(urlEqualTo("/internal/v1/tenants/" + TENANT + "/cards/by-code"))
                    .willReturn(
                        aResponse()
                            .withStatus(404)
                            .withHeader("Content-Type", "application/json")
                            .withBody(
                                "{\"error\":\"code_expired\",\"message\":\"this access code has expired\"}")));
    try {
      refused(
          at(device)
              .body(Map.of("code", "KIM7EX", "cardNumber", "0C0C0C"))
              .post("/device/v1/cards"),
          "code_expired");
      admin(TENANT)
          .get("/admin/v1/devices/" + device.id())
          .then()
          .body("recentFailures", hasSize(1));
    } finally {
      FakeServices.server().removeStub(stub);
    }
  }

  private static Response refused(Response response, String error) {
    response.then().statusCode(401).body("error", equalTo(error));
    return response;
  }

  private long now() {
    return clock.millis();
  }

  private void awaitCode(String code, long at, Predicate<CodeMatch> answer) {
    Key128 hash =
        Key128.ofKeyedHash(
            hasher.hash(TENANT, SecretPurposes.ACCESS_CODE, AccessCodes.normalise(code)));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> answer.test(model.get().userByCode(chronos(), hash, at)));
  }

  private void awaitCard(String number, long at, Predicate<CardMatch> answer) {
    Key128 hash =
        Key128.ofKeyedHash(
            hasher.hash(TENANT, SecretPurposes.CARD_NUMBER, CardNumbers.canonical(number)));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> answer.test(model.get().userByCard(chronos(), hash, at)));
  }

  private void awaitUser(String userId, Predicate<Optional<UserEntry>> state) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> state.test(model.get().user(Key128.ofUuid(userId))));
  }

  private TenantEntry chronos() {
    return model.get().findTenant(TENANT).orElseThrow();
  }
}
