package io.lanyard.credential;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.lanyard.contracts.IdentityEvents;
import io.lanyard.testplatform.TestTopics;
import io.lanyard.testsupport.SecurityMatrix;
import io.lanyard.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

// The real platform comes from the module's one @QuarkusTestResource (on its *StartsTest),
// which applies to every test class of the module: one application start for all of them.
@QuarkusTest
class CredentialApiTest {

  static String ada;
  static String bob;
  static String me;
  static String gus;

  static RequestSpecification admin(String tenant) {
    return given().auth().oauth2(TestTokens.admin(tenant)).contentType(ContentType.JSON);
  }

  static String user(String tenant, String email) throws Exception {
    String id = UUID.randomUUID().toString();
    IdentityFeedTest.publish(
        IdentityEvents.USER_CREATED,
        id,
        1,
        tenant,
        "{\"userId\":\""
            + id
            + "\",\"tenantId\":\""
            + tenant
            + "\",\"username\":\"u\","
            + "\"displayName\":\"U\",\"email\":\""
            + email
            + "\",\"origin\":\"manual\","
            + "\"externalId\":null}");
    return id;
  }

  /** Once per class, but after the app is up (RestAssured knows its port only then). */
  @BeforeEach
  void users() throws Exception {
    if (ada != null) {
      return;
    }
    for (String tenant : List.of("acme", "globex")) {
      IdentityFeedTest.publish(
          IdentityEvents.TENANT_CREATED,
          tenant,
          1,
          tenant,
          "{\"tenantId\":\"" + tenant + "\",\"name\":\"T\"}");
    }
    ada = user("acme", "ada-" + UUID.randomUUID() + "@acme.example");
    bob = user("acme", "bob-" + UUID.randomUUID() + "@acme.example");
    me = user("acme", "user@acme.example");
    gus = user("globex", "gus@globex.example");
    for (String id : List.of(ada, bob, me)) {
      awaitKnown(id);
    }
  }

