package io.lanyard.identity;

import static io.lanyard.identity.IdentityApiTest.admin;
import static io.lanyard.identity.IdentityApiTest.as;
import static io.lanyard.identity.IdentityApiTest.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.lanyard.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue 18's findings against identity-service, each tried as an attacker would. */
@QuarkusTest
class IdentitySecurityTest {

  @BeforeEach
  void tenants() {
    new IdentityApiTest().tenants();
  }

  static Map<String, Object> user(String field, Object value) {
    String name = unique("hostile-");
    Map<String, Object> user =
        new java.util.HashMap<>(
            Map.of("username", name, "displayName", "Hostile", "email", name + "@acme.example"));
    user.put(field, value);
    return user;
  }

  @Test
  void controlCharactersBrokenCharactersAndOverlongTextAreRefusedNamingTheField() {
    for (Map.Entry<String, String> bad :
        List.of(
            Map.entry("displayName", "Ada\u0000Lovelace"),
            Map.entry("displayName", "\ud800"),
            Map.entry("displayName", "x".repeat(100_000)),
            Map.entry("displayName", "two\nlines"),
            Map.entry("email", "a\u0000b@acme.example"),
            Map.entry("email", "x".repeat(100_000) + "@acme.example"),
            Map.entry("orgUnit", "/Sales\u0007"))) {
      admin("acme")
          .body(user(bad.getKey(), bad.getValue()))
          .post("/admin/v1/users")
          .then()
          .statusCode(400)
          .body("error", equalTo("invalid_" + snake(bad.getKey())))
          .body("message", containsString(bad.getKey()));
    }
    admin("acme")
        .body(
            "{\"username\":\"a\",\"username\":\"b\",\"displayName\":\"D\",\"email\":\"d@acme.example\"}")
        .post("/admin/v1/users")
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_json"))
        .body("message", equalTo("a field is given twice"));
    admin("acme")
        .urlEncodingEnabled(false)
        .get("/admin/v1/users?q=%00")
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_query"));
    admin("acme")
        .urlEncodingEnabled(false)
        .get("/admin/v1/users/%00")
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_path"));
  }

  @Test
  void aDirectorysExternalIdIsShortAndOneLine() {
    as(TestTokens.service("directory-sync-service"))
        .body(Map.of("users", List.of(directoryUser("x".repeat(300)))))
        .post("/internal/v1/tenants/acme/users/batch/google")
        .then()
        .statusCode(200)
        .body("results[0].error", equalTo("invalid_external_id"));
  }

  @Test
  void internalCommandsAcceptOnlyDirectorySyncForARealTenant() {
    String path = "/internal/v1/tenants/acme/users/batch/google";
    Map<String, Object> page = Map.of("users", List.of(directoryUser(unique("x-"))));
    for (String stranger : List.of("device-gateway", "credential-service")) {
      as(TestTokens.service(stranger, List.of("identity-service")))
          .body(page)
          .post(path)
          .then()
          .statusCode(403)
          .body("error", equalTo("forbidden_caller"));
    }
    as(TestTokens.service("directory-sync-service", List.of("credential-service")))
        .body(page)
        .post(path)
        .then()
        .statusCode(401)
        .body("error", equalTo("invalid_audience"));
    as(TestTokens.service("directory-sync-service"))
        .body(page)
        .post("/internal/v1/tenants/nosuchtenant/users/batch/google")
        .then()
        .statusCode(404);
    as(TestTokens.service("directory-sync-service"))
        .body(page)
        .post("/internal/v1/tenants/" + "t".repeat(2000) + "/users/batch/google")
        .then()
        .statusCode(400)
        .body("error", not(equalTo("internal_error")));
  }

  private static Map<String, Object> directoryUser(String externalId) {
    String name = unique("d-");
    return Map.of(
        "externalId",
        externalId,
        "username",
        name,
        "displayName",
        "Directory " + name,
        "email",
        name + "@acme.example",
        "suspended",
        false);
  }

  private static String snake(String field) {
    return field.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
  }

  @Test
  void aPageOrSizeThatIsNoNumberIsABadRequestNotAMissingResource() {
    for (String query : List.of("page=abc", "page=-1", "size=1.5", "size=99999999999999")) {
      admin("acme")
          .get("/admin/v1/users?" + query)
          .then()
          .statusCode(400)
          .body("error", equalTo("invalid_parameter"));
    }
    // A non-canonical spelling of an id names nothing.
    admin("acme").get("/admin/v1/users/1-1-1-1-1").then().statusCode(404);
  }
}
