package io.lanyard.credential;

import static io.lanyard.credential.CredentialApiTest.admin;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.lanyard.testsupport.MovableClock;
import io.lanyard.testsupport.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code batch-initial} from identity-service's CSV import (ADR 6): an import's codes and cards are
 * an admin's ({@code cause: import}), a guest's code keeps to the guest's window, a dry run decides
 * the same and writes nothing; and {@code cards/by-code} tells an expired code apart.
 */
@io.quarkus.test.junit.QuarkusTest
class BatchInitialImportTest {

  @Inject MovableClock clock;

  @AfterEach
  void backToNow() {
    clock.reset();
  }

  static RequestSpecification caller(String client) {
    return given().auth().oauth2(TestTokens.service(client)).contentType(ContentType.JSON);
  }

  static Map<String, Object> line(String userId, String code, String card) {
    Map<String, Object> user = new HashMap<>();
    user.put("userId", userId);
    user.put("code", code);
    user.put("cardNumber", card);
    return user;
  }

  static JsonPath batch(String tenant, boolean dryRun, List<Map<String, Object>> users) {
    return caller("identity-service")
        .body(Map.of("users", users, "dryRun", dryRun))
        .post("/internal/v1/tenants/" + tenant + "/credentials/batch-initial")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  @Test
  void anImportsCodesAndCardsAreAnAdminsAndAGuestsCodeKeepsToTheWindow() throws Exception {
    String tenant = "imp-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    CodesOverTimeTest.tenant(tenant);
    String person = CodesOverTimeTest.created(tenant, "manual", ",\"firstCodeFollows\":true");
    Instant from = CodesOverTimeTest.inDays(1);
    Instant until = CodesOverTimeTest.inDays(4);
    String guest =
        CodesOverTimeTest.created(
            tenant,
            "manual",
            ",\"kind\":\"guest\",\"validFrom\":\""
                + from
                + "\",\"validUntil\":\""
                + until
                + "\",\"firstCodeFollows\":true");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                admin(tenant).get("/admin/v1/credentials/" + guest).statusCode() == 200
                    && admin(tenant).get("/admin/v1/credentials/" + person).statusCode() == 200);

    JsonPath answer =
        batch(
            tenant,
            false,
            List.of(line(person, "imp7k2", "0a0b0c0d"), line(guest, null, "0a0b0c0e")));
    assertEquals(Arrays.asList(null, null), answer.getList("results.error"));

    JsonPath shown = CodesOverTimeTest.credentials(tenant, person);
    assertEquals("admin", shown.getString("codeSource"));
    assertEquals("admin", shown.getString("cards[0].source"));
    assertEquals("IMP7K2", CodesOverTimeTest.reveal(tenant, person));
    JsonPath guests = CodesOverTimeTest.credentials(tenant, guest);
    assertEquals("generated", guests.getString("codeSource"));
    assertEquals(from, Instant.parse(guests.getString("codeValidFrom")));
    assertEquals(until, Instant.parse(guests.getString("codeExpiresAt")));

    List<CodesOverTimeTest.Stored> stream = CodesOverTimeTest.stream(person);
    assertEquals("AccessCodeChanged", stream.get(0).type());
    assertEquals("import", stream.get(0).data().path("cause").asText());
    assertEquals("admin", stream.get(0).data().path("reason").asText());
    assertEquals("admin", stream.get(1).data().path("source").asText());
    assertEquals("import", CodesOverTimeTest.stream(guest).get(0).data().path("cause").asText());
    admin(tenant)
        .get("/admin/v1/credentials/" + person + "/history")
        .then()
        .body("items[0].cause", equalTo("import"));
  }

  @Test
  void aDryRunRefusesWhatARealRunWouldAndWritesNothing() throws Exception {
    String tenant = "dry-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    Bulk.tenant(tenant);
    List<String> users = Bulk.users(tenant, 7, "/D", "manual", "active");
    // One user holds a code and a card already.
    batch(tenant, false, List.of(line(users.get(0), "H0LD3R", "0b0b0b0b")));
    List<Map<String, Object>> lines =
        List.of(
            line(users.get(1), "F7EE4K", "0c0c0c01"),
            line(users.get(2), "123456", null),
            line(users.get(3), "h0ld3r", null),
            line(users.get(4), "D0UB1E", null),
            line(users.get(5), "D0UB1E", null),
            line(users.get(6), null, "0b0b0b0b"));
    List<Object> expected =
        Arrays.asList(null, "trivial_code", "code_in_use", null, "code_in_use", "card_in_use");

    JsonPath tried = batch(tenant, true, lines);
    assertEquals(expected, tried.getList("results.error"));
    for (String user : users.subList(1, 7)) {
      assertEquals(0, IdentityFeedTest.count("event_store.events", user), "nothing written");
    }
    caller("identity-service")
        .body(Map.of("users", List.of(line(users.get(0), null, "0d0d0d0d")), "dryRun", true))
        .post("/internal/v1/tenants/" + tenant + "/credentials/batch-initial")
        .then()
        .body("results[0].error", nullValueMatcher());

    JsonPath real = batch(tenant, false, lines);
    assertEquals(expected, real.getList("results.error"), "the real run refuses the same");
    assertEquals("F7EE4K", CodesOverTimeTest.reveal(tenant, users.get(1)));
  }

