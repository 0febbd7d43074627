package io.lanyard.identity;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

// The real platform comes from the module's one @QuarkusTestResource (on its *StartsTest),
// which applies to every test class of the module: one application start for all of them.
@QuarkusTest
class IdentityApiTest {

  static RequestSpecification as(String token) {
    return given().auth().oauth2(token).contentType(ContentType.JSON);
  }

  static RequestSpecification admin(String tenant) {
    return as(TestTokens.admin(tenant));
  }

  @BeforeEach
  void tenants() {
    for (String tenant : List.of("acme", "globex")) {
      int status =
          as(TestTokens.operator())
              .body(Map.of("id", tenant, "name", tenant + " Corp"))
              .post("/ops/v1/tenants")
              .statusCode();
      assertEquals(true, status == 201 || status == 409, "creating " + tenant + ": " + status);
    }
  }

  static String unique(String prefix) {
    return prefix + UUID.randomUUID().toString().substring(0, 8);
  }

  static String createUser(String tenant, String username) {
    return admin(tenant)
        .body(
            Map.of(
                "username", username,
                "displayName", "Name of " + username,
                "email", username + "@" + tenant + ".example"))
        .post("/admin/v1/users")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  @Test
  void anAdminManagesAUserFromCreationToDeletion() {
    String username = unique("ada");
    String id =
        admin("acme")
            .body(
                Map.of(
                    "username", username,
                    "displayName", "Ada Lovelace",
                    "email", username.toUpperCase() + "@Acme.Example",
                    "orgUnit", "/Research",
                    "locale", "en"))
            .post("/admin/v1/users")
            .then()
            .statusCode(201)
            .body("id", notNullValue())
            .body("username", equalTo(username))
            .body("email", equalTo(username + "@acme.example"))
            .body("status", equalTo("active"))
            .body("origin", equalTo("manual"))
            .extract()
            .path("id");

    admin("acme")
        .get("/admin/v1/users/" + id)
        .then()
        .statusCode(200)
        .body("orgUnit", equalTo("/Research"));
    admin("acme")
        .queryParam("q", username.toUpperCase())
        .get("/admin/v1/users")
        .then()
        .statusCode(200)
        .body("items", hasSize(1))
        .body("items[0].id", equalTo(id))
        .body("total", equalTo(1))
        .body("page", equalTo(0))
        .body("size", equalTo(50));

    admin("acme")
        .contentType("application/merge-patch+json")
        .body("{\"displayName\":\"Ada King\",\"orgUnit\":null}")
        .patch("/admin/v1/users/" + id)
        .then()
        .statusCode(200)
        .body("displayName", equalTo("Ada King"))
        .body("orgUnit", nullValue())
        .body("locale", equalTo("en"));

    admin("acme")
        .post("/admin/v1/users/" + id + "/suspend")
        .then()
        .statusCode(200)
        .body("status", equalTo("suspended"));
    admin("acme")
        .post("/admin/v1/users/" + id + "/reactivate")
        .then()
        .statusCode(200)
        .body("status", equalTo("active"));

    admin("globex")
        .get("/admin/v1/users/" + id)
        .then()
        .statusCode(404)
        .body("error", equalTo("not_found"));
    admin("globex").post("/admin/v1/users/" + id + "/suspend").then().statusCode(404);
    admin("globex").post("/admin/v1/users/" + id + "/reactivate").then().statusCode(404);
    admin("globex")
        .body("{\"displayName\":\"Taken over\"}")
        .patch("/admin/v1/users/" + id)
        .then()
        .statusCode(404)
        .body("error", equalTo("not_found"));
    admin("globex").delete("/admin/v1/users/" + id).then().statusCode(404);

    admin("acme").delete("/admin/v1/users/" + id).then().statusCode(204);
    admin("acme").get("/admin/v1/users/" + id).then().statusCode(404);
    admin("acme").delete("/admin/v1/users/" + id).then().statusCode(404);

    List<ConsumerRecord<String, byte[]>> events =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () ->
                    TestTopics.readToEnd(topic()).stream()
                        .filter(record -> id.equals(record.key()))
                        .toList(),
                published -> published.size() >= 5);
    assertEquals(
        List.of(
            "io.lanyard.identity.UserCreated.v2",
            "io.lanyard.identity.UserUpdated.v2",
            "io.lanyard.identity.UserSuspended.v1",
            "io.lanyard.identity.UserReactivated.v1",
            "io.lanyard.identity.UserDeleted.v1"),
        events.stream().map(record -> header(record, "ce_type")).toList());
    events.forEach(record -> assertEquals("acme", header(record, "ce_tenantid")));
    assertEquals("identity-service", header(events.get(0), "ce_source"));
    // ADR 7: who the person is travels sealed; the topic never has their name or address.
    for (ConsumerRecord<String, byte[]> record : events) {
      String value = new String(record.value(), java.nio.charset.StandardCharsets.UTF_8);
      assertFalse(value.toLowerCase().contains(username.toLowerCase()), value);
      assertFalse(value.contains("acme.example"), value);
    }
  }

