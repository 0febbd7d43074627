package io.lanyard.directory;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.lanyard.contracts.IdentityEvents;
import io.lanyard.testplatform.TestTopics;
import io.lanyard.testsupport.FakeServices;
import io.lanyard.testsupport.RowScan;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SCIM writes shaped exactly as Entra ID sends them, against fakes of identity-service and
 * credential-service (their answers and the calls they received are checked).
 */
@QuarkusTest
class ScimUsersWriteTest {

  static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
  static final String PAPERCUT = "urn:ietf:params:scim:schemas:extension:papercut:2.0:User";
  static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
  static String token;

  WireMockServer owners = FakeServices.server();

  @Inject Pool pool;

  @BeforeEach
  void setUp() throws Exception {
    new ScimTokenTest().tenants();
    token = ScimTokenTest.issue("acme");
    owners.stubFor(
        put(urlMatching("/internal/v1/tenants/acme/users/by-external-id/scim/.*"))
            .willReturn(
                userAnswer(
                    201,
                    "{{randomValue type='UUID'}}",
                    "{{request.pathSegments.[7]}}",
                    "active",
                    "1")));
    owners.stubFor(
        post(urlMatching("/internal/v1/tenants/acme/credentials/.*/initial-code"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{}")));
    owners.stubFor(
        put(urlMatching("/internal/v1/tenants/acme/credentials/.*/directory-(code|card)"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{}")));
    owners.stubFor(
        delete(urlMatching("/internal/v1/tenants/acme/users/.*"))
            .willReturn(aResponse().withStatus(204)));
  }

  static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder userAnswer(
      int status, String id, String externalId, String state, String version) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(
            "{\"id\":\""
                + id
                + "\",\"username\":\"{{jsonPath request.body '$.username'}}\","
                + "\"displayName\":\"{{jsonPath request.body '$.displayName'}}\","
                + "\"email\":\"{{jsonPath request.body '$.email'}}\",\"locale\":null,\"orgUnit\":null,"
                + "\"status\":\""
                + state
                + "\",\"origin\":\"scim\",\"externalId\":\""
                + externalId
                + "\","
                + "\"createdAt\":\"2026-11-27T10:00:00Z\",\"updatedAt\":\"2026-11-27T10:00:00Z\","
                + "\"version\":"
                + version
                + "}");
  }

  static RequestSpecification scim() {
    return given()
        .auth()
        .oauth2(token)
        .contentType("application/scim+json")
        .basePath("/scim/v2/tenants/acme");
  }

  /** A create as Entra sends it: the extension's URN not in schemas, the code in it. */
  static Response create(String userName, String code) {
    return scim()
        .body(
            """
            {"schemas":["%s"],"externalId":"%s","userName":"%s","active":true,
             "displayName":"Pat Example","name":{"givenName":"Pat","familyName":"Example"},
             "emails":[{"primary":true,"type":"work","value":"%s"}],
             "title":"Printer whisperer",
             "%s":{"accessCode":"%s","accessCard":"CAFE01"}}
            """
                .formatted(USER_SCHEMA, "ext-" + userName, userName, userName, PAPERCUT, code))
        .post("/Users");
  }

  @Test
  void aCreateWithTheExtensionSetsTheCodeAndCardAndReadsBackAtOnce() {
    String userName = "pat-" + UUID.randomUUID() + "@acme.example";
    Response created = create(userName, "7KQ2MX");
    created
        .then()
        .statusCode(201)
        .contentType(containsString("application/scim+json"))
        .header("ETag", startsWith("W/\"1-"))
        .body("userName", equalTo(userName))
        .body("externalId", equalTo("ext-" + userName))
        .body("active", equalTo(true))
        .body("$", not(hasKey(PAPERCUT)));
    String id = created.path("id");
    assertEquals(created.header("Location"), created.path("meta.location"));
    scim().get("/Users/" + id).then().statusCode(200).body("displayName", equalTo("Pat Example"));
    owners.verify(
        postRequestedFor(
                urlEqualTo("/internal/v1/tenants/acme/credentials/" + id + "/initial-code"))
            .withRequestBody(equalToJson("{\"code\":\"7KQ2MX\",\"email\":\"" + userName + "\"}")));
    owners.verify(
        putRequestedFor(
                urlEqualTo("/internal/v1/tenants/acme/credentials/" + id + "/directory-card"))
            .withRequestBody(equalToJson("{\"cardNumber\":\"CAFE01\"}")));

    create(userName, "7KQ2MY")
        .then()
        .statusCode(409)
        .body("scimType", equalTo("uniqueness"))
        .body("schemas", hasItem(ScimTokenTest.ERROR));
  }

  @Test
  void aCreateWaitsUntilCredentialServiceKnowsTheNewUser() {
    // credential-service learns of users from identity's topic: the first try may find none.
    owners.stubFor(
        post(urlMatching("/internal/v1/tenants/acme/credentials/.*/initial-code"))
            .atPriority(1)
            .withRequestBody(equalToJson("{\"code\":\"S10W4Y\"}", true, true))
            .inScenario("propagation")
            .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
            .willSetStateTo("known")
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"error\":\"not_found\",\"message\":\"user not found\"}")));
    create("slow-" + UUID.randomUUID() + "@acme.example", "S10W4Y").then().statusCode(201);
  }

  @Test
  void aCreateWhoseCodeIsRefusedLeavesNothingBehind() {
    owners.stubFor(
        post(urlMatching("/internal/v1/tenants/acme/credentials/.*/initial-code"))
            .atPriority(1)
            .withRequestBody(equalToJson("{\"code\":\"TAKEN1\"}", true, true))
            .willReturn(
                aResponse()
                    .withStatus(409)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"error\":\"code_in_use\",\"message\":\"another user has this code\"}")));
    String userName = "dup-" + UUID.randomUUID() + "@acme.example";
    create(userName, "TAKEN1").then().statusCode(409).body("scimType", equalTo("uniqueness"));
    owners.verify(deleteRequestedFor(urlMatching("/internal/v1/tenants/acme/users/.*")));
    scim()
        .queryParam("filter", "userName eq \"" + userName + "\"")
        .get("/Users")
        .then()
        .body("totalResults", equalTo(0));
  }

  @Test
  void patchAsEntraSendsIt() {
    String userName = "pam-" + UUID.randomUUID() + "@acme.example";
    String id = create(userName, "P4M7QZ").path("id");
    owners.stubFor(
        post(urlEqualTo("/internal/v1/tenants/acme/users/" + id + "/suspend"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        ("{\"id\":\"%s\",\"username\":\"%s\",\"displayName\":\"Pat Example\","
                                + "\"email\":\"%s\",\"locale\":null,\"orgUnit\":null,\"status\":\"suspended\","
                                + "\"origin\":\"scim\",\"externalId\":\"ext\",\"createdAt\":"
                                + "\"2026-11-27T10:00:00Z\",\"updatedAt\":\"2026-11-27T10:00:01Z\","
                                + "\"version\":2}")
                            .formatted(id, userName, userName))));
    scim()
        .body(
            """
            {"schemas":["%s"],"Operations":[{"op":"Replace","path":"active","value":"False"}]}
            """
                .formatted(PATCH_OP))
        .patch("/Users/" + id)
        .then()
        .statusCode(200)
        .body("active", equalTo(false))
        .header("ETag", startsWith("W/\"2-"));
    scim().get("/Users/" + id).then().body("active", equalTo(false));

    scim()
        .header("If-Match", "W/\"1\"")
        .body(
            "{\"schemas\":[\""
                + PATCH_OP
                + "\"],\"Operations\":[{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"X\"}]}")
        .patch("/Users/" + id)
        .then()
        .statusCode(412);

    owners.stubFor(
        put(urlEqualTo("/internal/v1/tenants/acme/users/" + id))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        ("{\"id\":\"%s\",\"username\":\"%s\",\"displayName\":\"Pam Renamed\","
                                + "\"email\":\"%s\",\"locale\":null,\"orgUnit\":null,\"status\":\"suspended\","
                                + "\"origin\":\"scim\",\"externalId\":\"ext\",\"createdAt\":"
                                + "\"2026-11-27T10:00:00Z\",\"updatedAt\":\"2026-11-27T10:00:02Z\","
                                + "\"version\":3}")
                            .formatted(id, userName, userName))));
    scim()
        .body(
            """
            {"schemas":["%s"],"Operations":[{"op":"replace","value":{
              "displayName":"Pam Renamed","%s:accessCode":"9PW4TR"}}]}
            """
                .formatted(PATCH_OP, PAPERCUT))
        .patch("/Users/" + id)
        .then()
        .statusCode(200)
        .body("displayName", equalTo("Pam Renamed"));
    owners.verify(
        putRequestedFor(
                urlEqualTo("/internal/v1/tenants/acme/credentials/" + id + "/directory-code"))
            .withRequestBody(equalToJson("{\"code\":\"9PW4TR\"}")));

    scim()
        .body(
            "{\"schemas\":[\""
                + PATCH_OP
                + "\"],\"Operations\":[{\"op\":\"Remove\",\"path\":\""
                + PAPERCUT
                + ":accessCode\"}]}")
        .patch("/Users/" + id)
        .then()
        .statusCode(200);
    owners.verify(
        putRequestedFor(
                urlEqualTo("/internal/v1/tenants/acme/credentials/" + id + "/directory-code"))
            .withRequestBody(equalToJson("{\"code\":null}")));

    scim()
        .body(
            "{\"schemas\":[\""
                + PATCH_OP
                + "\"],\"Operations\":[{\"op\":\"Bogus\",\"path\":\"active\"}]}")
        .patch("/Users/" + id)
        .then()
        .statusCode(400)
        .body("schemas", hasItem(ScimTokenTest.ERROR));
  }

