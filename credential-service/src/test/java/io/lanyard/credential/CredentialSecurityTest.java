package io.lanyard.credential;

import static io.lanyard.credential.CredentialApiTest.admin;
import static io.lanyard.credential.CredentialApiTest.awaitKnown;
import static io.lanyard.credential.CredentialApiTest.reveal;
import static io.lanyard.credential.CredentialApiTest.user;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.lanyard.contracts.CredentialEvents;
import io.lanyard.contracts.EventType;
import io.lanyard.contracts.IdentityEvents;
import io.lanyard.testplatform.TestTopics;
import io.lanyard.testsupport.FakeServices;
import io.lanyard.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue 18's findings against credential-service, each tried as an attacker would. */
@QuarkusTest
class CredentialSecurityTest {

  static String colleague;
  static String colleagueEmail;

  @BeforeEach
  void users() throws Exception {
    if (colleague != null) {
      return;
    }
    new CredentialApiTest().users();
    colleagueEmail = "colleague-" + UUID.randomUUID() + "@acme.example";
    colleague = user("acme", colleagueEmail);
    awaitKnown(colleague);
  }

  static RequestSpecification as(String subject, String email, boolean verified) {
    return given().auth().oauth2(TestTokens.person(subject, "acme", email, verified, Set.of()));
  }

  @Test
  void anUnverifiedEmailNeverReadsAColleaguesCode() {
    as("attacker-" + UUID.randomUUID(), colleagueEmail, false)
        .get("/me/v1/access")
        .then()
        .statusCode(403)
        .body("error", equalTo("email_not_verified"));
  }

  @Test
  void aPersonIsTheirSubjectOnceLinkedSoAChangedEmailMovesNothing() throws Exception {
    String email = "linked-" + UUID.randomUUID() + "@acme.example";
    String mine = user("acme", email);
    awaitKnown(mine);
    String subject = "person-" + UUID.randomUUID();
    String code = reveal(mine);
    as(subject, email, true)
        .get("/me/v1/access")
        .then()
        .statusCode(200)
        .header("Cache-Control", "no-store")
        .body("accessCode", equalTo(code));
    // Later the same person's token carries a colleague's (even verified) email: still their own.
    as(subject, colleagueEmail, true)
        .get("/me/v1/access")
        .then()
        .statusCode(200)
        .body("accessCode", equalTo(code));
    as(subject, colleagueEmail, false)
        .get("/me/v1/access")
        .then()
        .statusCode(200)
        .body("accessCode", equalTo(code));

    // The account is recreated at the provider (a new subject): the verified email re-links it.
    String recreated = "person-" + UUID.randomUUID();
    as(recreated, email, true).get("/me/v1/access").then().statusCode(200);
    as(subject, "someone-else@acme.example", true)
        .get("/me/v1/access")
        .then()
        .statusCode(404)
        .body("error", equalTo("not_found"));
  }