  @Test
  void usernamesAndEmailsAreUniquePerTenantWhateverTheirCase() {
    String username = unique("bob");
    createUser("acme", username);
    admin("acme")
        .body(
            Map.of(
                "username",
                username.toUpperCase(),
                "displayName",
                "B",
                "email",
                unique("x") + "@acme.example"))
        .post("/admin/v1/users")
        .then()
        .statusCode(409)
        .body("error", equalTo("username_taken"));
    admin("acme")
        .body(
            Map.of(
                "username",
                unique("other"),
                "displayName",
                "B",
                "email",
                username.toUpperCase() + "@ACME.example"))
        .post("/admin/v1/users")
        .then()
        .statusCode(409)
        .body("error", equalTo("email_taken"));
    // Another tenant may use both.
    createUser("globex", username);
  }

  @Test
  void badInputIsA400NamingTheFieldAndChangesNothing() {
    admin("acme")
        .body(Map.of("username", unique("carl"), "displayName", "C", "email", "not-an-email"))
        .post("/admin/v1/users")
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_email"))
        .body("message", containsString("email"));
    admin("acme")
        .body(Map.of("displayName", "C", "email", "c@acme.example"))
        .post("/admin/v1/users")
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_username"));
    admin("acme")
        .body(
            "{\"username\":\"x1\",\"displayName\":\"X\",\"email\":\"x1@acme.example\",\"colour\":\"red\"}")
        .post("/admin/v1/users")
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_json"))
        .body("message", containsString("colour"));
    admin("acme")
        .body("{not json")
        .post("/admin/v1/users")
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_json"));

    String id = createUser("acme", unique("dora"));
    admin("acme")
        .body("{\"email\":\"broken\",\"displayName\":\"Changed\"}")
        .patch("/admin/v1/users/" + id)
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_email"));
    admin("acme").get("/admin/v1/users/" + id).then().body("displayName", startsWith("Name of "));
    admin("acme")
        .body("{\"status\":\"deleted\"}")
        .patch("/admin/v1/users/" + id)
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_field"));
    admin("acme")
        .queryParam("size", 0)
        .get("/admin/v1/users")
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_parameter"));
    admin("acme").get("/admin/v1/users/not-a-uuid").then().statusCode(404);
  }

  @Test
  void listsArePaged() {
    String prefix = unique("page");
    for (int i = 0; i < 3; i++) {
      createUser("acme", prefix + i);
    }
    admin("acme")
        .queryParam("q", prefix)
        .queryParam("size", 2)
        .get("/admin/v1/users")
        .then()
        .body("items", hasSize(2))
        .body("total", equalTo(3))
        .body("items[0].username", equalTo(prefix + 0));
    admin("acme")
        .queryParam("q", prefix)
        .queryParam("size", 2)
        .queryParam("page", 1)
        .get("/admin/v1/users")
        .then()
        .body("items", hasSize(1))
        .body("items[0].username", equalTo(prefix + 2))
        .body("page", equalTo(1));
  }