  @Test
  void deleteRemovesTheUserAndTheTopicNeverHadTheirNameInClear() {
    String userName = "del-" + UUID.randomUUID() + "@acme.example";
    String id = create(userName, "D3L7QZ").path("id");
    scim().delete("/Users/" + id).then().statusCode(204);
    owners.verify(deleteRequestedFor(urlEqualTo("/internal/v1/tenants/acme/users/" + id)));
    scim().get("/Users/" + id).then().statusCode(404);
    scim().delete("/Users/" + id).then().statusCode(404);

    String topic = ConfigProvider.getConfig().getValue("lanyard.events.topic", String.class);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                TestTopics.readToEnd(topic).stream()
                    .filter(record -> id.equals(record.key()))
                    .map(
                        record ->
                            new String(
                                record.headers().lastHeader("ce_type").value(),
                                StandardCharsets.UTF_8))
                    .toList()
                    .equals(
                        List.of(
                            "io.lanyard.directory.DirectoryUserLinked.v2",
                            "io.lanyard.directory.DirectoryUserUnlinked.v1")));
    // The link keys the user by their userName (no externalId given): sealed (ADR 7).
    for (var record : TestTopics.readToEnd(topic)) {
      if (id.equals(record.key())) {
        String value = new String(record.value(), StandardCharsets.UTF_8);
        assertFalse(value.toLowerCase(Locale.ROOT).contains("del-"), value);
      }
    }
  }

  @Test
  void controlCharactersOverlongValuesAndBadPathsAreRefusedBeforeAnyWrite() {
    String nul = "nul-" + UUID.randomUUID();
    scim()
        .body("{\"userName\":\"" + nul + "\\u0000@acme.example\"}")
        .post("/Users")
        .then()
        .statusCode(400)
        .body("scimType", equalTo("invalidValue"))
        .body("detail", containsString("userName"));
    scim()
        .body(
            "{\"userName\":\"long-"
                + UUID.randomUUID()
                + "@acme.example\",\"externalId\":\""
                + "e".repeat(600)
                + "\"}")
        .post("/Users")
        .then()
        .statusCode(400)
        .body("detail", containsString("externalId"));
    scim()
        .body("{\"userName\":\"" + "u".repeat(2000) + "@acme.example\"}")
        .post("/Users")
        .then()
        .statusCode(400)
        .body("schemas", hasItem(ScimTokenTest.ERROR));
    owners.verify(
        0,
        putRequestedFor(urlMatching("/internal/v1/tenants/acme/users/by-external-id/scim/nul-.*")));

    String id = create("paths-" + UUID.randomUUID() + "@acme.example", "P4THSQ").path("id");
    for (String path :
        new String[] {
          "1",
          "{\"a\":1}",
          "\"emails[type eq\"",
          "\"emails[type eq \\\"work\\\"\"",
          "\"emails[type zz \\\"work\\\"].value\"",
          "\"name..givenName\"",
          "\"dis play\"",
          "\"" + "a".repeat(600) + "\""
        }) {
      scim()
          .body(
              "{\"schemas\":[\""
                  + PATCH_OP
                  + "\"],\"Operations\":[{\"op\":\"replace\",\"path\":"
                  + path
                  + ",\"value\":\"x\"}]}")
          .patch("/Users/" + id)
          .then()
          .statusCode(400)
          .body("scimType", equalTo("invalidPath"))
          .body("schemas", hasItem(ScimTokenTest.ERROR));
    }
    scim()
        .body("{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":[1]}")
        .patch("/Users/" + id)
        .then()
        .statusCode(400)
        .body("scimType", equalTo("invalidSyntax"));
    scim()
        .body(
            "{\"schemas\":[\""
                + PATCH_OP
                + "\"],\"Operations\":[{\"op\":\"replace\",\"path\":\"displayName\","
                + "\"value\":\"Tab\\there\"}]}")
        .patch("/Users/" + id)
        .then()
        .statusCode(400)
        .body("scimType", equalTo("invalidValue"));
    // Paths Entra sends for attributes Lanyard does not keep are still accepted.
    scim()
        .body(
            "{\"schemas\":[\""
                + PATCH_OP
                + "\"],\"Operations\":[{\"op\":\"replace\",\"path\":"
                + "\"phoneNumbers[type eq \\\"work\\\"].value\",\"value\":\"1\"},"
                + "{\"op\":\"add\",\"path\":"
                + "\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber\","
                + "\"value\":\"7\"}]}")
        .patch("/Users/" + id)
        .then()
        .statusCode(200);
  }

  @Test
  void badBodiesAreRefusedInScimsFormat() {
    scim()
        .body("{not json")
        .post("/Users")
        .then()
        .statusCode(400)
        .body("scimType", equalTo("invalidSyntax"));
    scim().body("{\"schemas\":[\"" + USER_SCHEMA + "\"]}").post("/Users").then().statusCode(400);
    scim()
        .body("{\"userName\":\"" + "x".repeat(300_000) + "\"}")
        .post("/Users")
        .then()
        .statusCode(413)
        .body("schemas", hasItem(ScimTokenTest.ERROR));
    scim().body("{}").patch("/Users/" + UUID.randomUUID()).then().statusCode(404);
    given()
        .contentType("application/scim+json")
        .body("{}")
        .post("/scim/v2/tenants/acme/Users")
        .then()
        .statusCode(401);
  }

  /** A create whose person has distinct values everywhere: userName (also the email), names. */
  static Response createPerson(String userName, String displayName, String given, String family) {
    return scim()
        .body(
            """
            {"schemas":["%s"],"externalId":"ext-%s","userName":"%s","active":true,
             "displayName":"%s","name":{"formatted":"%s","givenName":"%s","familyName":"%s",
             "honorificPrefix":"Dr. %s"},
             "emails":[{"primary":true,"type":"work","value":"%s"}]}
            """
                .formatted(
                    USER_SCHEMA,
                    userName,
                    userName,
                    displayName,
                    displayName,
                    given,
                    family,
                    family,
                    userName))
        .post("/Users");
  }

  /**
   * Rows of the tables that hold (or held) people's data here that mention {@code text}, in any
   * case, anywhere in the row.
   */
  long rowsMentioning(String text) {
    return RowScan.rowsMentioning(
        text, List.of("scim_users", "scim_links", "google_users", "erased_users", "sync_runs"));
  }

  long version(String userId) {
    return pool.preparedQuery("SELECT version FROM scim_users WHERE user_id = $1")
        .execute(Tuple.of(UUID.fromString(userId)))
        .await()
        .atMost(Duration.ofSeconds(10))
        .iterator()
        .next()
        .getLong(0);
  }

  static String identityUser(String id, String userName, String displayName, String origin) {
    return ("{\"userId\":\"%s\",\"tenantId\":\"acme\",\"username\":\"%s\","
            + "\"displayName\":\"%s\",\"email\":\"%s\""
            + (origin == null ? "" : ",\"origin\":\"" + origin + "\",\"externalId\":\"ext-%s\"")
            + "}")
        .formatted(id, userName, displayName, userName, userName);
  }

  @Test
  void anErasedUsersDataLeavesEveryProjectionAndNoLaterEventBringsItBack() throws Exception {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String gone = "erin-" + tag + "@acme.example";
    String stays = "kim-" + tag + "@acme.example";
    String erased =
        createPerson(gone, "Erin Erasedname " + tag, "Erin" + tag, "Erasedfamily" + tag)
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    String kept =
        createPerson(stays, "Kim Keptname " + tag, "Kim" + tag, "Keptfamily" + tag)
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    // identity's events for them, as its topic carries them.
    ScimUsersReadTest.publish(
        IdentityEvents.USER_CREATED,
        erased,
        1,
        identityUser(erased, gone, "Erin Erasedname " + tag, "scim"));
    ScimUsersReadTest.publish(
        IdentityEvents.USER_CREATED,
        kept,
        1,
        identityUser(kept, stays, "Kim Keptname " + tag, "scim"));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> rowsMentioning("Erasedfamily" + tag) == 2); // scim_users, scim_links
    scim()
        .get("/Users/" + erased)
        .then()
        .statusCode(200)
        .body("name.givenName", equalTo("Erin" + tag));

    ScimUsersReadTest.publish(
        IdentityEvents.USER_DELETED,
        erased,
        2,
        "{\"userId\":\"%s\",\"tenantId\":\"acme\"}".formatted(erased));
    ScimUsersReadTest.publish(
        IdentityEvents.USER_ERASED,
        erased,
        3,
        "{\"userId\":\"%s\",\"tenantId\":\"acme\",\"erasedBy\":\"acme-admin\"}".formatted(erased));

    List<String> personal =
        List.of(
            gone,
            "erin-" + tag,
            "Erin Erasedname " + tag,
            "Erin" + tag,
            "Erasedfamily" + tag,
            "ext-" + gone);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> personal.stream().allMatch(text -> rowsMentioning(text) == 0));
    // The rows' ids and facts stay.
    assertEquals(3, version(erased));
    assertEquals(3, rowsMentioning(erased), "scim_users, scim_links and erased_users keep it");

    // The other user as they were, over SCIM too; the erased one is gone from every answer.
    scim()
        .get("/Users/" + kept)
        .then()
        .statusCode(200)
        .body("userName", equalTo(stays))
        .body("displayName", equalTo("Kim Keptname " + tag))
        .body("name.familyName", equalTo("Keptfamily" + tag))
        .body("externalId", equalTo("ext-" + stays));
    scim().get("/Users/" + erased).then().statusCode(404);
    String all = scim().get("/Users?count=200").then().statusCode(200).extract().asString();
    String filtered =
        scim()
            .queryParam("filter", "userName co \"" + tag + "\"")
            .get("/Users")
            .then()
            .statusCode(200)
            .body("totalResults", equalTo(1))
            .body("Resources[0].id", equalTo(kept))
            .extract()
            .asString();
    for (String text : personal) {
      org.junit.jupiter.api.Assertions.assertFalse(
          (all + filtered)
              .toLowerCase(java.util.Locale.ROOT)
              .contains(text.toLowerCase(java.util.Locale.ROOT)),
          text);
    }

    // Their creation again (a republication, newer than the row as a replay would be), and a
    // profile change: nothing of theirs comes back.
    ScimUsersReadTest.publish(
        IdentityEvents.USER_CREATED,
        erased,
        4,
        identityUser(erased, gone, "Erin Erasedname " + tag, "scim"));
    ScimUsersReadTest.publish(
        IdentityEvents.USER_UPDATED,
        erased,
        5,
        identityUser(erased, gone, "Erin Erasedname " + tag, null));
    await().atMost(Duration.ofSeconds(20)).until(() -> version(erased) == 5);
    for (String text : personal) {
      assertEquals(0, rowsMentioning(text), text);
    }
    scim().get("/Users/" + erased).then().statusCode(404);
    scim()
        .queryParam("filter", "userName co \"" + tag + "\"")
        .get("/Users")
        .then()
        .statusCode(200)
        .body("totalResults", equalTo(1));
  }
}