  @Test
  void anImportChecksLinesBeforeTheirUsersExistButNeverAnotherTenantsUser() throws Exception {
    String tenant = "pre-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    String other = "oth-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    Bulk.tenant(tenant);
    Bulk.tenant(other);
    String othersUser = Bulk.users(other, 1, "/O", "manual", "active").get(0);
    // An all-or-nothing import asks before it creates its users: their ids exist nowhere yet.
    String notYet = java.util.UUID.randomUUID().toString();
    String notYetEither = java.util.UUID.randomUUID().toString();
    JsonPath tried =
        batch(
            tenant,
            true,
            List.of(
                line(notYet, "N3W7KQ", "0e0e0e01"),
                line(notYetEither, "654321", null),
                line(othersUser, "0TH3RS", null)));
    assertEquals(Arrays.asList(null, "trivial_code", "not_found"), tried.getList("results.error"));
    for (String user : List.of(notYet, notYetEither, othersUser)) {
      assertEquals(0, IdentityFeedTest.count("event_store.events", user), "nothing written");
    }
  }

  private static org.hamcrest.Matcher<Object> nullValueMatcher() {
    return org.hamcrest.Matchers.nullValue();
  }

  @Test
  void onlyDirectorySyncAndIdentityServiceMayHandOverABatch() throws Exception {
    String tenant = "who-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    Bulk.tenant(tenant);
    String user = Bulk.users(tenant, 1, "/W", "manual", "active").get(0);
    for (String stranger : List.of("device-gateway", "notification-service")) {
      given()
          .auth()
          .oauth2(TestTokens.service(stranger, List.of("credential-service")))
          .contentType(ContentType.JSON)
          .body(Map.of("users", List.of(line(user, "ST7ANG", null))))
          .post("/internal/v1/tenants/" + tenant + "/credentials/batch-initial")
          .then()
          .statusCode(403)
          .body("error", equalTo("forbidden_caller"));
    }
    assertEquals(0, IdentityFeedTest.count("event_store.events", user));
    // identity-service names no other internal command of this service.
    caller("identity-service")
        .body(Map.of("code", "ST7ANG"))
        .put("/internal/v1/tenants/" + tenant + "/credentials/" + user + "/directory-code")
        .then()
        .statusCode(403)
        .body("error", equalTo("forbidden_caller"));
  }

  @Test
  void aCardByAnExpiredCodeIsRefusedAsCodeExpiredNever401() throws Exception {
    String tenant = "exq-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    Bulk.tenant(tenant);
    String user = Bulk.users(tenant, 1, "/E", "manual", "active").get(0);
    batch(tenant, false, List.of(line(user, "EXP7K2", null)));
    admin(tenant)
        .body(Map.of("expiresAt", Instant.now().plus(Duration.ofHours(1)).toString()))
        .put("/admin/v1/credentials/" + user + "/access-code")
        .then()
        .statusCode(200);
    clock.moveBy(Duration.ofHours(2));
    caller("device-gateway")
        .body(Map.of("code", "exp7k2", "cardNumber", "0e0e0e0e", "deviceId", "d1"))
        .post("/internal/v1/tenants/" + tenant + "/cards/by-code")
        .then()
        .statusCode(404)
        .body("error", equalTo("code_expired"));
    caller("device-gateway")
        .body(Map.of("code", "N0SUCH", "cardNumber", "0e0e0e0e", "deviceId", "d1"))
        .post("/internal/v1/tenants/" + tenant + "/cards/by-code")
        .then()
        .statusCode(404)
        .body("error", equalTo("invalid_code"));
    assertNull(
        CodesOverTimeTest.credentials(tenant, user).getList("cards").stream()
            .findFirst()
            .orElse(null));
    assertFalse(
        CodesOverTimeTest.stream(user).stream().anyMatch(e -> e.type().equals("CardRegistered")));
  }
}