  static void awaitKnown(String userId) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> admin("acme").get("/admin/v1/credentials/" + userId).statusCode() == 200);
  }

  static String reveal(String userId) {
    return admin("acme")
        .post("/admin/v1/credentials/" + userId + "/access-code/reveal")
        .then()
        .statusCode(200)
        .extract()
        .path("accessCode");
  }

  @Test
  void anAdminSeesTheCodeMaskedRevealsItSetsOneAndHasOneGenerated() throws Exception {
    String cy = user("acme", "cy-" + UUID.randomUUID() + "@acme.example");
    awaitKnown(cy);
    admin("acme")
        .get("/admin/v1/credentials/" + cy)
        .then()
        .statusCode(200)
        .body("accessCode", equalTo("••••••"))
        .body("codeSource", equalTo("generated"))
        .body("cards", hasSize(0));
    String generated = reveal(cy);
    assertEquals(6, generated.length());

    admin("acme")
        .body(Map.of("code", "7kq2mx", "notifyUser", true))
        .put("/admin/v1/credentials/" + cy + "/access-code")
        .then()
        .statusCode(200)
        .body("accessCode", equalTo("••••••"))
        .body("codeSource", equalTo("admin"));
    assertEquals("7KQ2MX", reveal(cy));

    admin("acme")
        .body(Map.of("code", "7KQ2MX"))
        .put("/admin/v1/credentials/" + bob + "/access-code")
        .then()
        .statusCode(409)
        .body("error", equalTo("code_in_use"));

    admin("acme")
        .body(Map.of("generate", true))
        .put("/admin/v1/credentials/" + cy + "/access-code")
        .then()
        .statusCode(200)
        .body("codeSource", equalTo("generated"));
    assertNotEquals("7KQ2MX", reveal(cy));
  }

  @Test
  void codesOutsideThePolicyAreRefusedSayingWhatIsAllowed() {
    admin("acme")
        .body(Map.of("code", "123456"))
        .put("/admin/v1/credentials/" + bob + "/access-code")
        .then()
        .statusCode(400)
        .body("error", equalTo("trivial_code"));
    admin("acme")
        .body(Map.of("code", "AB3"))
        .put("/admin/v1/credentials/" + bob + "/access-code")
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_code"))
        .body(
            "message",
            equalTo(
                "an access code is 6 letters and digits, not one character repeated or a straight run like 123456"));
    admin("acme")
        .body(Map.of("code", "7KQ2MZ", "generate", true))
        .put("/admin/v1/credentials/" + bob + "/access-code")
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_request"));
  }

  @Test
  void cardsAreAddedMaskedUniquePerTenantLimitedAndRemoved() {
    String cardId =
        admin("acme")
            .body(Map.of("cardNumber", " 04a1b2c3 ", "label", "Badge"))
            .post("/admin/v1/credentials/" + ada + "/cards")
            .then()
            .statusCode(201)
            .body("id", notNullValue())
            .body("label", equalTo("Badge"))
            .body("maskedNumber", equalTo("••••B2C3"))
            .body("source", equalTo("admin"))
            .extract()
            .path("id");
    admin("acme")
        .body(Map.of("cardNumber", "04A1B2C3"))
        .post("/admin/v1/credentials/" + bob + "/cards")
        .then()
        .statusCode(409)
        .body("error", equalTo("card_in_use"));
    admin("acme")
        .body(Map.of("cardNumber", "not a card"))
        .post("/admin/v1/credentials/" + bob + "/cards")
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_card_number"));
    admin("acme")
        .queryParam("cardNumber", "04A1B2C3")
        .get("/admin/v1/credentials")
        .then()
        .statusCode(200)
        .body("userId", equalTo(ada))
        .body("cardId", equalTo(cardId));
    admin("globex")
        .queryParam("cardNumber", "04A1B2C3")
        .get("/admin/v1/credentials")
        .then()
        .statusCode(404);
    admin("acme")
        .delete("/admin/v1/credentials/" + ada + "/cards/" + cardId)
        .then()
        .statusCode(204);
    admin("acme")
        .queryParam("cardNumber", "04A1B2C3")
        .get("/admin/v1/credentials")
        .then()
        .statusCode(404);
    admin("acme")
        .get("/admin/v1/credentials/" + ada + "/history")
        .then()
        .statusCode(200)
        .body("items.event", hasItems("access_code_changed", "card_registered", "card_removed"))
        .body("items[0].reason", equalTo("initial"))
        .body("items.find { it.event == 'card_registered' }.maskedNumber", equalTo("••••B2C3"))
        // No hash or ciphertext (they start with the key id) in the history.
        .body(not(containsString("local1:")));
    admin("acme").get("/admin/v1/credentials/" + ada).then().body("cards", hasSize(0));
    admin("acme")
        .delete("/admin/v1/credentials/" + ada + "/cards/" + cardId)
        .then()
        .statusCode(404);

    String prefix = Long.toHexString(System.nanoTime()).toUpperCase();
    for (int i = 0; i < 5; i++) {
      admin("acme")
          .body(Map.of("cardNumber", prefix + i))
          .post("/admin/v1/credentials/" + bob + "/cards")
          .then()
          .statusCode(201);
    }
    admin("acme")
        .body(Map.of("cardNumber", prefix + "F"))
        .post("/admin/v1/credentials/" + bob + "/cards")
        .then()
        .statusCode(409)
        .body("error", equalTo("card_limit_reached"));
  }

  @Test
  void twoAdminsSettingTheSameCodeAtOnceOneWinsTheOtherGets409() {
    String code =
        "Q" + UUID.randomUUID().toString().replaceAll("[^A-F2-9]", "").substring(0, 4) + "Z";
    CompletableFuture<Integer> first =
        CompletableFuture.supplyAsync(
            () ->
                admin("acme")
                    .body(Map.of("code", code))
                    .put("/admin/v1/credentials/" + ada + "/access-code")
                    .statusCode());
    CompletableFuture<Integer> second =
        CompletableFuture.supplyAsync(
            () ->
                admin("acme")
                    .body(Map.of("code", code))
                    .put("/admin/v1/credentials/" + me + "/access-code")
                    .statusCode());
    List<Integer> statuses = List.of(first.join(), second.join());
    assertEquals(List.of(200, 409), statuses.stream().sorted().toList(), code);
  }

  @Test
  void anotherTenantsAdminGets404AndTheWrongRoleOrNoTokenIsRefused() {
    admin("globex")
        .get("/admin/v1/credentials/" + ada)
        .then()
        .statusCode(404)
        .body("error", equalTo("not_found"));
    admin("globex")
        .post("/admin/v1/credentials/" + ada + "/access-code/reveal")
        .then()
        .statusCode(404);
    admin("acme").get("/admin/v1/credentials/" + gus).then().statusCode(404);
    admin("acme").get("/admin/v1/credentials/" + UUID.randomUUID()).then().statusCode(404);
    given()
        .get("/admin/v1/credentials/" + ada)
        .then()
        .statusCode(401)
        .body("error", equalTo("unauthorized"));
    given()
        .auth()
        .oauth2(TestTokens.user("acme"))
        .get("/admin/v1/credentials/" + ada)
        .then()
        .statusCode(403)
        .body("error", equalTo("forbidden"));
    admin("nowhere")
        .get("/admin/v1/credentials/" + ada)
        .then()
        .statusCode(403)
        .body("error", equalTo("unknown_tenant"));
  }

  @Test
  void aTenantsPolicyDecidesCodesCardsAndHowReaderValuesConvert() {
    String path = "/admin/v1/credential-policy";
    admin("globex")
        .get(path)
        .then()
        .statusCode(200)
        .body("codeLength", equalTo(6))
        .body("codeAlphabet", equalTo("alphanumeric"))
        .body("maxCards", equalTo(5))
        .body("cardConversion", hasSize(0));
    admin("globex")
        .body(
            "{\"codeLength\":4,\"codeAlphabet\":\"digits\",\"maxCards\":1,"
                + "\"cardConversion\":[{\"step\":\"trim\"},{\"step\":\"strip_prefix\",\"value\":\";\"},"
                + "{\"step\":\"strip_leading_zeros\"}]}")
        .put(path)
        .then()
        .statusCode(200)
        .body("codeLength", equalTo(4))
        .body("cardConversion[1].value", equalTo(";"));
    admin("globex")
        .body(Map.of("rawValue", " ;0001234567 "))
        .post(path + "/card-conversion/preview")
        .then()
        .statusCode(200)
        .body("cardNumber", equalTo("1234567"));
    admin("globex")
        .body(Map.of("rawValue", "not-a-card"))
        .post(path + "/card-conversion/preview")
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_card_number"));
    admin("globex")
        .body(Map.of("codeLength", 3, "codeAlphabet", "digits", "maxCards", 1))
        .put(path)
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_code_length"));
    admin("globex")
        .body(
            "{\"codeLength\":4,\"codeAlphabet\":\"digits\",\"maxCards\":1,\"cardConversion\":[{\"step\":\"rot13\"}]}")
        .put(path)
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_card_conversion"));

    admin("globex")
        .body(Map.of("code", "AB12"))
        .put("/admin/v1/credentials/" + gus + "/access-code")
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_code"));
    admin("globex")
        .body(Map.of("code", "4711"))
        .put("/admin/v1/credentials/" + gus + "/access-code")
        .then()
        .statusCode(200);
    admin("globex")
        .body(Map.of("generate", true))
        .put("/admin/v1/credentials/" + gus + "/access-code")
        .then()
        .statusCode(200);
    String generated =
        given()
            .auth()
            .oauth2(TestTokens.admin("globex"))
            .post("/admin/v1/credentials/" + gus + "/access-code/reveal")
            .then()
            .extract()
            .path("accessCode");
    assertEquals(true, generated.matches("[0-9]{4}"), generated);
    admin("globex")
        .body(Map.of("cardNumber", "0A1"))
        .post("/admin/v1/credentials/" + gus + "/cards")
        .then()
        .statusCode(201);
    admin("globex")
        .body(Map.of("cardNumber", "0A2"))
        .post("/admin/v1/credentials/" + gus + "/cards")
        .then()
        .statusCode(409)
        .body("error", equalTo("card_limit_reached"));
  }

  @Test
  void aSignedInUserReadsTheirOwnCodeInClear() {
    String code = reveal(me);
    given()
        .auth()
        .oauth2(TestTokens.user("acme"))
        .get("/me/v1/access")
        .then()
        .statusCode(200)
        .body("accessCode", equalTo(code))
        .body("cards", hasSize(0));
    given().get("/me/v1/access").then().statusCode(401);
  }

  @Test
  void noCodeOrCardNumberEverReachesKafkaInPlainText() {
    admin("acme")
        .body(Map.of("code", "HX7P3M"))
        .put("/admin/v1/credentials/" + bob + "/access-code")
        .then()
        .statusCode(200);
    admin("acme")
        .body(Map.of("cardNumber", "DEADBEEF42"))
        .post("/admin/v1/credentials/" + me + "/cards")
        .then()
        .statusCode(201);
    List<String> secrets = List.of("HX7P3M", "DEADBEEF42", reveal(ada), reveal(me));
    // Once the outbox is empty, the relay has published everything this service appended.
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> IdentityFeedTest.count("event_store.outbox", null) == 0);
    List<ConsumerRecord<String, byte[]>> records =
        TestTopics.readToEnd(IdentityFeedTest.config("lanyard.events.topic"));
    assertFalse(records.isEmpty());
    for (ConsumerRecord<String, byte[]> record : records) {
      StringBuilder raw =
          new StringBuilder(record.key())
              .append(new String(record.value(), StandardCharsets.UTF_8));
      for (Header header : record.headers()) {
        raw.append(new String(header.value(), StandardCharsets.UTF_8));
      }
      for (String secret : secrets) {
        assertFalse(raw.toString().contains(secret), "a secret in plain text on Kafka");
      }
    }
  }

  @Test
  void directorySyncAndTheGatewayUseTheInternalCommandsWithAServiceIdentity() throws Exception {
    String dsu = UUID.randomUUID().toString();
    IdentityFeedTest.publish(
        IdentityEvents.USER_CREATED,
        dsu,
        1,
        "acme",
        "{\"userId\":\""
            + dsu
            + "\",\"tenantId\":\"acme\",\"username\":\"d\","
            + "\"displayName\":\"D\",\"email\":\""
            + dsu
            + "@acme.example\",\"origin\":\"scim\","
            + "\"externalId\":\"e-"
            + dsu
            + "\"}");
    awaitKnown(dsu);
    RequestSpecification service =
        given()
            .auth()
            .oauth2(TestTokens.service("directory-sync-service"))
            .contentType(ContentType.JSON);
    String base = "/internal/v1/tenants/acme/credentials/" + dsu;
    admin("acme")
        .get("/admin/v1/credentials/" + dsu)
        .then()
        .body("accessCode", org.hamcrest.Matchers.nullValue());

    service
        .body(Map.of("code", "dir7x9"))
        .post(base + "/initial-code")
        .then()
        .statusCode(200)
        .body("codeSource", equalTo("directory"))
        .body("accessCode", equalTo("••••••"));
    service.body(Map.of("code", "DIR8Y2")).post(base + "/initial-code").then().statusCode(200);
    assertEquals("DIR7X9", reveal(dsu), "a second first code changes nothing");

    service.body(Map.of("code", "DIR8Y2")).put(base + "/directory-code").then().statusCode(200);
    assertEquals("DIR8Y2", reveal(dsu));
    service
        .body("{\"code\":null}")
        .put(base + "/directory-code")
        .then()
        .statusCode(200)
        .body("codeSource", equalTo("generated"));
    String regenerated = reveal(dsu);
    assertNotEquals("DIR8Y2", regenerated);

    service
        .body(Map.of("cardNumber", "abc123"))
        .put(base + "/directory-card")
        .then()
        .statusCode(200)
        .body("cards", hasSize(1))
        .body("cards[0].source", equalTo("directory"));
    service
        .body(Map.of("cardNumber", "ABC124"))
        .put(base + "/directory-card")
        .then()
        .statusCode(200)
        .body("cards", hasSize(1))
        .body("cards[0].maskedNumber", equalTo("••••C124"));
    service
        .body("{\"cardNumber\":null}")
        .put(base + "/directory-card")
        .then()
        .statusCode(200)
        .body("cards", hasSize(0));

    RequestSpecification gateway =
        given().auth().oauth2(TestTokens.service("device-gateway")).contentType(ContentType.JSON);
    gateway
        .body(
            Map.of("code", regenerated.toLowerCase(), "cardNumber", " 0beef1 ", "deviceId", "d-1"))
        .post("/internal/v1/tenants/acme/cards/by-code")
        .then()
        .statusCode(201)
        .body("userId", equalTo(dsu))
        .body("cardId", notNullValue());
    admin("acme")
        .get("/admin/v1/credentials/" + dsu)
        .then()
        .body("cards[0].source", equalTo("device"));
    gateway
        .body(Map.of("code", "NOPE42", "cardNumber", "0BEEF2"))
        .post("/internal/v1/tenants/acme/cards/by-code")
        .then()
        .statusCode(404)
        .body("error", equalTo("invalid_code"));
    admin("acme").body(Map.of("code", "X")).post(base + "/initial-code").then().statusCode(403);
    service
        .body(Map.of("code", "DIR7X9"))
        .post("/internal/v1/tenants/globex/credentials/" + dsu + "/initial-code")
        .then()
        .statusCode(404);
  }

  @Test
  void aDirectorysPageOfNewUsersGetsItsCodesAndCardsTogether() throws Exception {
    List<String> users = new java.util.ArrayList<>();
    for (int i = 0; i < 4; i++) {
      // Users from a directory: credential-service gives them no code of its own.
      String id = UUID.randomUUID().toString();
      IdentityFeedTest.publish(
          IdentityEvents.USER_CREATED,
          id,
          1,
          "acme",
          "{\"userId\":\""
              + id
              + "\",\"tenantId\":\"acme\",\"username\":\"b"
              + i
              + "\",\"displayName\":\"B\",\"email\":\""
              + id
              + "@acme.example\",\"origin\":\"google\",\"externalId\":\"g-"
              + id
              + "\"}");
      awaitKnown(id);
      users.add(id);
    }
    List<Map<String, Object>> page =
        List.of(
            batchUser(users.get(0), "bat7k2", "0a0b0c01"),
            batchUser(users.get(1), null, null),
            batchUser(users.get(2), "BAT7K2", null),
            batchUser(users.get(3), null, "not hex"));
    var answer =
        given()
            .auth()
            .oauth2(TestTokens.service("directory-sync-service"))
            .contentType(ContentType.JSON)
            .body(Map.of("users", page))
            .post("/internal/v1/tenants/acme/credentials/batch-initial")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertEquals(users, answer.getList("results.userId"), "in the order of the request");
    assertEquals(
        java.util.Arrays.asList(null, null, "code_in_use", "invalid_card_number"),
        answer.getList("results.error"));
    assertEquals("BAT7K2", reveal(users.get(0)));
    assertEquals(6, reveal(users.get(1)).length(), "no code from the directory: a generated one");
    admin("acme")
        .get("/admin/v1/credentials/" + users.get(0))
        .then()
        .body("codeSource", equalTo("directory"))
        .body("cards", hasSize(1))
        .body("cards[0].source", equalTo("directory"));
    admin("acme")
        .get("/admin/v1/credentials/" + users.get(2))
        .then()
        .body("accessCode", org.hamcrest.Matchers.nullValue());
    admin("acme")
        .body(Map.of("users", page))
        .post("/internal/v1/tenants/acme/credentials/batch-initial")
        .then()
        .statusCode(403);
  }

  private static Map<String, Object> batchUser(String userId, String code, String card) {
    Map<String, Object> user = new java.util.HashMap<>();
    user.put("userId", userId);
    user.put("email", userId + "@acme.example");
    user.put("code", code);
    user.put("cardNumber", card);
    return user;
  }

  @Test
  void anOperatorSeesTheProjectionsAndHowFarBehindTheyAre() {
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                given()
                    .auth()
                    .oauth2(TestTokens.operator())
                    .get("/ops/v1/projections")
                    .then()
                    .statusCode(200)
                    .body(
                        "items.name", org.hamcrest.Matchers.hasItem("credential-service.identity"))
                    .body(
                        "items.find { it.name == 'credential-service.identity' }.active",
                        equalTo(true))
                    .body(
                        "items.find { it.name == 'credential-service.identity' }.lag",
                        org.hamcrest.Matchers.greaterThanOrEqualTo(0)));
    admin("acme").get("/ops/v1/projections").then().statusCode(403);
  }

  @Test
  void everyResourceAnswers401WithoutATokenAnd403WithTheWrongRole() {
    String user = "/admin/v1/credentials/" + ada;
    String internal = "/internal/v1/tenants/acme";
    List<SecurityMatrix.Call> calls =
        List.of(
            new SecurityMatrix.Call("GET", user),
            new SecurityMatrix.Call("GET", user + "/history"),
            new SecurityMatrix.Call("POST", user + "/access-code/reveal"),
            new SecurityMatrix.Call("PUT", user + "/access-code"),
            new SecurityMatrix.Call("POST", user + "/cards"),
            new SecurityMatrix.Call("DELETE", user + "/cards/" + UUID.randomUUID()),
            new SecurityMatrix.Call("GET", "/admin/v1/credentials?cardNumber=AB"),
            new SecurityMatrix.Call("GET", "/admin/v1/credential-policy"),
            new SecurityMatrix.Call("PUT", "/admin/v1/credential-policy"),
            new SecurityMatrix.Call("POST", "/admin/v1/credential-policy/card-conversion/preview"),
            new SecurityMatrix.Call("POST", internal + "/credentials/" + ada + "/initial-code"),
            new SecurityMatrix.Call("PUT", internal + "/credentials/" + ada + "/directory-code"),
            new SecurityMatrix.Call("PUT", internal + "/credentials/" + ada + "/directory-card"),
            new SecurityMatrix.Call("POST", internal + "/cards/by-code"),
            new SecurityMatrix.Call("POST", internal + "/credentials/batch-initial"),
            new SecurityMatrix.Call("POST", "/admin/v1/credential-jobs"),
            new SecurityMatrix.Call("GET", "/admin/v1/credential-jobs"),
            new SecurityMatrix.Call("GET", "/admin/v1/credential-jobs/" + UUID.randomUUID()),
            new SecurityMatrix.Call("DELETE", "/admin/v1/credential-jobs/" + UUID.randomUUID()),
            new SecurityMatrix.Call("GET", "/admin/v1/credentials/export"));
    SecurityMatrix.assertRefused(calls);
  }

  @Test
  void directorySyncAnnouncesANewUserWithTheirFirstCode() {
    RequestSpecification service =
        given()
            .auth()
            .oauth2(TestTokens.service("directory-sync-service"))
            .contentType(ContentType.JSON);
    String fresh = java.util.UUID.randomUUID().toString();
    // identity-service has created the user (its UserCreated is still on its way), and no other.
    var identity = io.lanyard.testsupport.FakeServices.server();
    identity.stubFor(
        com.github.tomakehurst.wiremock.client.WireMock.post(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching(
                    "/internal/v1/tenants/[^/]+/users/existing"))
            .atPriority(10)
            .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson("{\"ids\":[]}")));
    identity.stubFor(
        com.github.tomakehurst.wiremock.client.WireMock.post(
                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo(
                    "/internal/v1/tenants/acme/users/existing"))
            .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(fresh))
            .atPriority(1)
            .willReturn(
                com.github.tomakehurst.wiremock.client.WireMock.okJson(
                    "{\"ids\":[\"" + fresh + "\"]}")));
    service
        .body(Map.of("email", "Fresh@acme.example"))
        .post("/internal/v1/tenants/acme/credentials/" + fresh + "/initial-code")
        .then()
        .statusCode(200)
        .body("codeSource", equalTo("generated"));
    service
        .body(Map.of("code", "X"))
        .post(
            "/internal/v1/tenants/acme/credentials/"
                + java.util.UUID.randomUUID()
                + "/initial-code")
        .then()
        .statusCode(404);
    service
        .body(Map.of("email", "who@nowhere.example"))
        .post(
            "/internal/v1/tenants/nowhere/credentials/"
                + java.util.UUID.randomUUID()
                + "/initial-code")
        .then()
        .statusCode(404);
  }
}