  @Test
  void theUserListFiltersByStatusAndOriginTogetherWithTheSearchAndThePages() {
    // A tenant of its own, so that the totals count only this test's users.
    String tenant = unique("filters-");
    as(TestTokens.operator())
        .body(Map.of("id", tenant, "name", "Filtered"))
        .post("/ops/v1/tenants")
        .then()
        .statusCode(201);
    String manualActive = createUser(tenant, unique("alpha-m-"));
    createUser(tenant, unique("beta-m-"));
    String manualSuspended = createUser(tenant, unique("beta-ms-"));
    admin(tenant).post("/admin/v1/users/" + manualSuspended + "/suspend").then().statusCode(200);
    String deleted = createUser(tenant, unique("alpha-gone-"));
    admin(tenant).delete("/admin/v1/users/" + deleted).then().statusCode(204);
    String service = TestTokens.service("directory-sync-service");
    String googleActive = unique("alpha-g-");
    String googleSuspended = unique("beta-gs-");
    as(service)
        .body(
            Map.of(
                "users",
                List.of(
                    directoryUser(googleActive, googleActive, false),
                    directoryUser(googleSuspended, googleSuspended, true))))
        .post("/internal/v1/tenants/" + tenant + "/users/batch/google")
        .then()
        .statusCode(200)
        .body("results.created", equalTo(List.of(true, true)));
    String scim = unique("beta-s-");
    as(service)
        .body(Map.of("username", scim, "displayName", "Sam", "email", scim + "@acme.example"))
        .put("/internal/v1/tenants/" + tenant + "/users/by-external-id/scim/" + scim)
        .then()
        .statusCode(201);

    assertEquals(6, listed(tenant, Map.of()).getInt("total"), "the deleted user is not listed");
    assertEquals(6, listed(tenant, Map.of("status", "", "origin", "")).getInt("total"));
    var active = listed(tenant, Map.of("status", "active"));
    assertEquals(4, active.getInt("total"));
    assertEquals(List.of("active"), active.getList("items.status").stream().distinct().toList());
    var suspended = listed(tenant, Map.of("status", "suspended"));
    assertEquals(2, suspended.getInt("total"));
    assertEquals(
        java.util.Set.of(manualSuspended, googleId(tenant, googleSuspended)),
        java.util.Set.copyOf(suspended.getList("items.id")));
    assertEquals(3, listed(tenant, Map.of("origin", "manual")).getInt("total"));
    var google = listed(tenant, Map.of("origin", "google"));
    assertEquals(2, google.getInt("total"));
    assertEquals(List.of("google"), google.getList("items.origin").stream().distinct().toList());
    assertEquals(List.of(scim), listed(tenant, Map.of("origin", "scim")).getList("items.username"));

    var suspendedManual = listed(tenant, Map.of("status", "suspended", "origin", "manual"));
    assertEquals(1, suspendedManual.getInt("total"));
    assertEquals(manualSuspended, suspendedManual.getString("items[0].id"));
    assertEquals(
        0, listed(tenant, Map.of("status", "suspended", "origin", "scim")).getInt("total"));

    // With the search and the pages: "alpha" and active are the Google and the manual user
    // (in that order of usernames, "alpha-g-" before "alpha-m-"), one a page, total both.
    var firstPage =
        listed(tenant, Map.of("q", "ALPHA", "status", "active", "size", "1", "page", "0"));
    assertEquals(2, firstPage.getInt("total"));
    assertEquals(List.of(googleActive), firstPage.getList("items.username"));
    var secondPage =
        listed(tenant, Map.of("q", "ALPHA", "status", "active", "size", "1", "page", "1"));
    assertEquals(2, secondPage.getInt("total"));
    assertEquals(List.of(manualActive), secondPage.getList("items.id"));
    assertEquals(1, secondPage.getInt("page"));
    assertEquals(
        manualActive,
        listed(tenant, Map.of("q", "alpha", "status", "active", "origin", "manual"))
            .getString("items[0].id"));
  }

  @Test
  void aStatusOrOriginTheUserListDoesNotKnowIsA400NamingIt() {
    Map<String, List<String>> unknown =
        Map.of(
            "status", List.of("deleted", "none", "ACTIVE", "Suspended", "active,suspended", " "),
            "origin", List.of("admin", "Manual", "GOOGLE", "entra", "scim "));
    unknown.forEach(
        (parameter, values) ->
            values.forEach(
                value ->
                    admin("acme")
                        .queryParam(parameter, value)
                        .get("/admin/v1/users")
                        .then()
                        .statusCode(400)
                        .body("error", equalTo("invalid_parameter"))
                        .body("message", startsWith(parameter + " must be one of"))));
  }

