package io.lanyard.identity;

import static io.lanyard.identity.IdentityApiTest.admin;
import static io.lanyard.identity.IdentityApiTest.as;
import static io.lanyard.identity.IdentityApiTest.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.lanyard.testsupport.MovableClock;
import io.lanyard.testsupport.SecurityMatrix;
import io.lanyard.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Guests through the admin API, and the tenant's settings. */
@QuarkusTest
class GuestApiTest {

  @Inject MovableClock clock;

  @AfterEach
  void realTime() {
    clock.reset();
  }

  static String newTenant(String prefix) {
    String tenant = unique(prefix);
    as(TestTokens.operator())
        .body(Map.of("id", tenant, "name", "Guests of " + tenant))
        .post("/ops/v1/tenants")
        .then()
        .statusCode(201);
    return tenant;
  }

  static Map<String, Object> guest(String username, Instant validFrom, Instant validUntil) {
    Map<String, Object> body = new HashMap<>();
    body.put("username", username);
    body.put("displayName", "Guest " + username);
    body.put("email", username + "@visitors.example");
    body.put("kind", "guest");
    body.put("validFrom", validFrom.toString());
    body.put("validUntil", validUntil.toString());
    return body;
  }

  static String createGuest(String tenant, Instant validFrom, Instant validUntil) {
    return admin(tenant)
        .body(guest(unique("guest-"), validFrom, validUntil))
        .post("/admin/v1/users")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  @Test
  void anAdminCreatesAGuestWithItsWindowAndEveryUserShowsItsKind() {
    String tenant = newTenant("guests-");
    Instant from = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant until = from.plus(Duration.ofDays(3));
    String username = unique("vera-");
    String id =
        admin(tenant)
            .body(guest(username, from, until))
            .post("/admin/v1/users")
            .then()
            .statusCode(201)
            .body("kind", equalTo("guest"))
            .body("validFrom", equalTo(from.toString()))
            .body("validUntil", equalTo(until.toString()))
            .body("status", equalTo("active"))
            .body("origin", equalTo("manual"))
            .extract()
            .path("id");
    admin(tenant)
        .get("/admin/v1/users/" + id)
        .then()
        .statusCode(200)
        .body("kind", equalTo("guest"))
        .body("validUntil", equalTo(until.toString()));

    // A person: kind person, and no window at all in the answer.
    var person =
        admin(tenant)
            .body(
                Map.of(
                    "username",
                    unique("pat-"),
                    "displayName",
                    "Pat",
                    "email",
                    unique("pat-") + "@x.example"))
            .post("/admin/v1/users")
            .then()
            .statusCode(201)
            .body("kind", equalTo("person"))
            .extract()
            .jsonPath();
    assertFalse(person.getMap("").containsKey("validFrom"), "a person has no window");
    assertFalse(person.getMap("").containsKey("validUntil"), "a person has no window");
    admin(tenant)
        .body(
            Map.of(
                "username",
                unique("per-"),
                "displayName",
                "P",
                "email",
                unique("per-") + "@x.example",
                "kind",
                "person"))
        .post("/admin/v1/users")
        .then()
        .statusCode(201)
        .body("kind", equalTo("person"));

    var created = Events.of(id).await(1).get(0);
    assertEquals("io.lanyard.identity.UserCreated.v2", created.type());
    assertEquals("guest", created.data().get("kind").asText());
    assertEquals(from.toString(), created.data().get("validFrom").asText());
    assertEquals(until.toString(), created.data().get("validUntil").asText());
    var personCreated = Events.of(person.getString("id")).await(1).get(0);
    assertFalse(personCreated.data().has("kind"), "a person's event is written as always");
  }

  @Test
  void everyBadGuestIsA400InvalidFieldAndCreatesNothing() {
    String tenant = newTenant("badguests-");
    Instant now = clock.instant();
    List<Map.Entry<String, Map<String, Object>>> cases = new java.util.ArrayList<>();
    Map<String, Object> noFrom = guest(unique("g-"), now, now.plus(Duration.ofDays(1)));
    noFrom.remove("validFrom");
    cases.add(Map.entry("validFrom, validUntil: both are required", noFrom));
    Map<String, Object> noUntil = guest(unique("g-"), now, now.plus(Duration.ofDays(1)));
    noUntil.remove("validUntil");
    cases.add(Map.entry("validFrom, validUntil: both are required", noUntil));
    Map<String, Object> nullUntil = guest(unique("g-"), now, now.plus(Duration.ofDays(1)));
    nullUntil.put("validUntil", null);
    cases.add(Map.entry("validFrom, validUntil: both are required", nullUntil));
    cases.add(
        Map.entry(
            "validUntil: must be after validFrom",
            guest(unique("g-"), now.plus(Duration.ofDays(2)), now.plus(Duration.ofDays(1)))));
    cases.add(
        Map.entry(
            "validUntil: must be in the future",
            guest(unique("g-"), now.minus(Duration.ofDays(2)), now.minus(Duration.ofHours(1)))));
    cases.add(
        Map.entry(
            "validUntil: a guest's window is at most 366 days",
            guest(unique("g-"), now, now.plus(Duration.ofDays(367)))));
    for (Object bad : List.of("tomorrow", "2027-01-01", "2027-01-01T10:00:00", 1735689600, true)) {
      Map<String, Object> body = guest(unique("g-"), now, now.plus(Duration.ofDays(1)));
      body.put("validUntil", bad);
      cases.add(Map.entry("validUntil: an RFC 3339 instant", body));
    }
    Map<String, Object> badFrom = guest(unique("g-"), now, now.plus(Duration.ofDays(1)));
    badFrom.put("validFrom", Map.of("at", "now"));
    cases.add(Map.entry("validFrom: an RFC 3339 instant", badFrom));
    for (Object kind : List.of("visitor", "GUEST", 2)) {
      Map<String, Object> body = guest(unique("g-"), now, now.plus(Duration.ofDays(1)));
      body.put("kind", kind);
      cases.add(Map.entry("kind: must be person or guest", body));
    }
    Map<String, Object> personWithWindow = guest(unique("g-"), now, now.plus(Duration.ofDays(1)));
    personWithWindow.put("kind", "person");
    cases.add(Map.entry("validFrom, validUntil: only a guest has a window", personWithWindow));
    Map<String, Object> noKindWithWindow = guest(unique("g-"), now, now.plus(Duration.ofDays(1)));
    noKindWithWindow.remove("kind");
    cases.add(Map.entry("validFrom, validUntil: only a guest has a window", noKindWithWindow));

    cases.forEach(
        refused ->
            admin(tenant)
                .body(refused.getValue())
                .post("/admin/v1/users")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_field"))
                .body("message", startsWith(refused.getKey())));
    admin(tenant).get("/admin/v1/users").then().statusCode(200).body("total", equalTo(0));
  }

  @Test
  void theUserListFiltersByKind() {
    String tenant = newTenant("kinds-");
    Instant now = clock.instant();
    String guest = createGuest(tenant, now, now.plus(Duration.ofDays(1)));
    IdentityApiTest.createUser(tenant, unique("p1-"));
    IdentityApiTest.createUser(tenant, unique("p2-"));

    admin(tenant)
        .queryParam("kind", "guest")
        .get("/admin/v1/users")
        .then()
        .statusCode(200)
        .body("total", equalTo(1))
        .body("items[0].id", equalTo(guest))
        .body("items[0].validUntil", not(equalTo(null)));
    admin(tenant)
        .queryParam("kind", "person")
        .get("/admin/v1/users")
        .then()
        .statusCode(200)
        .body("total", equalTo(2))
        .body("items.kind", equalTo(List.of("person", "person")));
    admin(tenant)
        .queryParam("kind", "guest")
        .queryParam("status", "suspended")
        .get("/admin/v1/users")
        .then()
        .body("total", equalTo(0));
    admin(tenant).get("/admin/v1/users").then().body("total", equalTo(3));
    for (String bad : List.of("visitor", "GUEST", "guest,person")) {
      admin(tenant)
          .queryParam("kind", bad)
          .get("/admin/v1/users")
          .then()
          .statusCode(400)
          .body("error", equalTo("invalid_parameter"))
          .body("message", startsWith("kind must be one of person, guest"));
    }
  }

  @Test
  void aGuestsWindowChangesByPatchAndAPersonHasNoneToChange() {
    String tenant = newTenant("patch-");
    Instant from = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    String id = createGuest(tenant, from, from.plus(Duration.ofDays(1)));
    Instant later = from.plus(Duration.ofDays(5));
    admin(tenant)
        .contentType("application/merge-patch+json")
        .body(Map.of("validUntil", later.toString(), "displayName", "Vera V."))
        .patch("/admin/v1/users/" + id)
        .then()
        .statusCode(200)
        .body("validFrom", equalTo(from.toString()))
        .body("validUntil", equalTo(later.toString()))
        .body("displayName", equalTo("Vera V."))
        .body("version", equalTo(2));
    var updated = Events.of(id).await(2).get(1);
    assertEquals("io.lanyard.identity.UserUpdated.v2", updated.type());
    assertEquals(from.toString(), updated.data().get("validFrom").asText());
    assertEquals(later.toString(), updated.data().get("validUntil").asText());

    Map<String, Object> refusals = new java.util.LinkedHashMap<>();
    refusals.put(
        "validUntil: must be in the future",
        Map.of(
            "validFrom", from.minus(Duration.ofHours(2)).toString(),
            "validUntil", from.minusSeconds(60).toString()));
    refusals.put(
        "validUntil: must be after validFrom",
        Map.of("validFrom", later.plusSeconds(1).toString()));
    refusals.put(
        "validUntil: a guest's window is at most 366 days",
        Map.of("validUntil", from.plus(Duration.ofDays(400)).toString()));
    refusals.put("validUntil: an RFC 3339 instant", Map.of("validUntil", "soon"));
    refusals.put(
        "validFrom: an RFC 3339 instant",
        new HashMap<>(java.util.Collections.singletonMap("validFrom", null)));
    refusals.put("field 'kind' cannot be changed", Map.of("kind", "person"));
    refusals.forEach(
        (message, patch) ->
            admin(tenant)
                .body(patch)
                .patch("/admin/v1/users/" + id)
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_field"))
                .body("message", startsWith(message)));
    admin(tenant)
        .get("/admin/v1/users/" + id)
        .then()
        .body("validUntil", equalTo(later.toString()))
        .body("version", equalTo(2));

    String person = IdentityApiTest.createUser(tenant, unique("per-"));
    admin(tenant)
        .body(Map.of("validUntil", later.toString()))
        .patch("/admin/v1/users/" + person)
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_field"))
        .body("message", startsWith("validFrom, validUntil: only a guest has a window"));
  }

  @Test
  void theTenantsSettingsAreItsOwnThirtyDaysUntilChanged() {
    String tenant = newTenant("settings-");
    String other = newTenant("settings-");
    admin(tenant)
        .get("/admin/v1/tenant-settings")
        .then()
        .statusCode(200)
        .body("guestRetentionDays", equalTo(30));
    admin(tenant)
        .body(Map.of("guestRetentionDays", 7))
        .put("/admin/v1/tenant-settings")
        .then()
        .statusCode(200)
        .body("guestRetentionDays", equalTo(7));
    admin(tenant).get("/admin/v1/tenant-settings").then().body("guestRetentionDays", equalTo(7));
    admin(other).get("/admin/v1/tenant-settings").then().body("guestRetentionDays", equalTo(30));

    for (String bad :
        List.of(
            "{\"guestRetentionDays\":0}",
            "{\"guestRetentionDays\":3651}",
            "{\"guestRetentionDays\":-5}",
            "{\"guestRetentionDays\":\"30\"}",
            "{\"guestRetentionDays\":30.5}",
            "{\"guestRetentionDays\":null}",
            "{\"guestRetentionDays\":99999999999999}",
            "{}",
            "{\"guestRetentionDays\":30,\"colour\":\"red\"}")) {
      admin(tenant)
          .body(bad)
          .put("/admin/v1/tenant-settings")
          .then()
          .statusCode(400)
          .body("error", equalTo("invalid_field"));
    }
    for (String bad : List.of("[]", "30", "{not json")) {
      admin(tenant)
          .body(bad)
          .put("/admin/v1/tenant-settings")
          .then()
          .statusCode(400)
          .body("error", equalTo("invalid_json"));
    }
    admin(tenant).get("/admin/v1/tenant-settings").then().body("guestRetentionDays", equalTo(7));
    admin(tenant)
        .body(Map.of("guestRetentionDays", 3650))
        .put("/admin/v1/tenant-settings")
        .then()
        .statusCode(200)
        .body("guestRetentionDays", equalTo(3650));

    var changes = Events.of(tenant).await(3);
    assertEquals(
        List.of(
            "io.lanyard.identity.TenantCreated.v1",
            "io.lanyard.identity.TenantSettingsChanged.v1",
            "io.lanyard.identity.TenantSettingsChanged.v1"),
        changes.stream().map(Events.Event::type).toList());
    assertEquals(7, changes.get(1).data().get("guestRetentionDays").asInt());
    assertEquals(tenant + "-admin", changes.get(1).data().get("changedBy").asText());
    assertEquals(3650, changes.get(2).data().get("guestRetentionDays").asInt());

    SecurityMatrix.assertRefused(
        List.of(
            new SecurityMatrix.Call("GET", "/admin/v1/tenant-settings"),
            new SecurityMatrix.Call("PUT", "/admin/v1/tenant-settings")));
    admin("nowhere")
        .get("/admin/v1/tenant-settings")
        .then()
        .statusCode(403)
        .body("error", equalTo("unknown_tenant"));
  }
}