  @Test
  void aSuspendedUserReadsNothing() throws Exception {
    String email = "suspended-" + UUID.randomUUID() + "@acme.example";
    String suspended = user("acme", email);
    awaitKnown(suspended);
    String subject = "person-" + UUID.randomUUID();
    as(subject, email, true).get("/me/v1/access").then().statusCode(200);
    IdentityFeedTest.publish(
        IdentityEvents.USER_SUSPENDED,
        suspended,
        2,
        "{\"userId\":\"" + suspended + "\",\"tenantId\":\"acme\"}");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> as(subject, email, true).get("/me/v1/access").statusCode() == 403);
    as(subject, email, true)
        .get("/me/v1/access")
        .then()
        .statusCode(403)
        .body("error", equalTo("user_inactive"));
    // Nor removes a card or has the code emailed.
    as(subject, email, true)
        .delete("/me/v1/cards/" + UUID.randomUUID())
        .then()
        .statusCode(403)
        .body("error", equalTo("user_inactive"));
    as(subject, email, true)
        .post("/me/v1/access-code/email")
        .then()
        .statusCode(403)
        .body("error", equalTo("user_inactive"));
  }

  @Test
  void aDeletedUserIsToldTheirUserIsGone() throws Exception {
    String email = "deleted-" + UUID.randomUUID() + "@acme.example";
    String gone = user("acme", email);
    awaitKnown(gone);
    String subject = "person-" + UUID.randomUUID();
    as(subject, email, true).get("/me/v1/access").then().statusCode(200);
    IdentityFeedTest.publish(
        IdentityEvents.USER_DELETED,
        gone,
        2,
        "{\"userId\":\"" + gone + "\",\"tenantId\":\"acme\"}");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> as(subject, email, true).get("/me/v1/access").statusCode() == 403);
    as(subject, email, true)
        .get("/me/v1/access")
        .then()
        .statusCode(403)
        .body("error", equalTo("user_inactive"));
  }

  @Test
  void twoSubjectsLinkingOneUserAtOnceBothGetAnAnswerAndOneLinkStays() throws Exception {
    for (int round = 0; round < 5; round++) {
      String email = "race-" + UUID.randomUUID() + "@acme.example";
      String mine = user("acme", email);
      awaitKnown(mine);
      List<String> subjects = List.of("person-" + UUID.randomUUID(), "person-" + UUID.randomUUID());
      List<java.util.concurrent.CompletableFuture<Integer>> answers =
          subjects.stream()
              .map(
                  subject ->
                      java.util.concurrent.CompletableFuture.supplyAsync(
                          () -> as(subject, email, true).get("/me/v1/access").statusCode()))
              .toList();
      for (var answer : answers) {
        assertEquals(200, answer.get());
      }
      // One of the two holds the link; the other, asking again, re-links with its verified email.
      for (String subject : subjects) {
        as(subject, email, true).get("/me/v1/access").then().statusCode(200);
      }
    }
  }

  @Test
  void aRevealIsNotStored() {
    admin("acme")
        .post("/admin/v1/credentials/" + colleague + "/access-code/reveal")
        .then()
        .statusCode(200)
        .header("Cache-Control", "no-store");
  }

  static RequestSpecification service(String client) {
    return given().auth().oauth2(TestTokens.service(client)).contentType(ContentType.JSON);
  }

  @Test
  void internalCommandsAcceptOnlyTheirNamedCallers() {
    String directoryCode = "/internal/v1/tenants/acme/credentials/" + colleague + "/directory-code";
    String byCode = "/internal/v1/tenants/acme/cards/by-code";
    String before = reveal(colleague);
    for (String stranger : List.of("device-gateway", "notification-service", "identity-service")) {
      // Even with a token meant for credential-service.
      given()
          .auth()
          .oauth2(TestTokens.service(stranger, List.of("credential-service")))
          .contentType(ContentType.JSON)
          .body(Map.of("code", "ZQ7W4R"))
          .put(directoryCode)
          .then()
          .statusCode(403)
          .body("error", equalTo("forbidden_caller"));
    }
    service("directory-sync-service")
        .body(Map.of("code", "ZQ7W4R", "cardNumber", "ABCDEF01"))
        .post(byCode)
        .then()
        .statusCode(403)
        .body("error", equalTo("forbidden_caller"));
    // The right client, but a token meant for another service.
    given()
        .auth()
        .oauth2(TestTokens.service("directory-sync-service", List.of("identity-service")))
        .contentType(ContentType.JSON)
        .body(Map.of("code", "ZQ7W4R"))
        .put(directoryCode)
        .then()
        .statusCode(401)
        .body("error", equalTo("invalid_audience"));
    assertEquals(before, reveal(colleague), "no refused call changed the code");
  }

  @Test
  void internalCommandsNameARealTenantThatOwnsTheirUsers() {
    String before = reveal(colleague);
    RequestSpecification directory = service("directory-sync-service");
    // Another tenant's path, this tenant's user.
    directory
        .body(
            Map.of(
                "users",
                List.of(
                    Map.of("userId", colleague, "code", "GL0B3X", "email", "x@globex.example"))))
        .post("/internal/v1/tenants/globex/credentials/batch-initial")
        .then()
        .statusCode(200)
        .body("results[0].userId", equalTo(colleague))
        .body("results[0].error", equalTo("not_found"));
    service("directory-sync-service")
        .body(Map.of("code", "GL0B3X"))
        .put("/internal/v1/tenants/globex/credentials/" + colleague + "/directory-code")
        .then()
        .statusCode(404);
    service("directory-sync-service")
        .body(Map.of("code", "N0T3NT"))
        .put("/internal/v1/tenants/nosuchtenant/credentials/" + colleague + "/directory-code")
        .then()
        .statusCode(404)
        .body("message", equalTo("tenant not found"));
    service("directory-sync-service")
        .body(Map.of("code", "L0NGT3"))
        .put(
            "/internal/v1/tenants/"
                + "t".repeat(2000)
                + "/credentials/"
                + colleague
                + "/directory-code")
        .then()
        .statusCode(400);
    assertEquals(before, reveal(colleague), "no refused call changed the code");
  }

  @Test
  void anEmptyBodyIsNotARemovalAtTheSource() {
    String before = reveal(colleague);
    String path = "/internal/v1/tenants/acme/credentials/" + colleague + "/directory-code";
    for (String body : List.of("{}", "null", "{\"cod\":null}", "{\"code\":5}", "[]")) {
      service("directory-sync-service").body(body).put(path).then().statusCode(400);
    }
    service("directory-sync-service").put(path).then().statusCode(400);
    assertEquals(before, reveal(colleague), "the code was not regenerated");
  }

  @Test
  void textIsKeptAsSentOrRefused() {
    for (String label : List.of("a\u0000b", "\ud800", "x".repeat(100_000))) {
      admin("acme")
          .body(Map.of("cardNumber", "C0FFEE" + Math.abs(label.hashCode() % 1000), "label", label))
          .post("/admin/v1/credentials/" + colleague + "/cards")
          .then()
          .statusCode(400)
          .body("error", equalTo("invalid_label"));
    }
    admin("acme")
        .body("{\"code\":\"AB12CD\",\"code\":\"XY34ZW\"}")
        .put("/admin/v1/credentials/" + colleague + "/access-code")
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_json"));
    admin("acme")
        .urlEncodingEnabled(false)
        .get("/admin/v1/credentials/%00")
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_path"));
  }

  @Test
  void aFirstCodeGoesOnlyToAUserIdentityServiceConfirmsInTheTenant() {
    String nowhere = UUID.randomUUID().toString();
    String confirmed = UUID.randomUUID().toString();
    String existing = "/internal/v1/tenants/acme/users/existing";
    FakeServices.server()
        .stubFor(
            WireMock.post(WireMock.urlEqualTo(existing))
                .withRequestBody(WireMock.containing(nowhere))
                .willReturn(WireMock.okJson("{\"ids\":[]}")));
    FakeServices.server()
        .stubFor(
            WireMock.post(WireMock.urlEqualTo(existing))
                .withRequestBody(WireMock.containing(confirmed))
                .willReturn(WireMock.okJson("{\"ids\":[\"" + confirmed + "\"]}")));
    service("directory-sync-service")
        .body(Map.of("code", "N0WH3R", "email", "nowhere@acme.example"))
        .post("/internal/v1/tenants/acme/credentials/" + nowhere + "/initial-code")
        .then()
        .statusCode(404);
    admin("acme").get("/admin/v1/credentials/" + nowhere).then().statusCode(404);
    service("directory-sync-service")
        .body(Map.of("code", "C0NF1R", "email", "confirmed-" + confirmed + "@acme.example"))
        .post("/internal/v1/tenants/acme/credentials/" + confirmed + "/initial-code")
        .then()
        .statusCode(200)
        .body("codeSource", equalTo("directory"));
    // A page of new users: only the confirmed one gets credentials.
    service("directory-sync-service")
        .body(
            Map.of(
                "users",
                List.of(
                    Map.of("userId", nowhere, "code", "N0WH3S"),
                    Map.of("userId", colleague, "code", "C0LL3G"))))
        .post("/internal/v1/tenants/acme/credentials/batch-initial")
        .then()
        .statusCode(200)
        .body("results[0].error", equalTo("not_found"));
  }

  @Test
  void whenIdentityServiceCannotConfirmNothingIsGiven() {
    String unconfirmed = UUID.randomUUID().toString();
    FakeServices.server()
        .stubFor(
            WireMock.post(WireMock.urlEqualTo("/internal/v1/tenants/acme/users/existing"))
                .withRequestBody(WireMock.containing(unconfirmed))
                .willReturn(WireMock.serverError()));
    service("directory-sync-service")
        .body(Map.of("code", "UNC0NF", "email", "unconfirmed@acme.example"))
        .post("/internal/v1/tenants/acme/credentials/" + unconfirmed + "/initial-code")
        .then()
        .statusCode(503)
        .body("error", equalTo("identity_unavailable"));
    admin("acme").get("/admin/v1/credentials/" + unconfirmed).then().statusCode(404);
  }

  @Test
  void identitysRefusalsAreToldApart() {
    String inNoTenant = UUID.randomUUID().toString();
    String refused = UUID.randomUUID().toString();
    FakeServices.server()
        .stubFor(
            WireMock.post(WireMock.urlEqualTo("/internal/v1/tenants/acme/users/existing"))
                .withRequestBody(WireMock.containing(inNoTenant))
                .willReturn(
                    WireMock.aResponse()
                        .withStatus(404)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"not_found\",\"message\":\"tenant not found\"}")));
    FakeServices.server()
        .stubFor(
            WireMock.post(WireMock.urlEqualTo("/internal/v1/tenants/acme/users/existing"))
                .withRequestBody(WireMock.containing(refused))
                .willReturn(WireMock.aResponse().withStatus(403)));
    // identity-service knows no such tenant (it was just removed there): the caller's 404.
    service("directory-sync-service")
        .body(Map.of("code", "N0T3NT"))
        .post("/internal/v1/tenants/acme/credentials/" + inNoTenant + "/initial-code")
        .then()
        .statusCode(404)
        .body("error", equalTo("not_found"));
    // identity-service refuses this service's own token: a misconfiguration, not worth a retry.
    service("directory-sync-service")
        .body(Map.of("code", "R3FU53"))
        .post("/internal/v1/tenants/acme/credentials/" + refused + "/initial-code")
        .then()
        .statusCode(503)
        .body("error", equalTo("identity_refused"));
    admin("acme").get("/admin/v1/credentials/" + refused).then().statusCode(404);
  }

  @Test
  void aBatchWithANullOrIdlessUserIsRefusedWhole() {
    for (String users :
        List.of("[null]", "[{}]", "[{\"userId\":null}]", "[{\"userId\":\"1-1-1-1-1\"}]")) {
      service("directory-sync-service")
          .body("{\"users\":" + users + "}")
          .post("/internal/v1/tenants/acme/credentials/batch-initial")
          .then()
          .statusCode(400)
          .body("error", org.hamcrest.Matchers.startsWith("invalid_"));
    }
  }

  @Test
  void anInternalEndpointThatNamesNoCallersAcceptsNoService() {
    for (String client : List.of("directory-sync-service", "device-gateway")) {
      given()
          .auth()
          .oauth2(TestTokens.service(client))
          .get("/internal/v1/test/unnamed-callers")
          .then()
          .statusCode(403)
          .body("error", equalTo("forbidden_caller"));
    }
  }

  static String addCard(String userId, String cardNumber) {
    return admin("acme")
        .body(Map.of("cardNumber", cardNumber))
        .post("/admin/v1/credentials/" + userId + "/cards")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  /** The user's credential events of this type on the topic, once at least one arrived. */
  static List<ConsumerRecord<String, byte[]>> published(String userId, EventType type) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                TestTopics.readToEnd(IdentityFeedTest.config("lanyard.events.topic")).stream()
                    .filter(record -> userId.equals(record.key()))
                    .filter(
                        record ->
                            IdentityFeedTest.header(record, "ce_type").equals(type.toString()))
                    .toList(),
            found -> !found.isEmpty());
  }

  @Test
  void aUserRemovesTheirOwnCardButNeverAColleagues() throws Exception {
    String email = "cards-" + UUID.randomUUID() + "@acme.example";
    String mine = user("acme", email);
    awaitKnown(mine);
    String prefix = Long.toHexString(System.nanoTime()).toUpperCase();
    String myCard = addCard(mine, prefix + "A1");
    String theirs = addCard(colleague, prefix + "B2");
    RequestSpecification me = as("person-" + UUID.randomUUID(), email, true);

    // A colleague's card, an unknown one and no id at all look the same: not found.
    for (String other : List.of(theirs, UUID.randomUUID().toString(), "not-a-card")) {
      as("person-" + UUID.randomUUID(), email, true)
          .delete("/me/v1/cards/" + other)
          .then()
          .statusCode(404)
          .body("error", equalTo("not_found"))
          .body("message", equalTo("card not found"));
    }
    admin("acme")
        .get("/admin/v1/credentials/" + colleague)
        .then()
        .body("cards.id", org.hamcrest.Matchers.hasItem(theirs));

    me.delete("/me/v1/cards/" + myCard.toUpperCase()).then().statusCode(204);
    as("person-" + UUID.randomUUID(), email, true)
        .get("/me/v1/access")
        .then()
        .statusCode(200)
        .body("cards", org.hamcrest.Matchers.hasSize(0));
    admin("acme")
        .get("/admin/v1/credentials/" + mine + "/history")
        .then()
        .statusCode(200)
        .body("items.find { it.event == 'card_removed' }.cardId", equalTo(myCard))
        .body("items.find { it.event == 'card_removed' }.by", equalTo(mine));
    // The printers hear of it like of an admin's removal.
    ConsumerRecord<String, byte[]> removed = published(mine, CredentialEvents.CARD_REMOVED).get(0);
    JsonNode data = IdentityFeedTest.JSON.readTree(removed.value());
    assertEquals(myCard, data.path("cardId").asText());
    assertEquals(mine, data.path("removedBy").asText());
    as("person-" + UUID.randomUUID(), email, true)
        .delete("/me/v1/cards/" + myCard)
        .then()
        .statusCode(404);
    given().delete("/me/v1/cards/" + myCard).then().statusCode(401);
  }

  @Test
  void aBurstOfParallelCodeEmailRequestsSendsOne() throws Exception {
    String email = "burst-" + UUID.randomUUID() + "@acme.example";
    String mine = user("acme", email);
    awaitKnown(mine);
    String subject = "person-" + UUID.randomUUID();
    as(subject, email, true).get("/me/v1/access").then().statusCode(200);
    List<java.util.concurrent.CompletableFuture<Integer>> answers = new java.util.ArrayList<>();
    for (int i = 0; i < 12; i++) {
      answers.add(
          java.util.concurrent.CompletableFuture.supplyAsync(
              () -> as(subject, email, true).post("/me/v1/access-code/email").statusCode()));
    }
    List<Integer> statuses = new java.util.ArrayList<>();
    for (var answer : answers) {
      statuses.add(answer.get());
    }
    // One is accepted; the others are told to wait (never a 5xx, never a second email).
    assertEquals(1, statuses.stream().filter(status -> status == 202).count(), statuses.toString());
    assertEquals(
        11, statuses.stream().filter(status -> status == 429).count(), statuses.toString());
    assertEquals(1, published(mine, CredentialEvents.ACCESS_CODE_EMAIL_REQUESTED).size());
  }

  @Test
  void aUserHasTheirCodeEmailedButNotAgainWithinTwoMinutes() throws Exception {
    String email = "remind-" + UUID.randomUUID() + "@acme.example";
    String mine = user("acme", email);
    awaitKnown(mine);
    String code = reveal(mine);
    String subject = "person-" + UUID.randomUUID();
    as(subject, email, true).post("/me/v1/access-code/email").then().statusCode(202);
    var tooSoon =
        as(subject, email, true)
            .post("/me/v1/access-code/email")
            .then()
            .statusCode(429)
            .body("error", equalTo("too_many_reminders"))
            .extract();
    long retryAfter = Long.parseLong(tooSoon.header("Retry-After"));
    assertTrue(retryAfter > 0 && retryAfter <= 120, "Retry-After " + retryAfter);

    List<ConsumerRecord<String, byte[]>> requested =
        published(mine, CredentialEvents.ACCESS_CODE_EMAIL_REQUESTED);
    assertEquals(1, requested.size(), "the refused request recorded nothing");
    ConsumerRecord<String, byte[]> record = requested.get(0);
    JsonNode data = IdentityFeedTest.JSON.readTree(record.value());
    // What its JSON Schema allows (additionalProperties: false) and requires, nothing else.
    JsonNode schema;
    try (var in =
        getClass()
            .getResourceAsStream(
                "/schemas/" + CredentialEvents.ACCESS_CODE_EMAIL_REQUESTED + ".json")) {
      schema = IdentityFeedTest.JSON.readTree(in);
    }
    assertEquals(fieldsOf(schema.path("properties")), fieldsOf(data));
    Set<String> required = new java.util.TreeSet<>();
    schema.path("required").forEach(name -> required.add(name.asText()));
    assertEquals(required, fieldsOf(data));
    assertEquals(mine, data.path("userId").asText());
    assertEquals("acme", data.path("tenantId").asText());
    java.time.Instant.parse(data.path("requestedAt").asText());
    StringBuilder raw = new StringBuilder(new String(record.value(), StandardCharsets.UTF_8));
    record.headers().forEach(h -> raw.append(new String(h.value(), StandardCharsets.UTF_8)));
    assertFalse(raw.toString().contains(code), "the code travels with the request");
    assertFalse(raw.toString().contains(email), "the address travels with the request");
    admin("acme")
        .get("/admin/v1/credentials/" + mine + "/history")
        .then()
        .body("items.find { it.event == 'access_code_email_requested' }.by", equalTo(mine));
    given().post("/me/v1/access-code/email").then().statusCode(401);
  }

  @Test
  void aUserWithoutACodeIsToldThereIsNoneToEmail() throws Exception {
    String id = UUID.randomUUID().toString();
    String email = "nocode-" + id + "@acme.example";
    // A directory's user has no code until the directory gives one.
    IdentityFeedTest.publish(
        IdentityEvents.USER_CREATED,
        id,
        1,
        "{\"userId\":\""
            + id
            + "\",\"tenantId\":\"acme\",\"username\":\"n\",\"displayName\":\"N\","
            + "\"email\":\""
            + email
            + "\",\"origin\":\"scim\",\"externalId\":\"x-"
            + id
            + "\"}");
    awaitKnown(id);
    as("person-" + UUID.randomUUID(), email, true)
        .post("/me/v1/access-code/email")
        .then()
        .statusCode(409)
        .body("error", equalTo("no_code"));
  }

  @Test
  void theSelfServiceCallsAreInTheOpenApiDocument() {
    // HostileInputTest walks what the document lists: a call missing from it goes untried.
    given()
        .accept("application/json")
        .get("/q/openapi?format=json")
        .then()
        .statusCode(200)
        .body("paths.'/me/v1/access'.get", org.hamcrest.Matchers.notNullValue())
        .body("paths.'/me/v1/cards/{cardId}'.delete", org.hamcrest.Matchers.notNullValue())
        .body("paths.'/me/v1/access-code/email'.post", org.hamcrest.Matchers.notNullValue());
  }

  private static Set<String> fieldsOf(JsonNode data) {
    Set<String> names = new java.util.TreeSet<>();
    data.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