  @Test
  void theApiDescriptionListsExactlyTheStatusesAndOriginsTheUserListTakes() {
    var document =
        given()
            .accept("application/json")
            .get("/q/openapi?format=json")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    String parameters = "paths.'/admin/v1/users'.get.parameters";
    Map<String, List<String>> described =
        Map.of(
            "status",
            document.getList(parameters + ".find { it.name == 'status' }.schema.enum"),
            "origin",
            document.getList(parameters + ".find { it.name == 'origin' }.schema.enum"),
            "kind",
            document.getList(parameters + ".find { it.name == 'kind' }.schema.enum"));
    assertEquals(List.of("active", "suspended"), described.get("status"));
    assertEquals(List.of("manual", "google", "scim"), described.get("origin"));
    assertEquals(List.of("person", "guest"), described.get("kind"));
    // Each value described is one the list takes.
    described.forEach(
        (parameter, values) ->
            values.forEach(
                value ->
                    admin("acme")
                        .queryParam(parameter, value)
                        .get("/admin/v1/users")
                        .then()
                        .statusCode(200)));
  }

  private static io.restassured.path.json.JsonPath listed(
      String tenant, Map<String, String> query) {
    return admin(tenant)
        .queryParams(query)
        .get("/admin/v1/users")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static String googleId(String tenant, String username) {
    return listed(tenant, Map.of("q", username)).getString("items[0].id");
  }

  @Test
  void everyAdminResourceAnswers401WithoutATokenAnd403WithTheWrongRole() {
    String id = UUID.randomUUID().toString();
    List<SecurityMatrix.Call> calls =
        List.of(
            new SecurityMatrix.Call("POST", "/admin/v1/users"),
            new SecurityMatrix.Call("GET", "/admin/v1/users"),
            new SecurityMatrix.Call("GET", "/admin/v1/users/" + id),
            new SecurityMatrix.Call("PATCH", "/admin/v1/users/" + id),
            new SecurityMatrix.Call("DELETE", "/admin/v1/users/" + id),
            new SecurityMatrix.Call("POST", "/admin/v1/users/" + id + "/suspend"),
            new SecurityMatrix.Call("POST", "/admin/v1/users/" + id + "/reactivate"),
            new SecurityMatrix.Call("POST", "/admin/v1/users/" + id + "/erasure"),
            new SecurityMatrix.Call("POST", "/internal/v1/data-keys"),
            new SecurityMatrix.Call("POST", "/ops/v1/tenants"),
            new SecurityMatrix.Call("GET", "/ops/v1/tenants"),
            new SecurityMatrix.Call("POST", "/ops/v1/tenants/acme/suspend"),
            new SecurityMatrix.Call("POST", "/ops/v1/tenants/acme/export"),
            new SecurityMatrix.Call("PUT", "/internal/v1/tenants/acme/users/by-external-id/scim/x"),
            new SecurityMatrix.Call(
                "PUT", "/internal/v1/tenants/acme/users/" + java.util.UUID.randomUUID()),
            new SecurityMatrix.Call("POST", "/internal/v1/tenants/acme/users/" + id + "/suspend"),
            new SecurityMatrix.Call("DELETE", "/internal/v1/tenants/acme/users/" + id));
    SecurityMatrix.assertRefused(calls);
    given()
        .auth()
        .oauth2("not-a-token")
        .get("/admin/v1/users")
        .then()
        .statusCode(401)
        .body("error", equalTo("unauthorized"));
  }

  @Test
  void aTokenForAnUnknownOrSuspendedTenantIsRefused() {
    admin("nowhere")
        .get("/admin/v1/users")
        .then()
        .statusCode(403)
        .body("error", equalTo("unknown_tenant"));
    String tenant = unique("t-");
    as(TestTokens.operator())
        .body(Map.of("id", tenant, "name", "Short-lived"))
        .post("/ops/v1/tenants")
        .then()
        .statusCode(201)
        .body("status", equalTo("active"));
    admin(tenant).get("/admin/v1/users").then().statusCode(200);
    as(TestTokens.operator())
        .post("/ops/v1/tenants/" + tenant + "/suspend")
        .then()
        .statusCode(200)
        .body("status", equalTo("suspended"));
    admin(tenant)
        .get("/admin/v1/users")
        .then()
        .statusCode(403)
        .body("error", equalTo("unknown_tenant"));
  }

  @Test
  void operatorsCreateAndListTenantsOnce() {
    as(TestTokens.operator())
        .body(Map.of("id", "acme", "name", "Again"))
        .post("/ops/v1/tenants")
        .then()
        .statusCode(409)
        .body("error", equalTo("tenant_exists"));
    as(TestTokens.operator())
        .body(Map.of("id", "Not A Slug", "name", "x"))
        .post("/ops/v1/tenants")
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_id"));
    as(TestTokens.operator())
        .get("/ops/v1/tenants")
        .then()
        .statusCode(200)
        .body("items.id", org.hamcrest.Matchers.hasItems("acme", "globex"));
    as(TestTokens.operator())
        .post("/ops/v1/tenants/" + unique("none-") + "/suspend")
        .then()
        .statusCode(404);
  }

  @Test
  void anOperatorRepublishesTheEventsFromAPosition() {
    String tenant = unique("repub-");
    as(TestTokens.operator())
        .body(Map.of("id", tenant, "name", "Republished"))
        .post("/ops/v1/tenants")
        .then()
        .statusCode(201);
    List<ConsumerRecord<String, byte[]>> before = TestTopics.readToEnd(topic());
    long created = before.stream().filter(record -> record.key().equals(tenant)).count();
    assertEquals(1, created);

    int queued =
        as(TestTokens.operator())
            .body(Map.of("fromPosition", 0))
            .post("/ops/v1/events/republish")
            .then()
            .statusCode(202)
            .extract()
            .path("queued");
    assertEquals(true, queued >= before.size(), "every event of the store, again");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                TestTopics.readToEnd(topic()).stream()
                        .filter(record -> record.key().equals(tenant))
                        .count()
                    == 2);
    admin("acme")
        .body(Map.of("fromPosition", 0))
        .post("/ops/v1/events/republish")
        .then()
        .statusCode(403);
    as(TestTokens.operator())
        .body(Map.of("fromPosition", -1))
        .post("/ops/v1/events/republish")
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_from_position"));
  }

  @Test
  void aDirectorysPageOfUsersIsCreatedTogetherEachRefusalItsOwn() {
    String taken = unique("taken-");
    createUser("acme", taken);
    String a = unique("g-a-");
    String b = unique("g-b-");
    String service = TestTokens.service("directory-sync-service");
    Map<String, Object> page =
        Map.of(
            "users",
            List.of(
                directoryUser(a, a, false),
                directoryUser(b, b, true),
                directoryUser(unique("g-c-"), taken, false),
                directoryUser(unique("g-d-"), "not an email", false)));
    var first =
        as(service)
            .body(page)
            .post("/internal/v1/tenants/acme/users/batch/google")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertEquals(List.of(true, true, false, false), first.getList("results.created"));
    assertEquals(
        java.util.Arrays.asList(null, null, "username_taken", "invalid_username"),
        first.getList("results.error"),
        "in the order of the request");
    String bId = first.getString("results.find { it.externalId == '" + b + "' }.userId");
    admin("acme")
        .get("/admin/v1/users/" + bId)
        .then()
        .statusCode(200)
        .body("status", equalTo("suspended"))
        .body("origin", equalTo("google"));

    var again =
        as(service)
            .body(Map.of("users", List.of(directoryUser(a, a, false))))
            .post("/internal/v1/tenants/acme/users/batch/google")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertEquals(false, again.getBoolean("results[0].created"), "already there: not created twice");
    assertEquals(first.getString("results[0].userId"), again.getString("results[0].userId"));
    admin("acme")
        .body(page)
        .post("/internal/v1/tenants/acme/users/batch/google")
        .then()
        .statusCode(403);
  }

  private static Map<String, Object> directoryUser(
      String externalId, String username, boolean suspended) {
    return Map.of(
        "externalId", externalId,
        "username", username,
        "displayName", "Directory " + username,
        "email", username.replace(' ', '-') + "@acme.example",
        "suspended", suspended);
  }

  @Test
  void directorySyncCreatesOrUpdatesByExternalIdIdempotentlyWithAServiceIdentity() {
    String externalId = unique("entra-");
    String path = "/internal/v1/tenants/acme/users/by-external-id/scim/" + externalId;
    Map<String, String> profile =
        Map.of("username", externalId, "displayName", "Eve", "email", externalId + "@acme.example");
    String service = TestTokens.service("directory-sync-service");
    String id =
        as(service)
            .body(profile)
            .put(path)
            .then()
            .statusCode(201)
            .body("origin", equalTo("scim"))
            .body("externalId", equalTo(externalId))
            .body("version", equalTo(1))
            .extract()
            .path("id");
    as(service)
        .body(profile)
        .put(path)
        .then()
        .statusCode(200)
        .body("id", equalTo(id))
        .body("version", equalTo(1));
    as(service)
        .body(
            Map.of(
                "username",
                externalId,
                "displayName",
                "Eve Adams",
                "email",
                externalId + "@acme.example"))
        .put(path)
        .then()
        .statusCode(200)
        .body("displayName", equalTo("Eve Adams"))
        .body("version", equalTo(2));
    as(service)
        .body(
            Map.of(
                "username",
                externalId,
                "displayName",
                "Eve A.",
                "email",
                externalId + "@acme.example"))
        .put("/internal/v1/tenants/acme/users/" + id)
        .then()
        .statusCode(200)
        .body("displayName", equalTo("Eve A."))
        .body("version", equalTo(3));
    as(service).body(profile).put("/internal/v1/tenants/globex/users/" + id).then().statusCode(404);
    as(service)
        .post("/internal/v1/tenants/acme/users/" + id + "/suspend")
        .then()
        .statusCode(200)
        .body("status", equalTo("suspended"))
        .body("version", equalTo(4));
    as(service).post("/internal/v1/tenants/globex/users/" + id + "/suspend").then().statusCode(404);
    as(service)
        .body(profile)
        .put("/internal/v1/tenants/nowhere/users/by-external-id/scim/x")
        .then()
        .statusCode(404);
    as(service)
        .body(profile)
        .put("/internal/v1/tenants/acme/users/by-external-id/manual/x")
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_origin"));
    admin("acme").body(profile).put(path).then().statusCode(403);
    as(service).delete("/internal/v1/tenants/acme/users/" + id).then().statusCode(204);

    List<String> types =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () ->
                    TestTopics.readToEnd(topic()).stream()
                        .filter(record -> id.equals(record.key()))
                        .map(record -> header(record, "ce_type"))
                        .toList(),
                published -> published.size() >= 5);
    // The second, identical upsert appended nothing.
    assertEquals(
        List.of(
            "io.lanyard.identity.UserCreated.v2",
            "io.lanyard.identity.UserUpdated.v2",
            "io.lanyard.identity.UserUpdated.v2",
            "io.lanyard.identity.UserSuspended.v1",
            "io.lanyard.identity.UserDeleted.v1"),
        types);
  }

  @Test
  void whatTheFrameworkRefusesAlsoAnswersWithTheJsonErrorBody() {
    admin("acme")
        .get("/admin/v1/nothing-here")
        .then()
        .statusCode(404)
        .body("error", equalTo("not_found"));
    admin("acme")
        .put("/admin/v1/users")
        .then()
        .statusCode(405)
        .body("error", equalTo("method_not_allowed"));
    admin("acme")
        .contentType(ContentType.XML)
        .body("<user/>")
        .post("/admin/v1/users")
        .then()
        .statusCode(415)
        .body("error", equalTo("unsupported_media_type"));
  }

  static String topic() {
    return ConfigProvider.getConfig().getValue("lanyard.events.topic", String.class);
  }

  static String header(ConsumerRecord<String, byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
