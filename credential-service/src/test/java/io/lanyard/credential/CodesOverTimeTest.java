package io.lanyard.credential;

import static io.lanyard.credential.CredentialApiTest.admin;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lanyard.contracts.EventType;
import io.lanyard.contracts.IdentityEvents;
import io.lanyard.credential.application.CodeSchedulePass;
import io.lanyard.credential.application.CredentialCommands;
import io.lanyard.credential.domain.CodeWindow;
import io.lanyard.credential.infra.DueCodes;
import io.lanyard.eventstore.PgEventStore;
import io.lanyard.testplatform.TestPlatform;
import io.lanyard.testsupport.MovableClock;
import io.lanyard.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 22 in credential-service (ADR 6): guests' windows, expiries an admin sets, and the
 * scheduler's expiries, notices and rotations, on the real broker and database. Time is moved with
 * {@link MovableClock}, which the background scheduler (every second in tests) reads too: the
 * assertions count what the streams record, whoever of the passes acted.
 */
@QuarkusTest
class CodesOverTimeTest {

  @Inject MovableClock clock;
  @Inject CodeSchedulePass pass;
  @Inject CredentialCommands commands;
  @Inject PgEventStore store;
  @Inject DueCodes due;
  @Inject Pool pool;

  @AfterEach
  void backToNow() {
    clock.reset();
  }

  record Stored(String type, JsonNode data) {}

  static final String TYPE_PREFIX = "io.lanyard.credential.";

  static void tenant(String tenant) throws Exception {
    IdentityFeedTest.publish(
        IdentityEvents.TENANT_CREATED,
        tenant,
        1,
        tenant,
        "{\"tenantId\":\"" + tenant + "\",\"name\":\"T\"}");
  }

  /** A user created in identity (UserCreated), with what else the event says. */
  static String created(String tenant, String origin, String more) throws Exception {
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
            + "\",\"username\":\"u-"
            + id.substring(0, 8)
            + "\",\"displayName\":\"Visitor "
            + id.substring(0, 4)
            + "\",\"email\":\""
            + id
            + "@"
            + tenant
            + ".example\",\"orgUnit\":\"/Visitors\",\"origin\":\""
            + origin
            + "\",\"externalId\":"
            + ("manual".equals(origin) ? "null" : "\"x-" + id + "\"")
            + more
            + "}");
    return id;
  }

  static String guest(String tenant, Instant from, Instant until) throws Exception {
    return created(
        tenant,
        "manual",
        ",\"kind\":\"guest\",\"validFrom\":\"" + from + "\",\"validUntil\":\"" + until + "\"");
  }

  static void updated(String tenant, String userId, long version, String displayName, String more)
      throws Exception {
    IdentityFeedTest.publish(
        IdentityEvents.USER_UPDATED,
        userId,
        version,
        tenant,
        "{\"userId\":\""
            + userId
            + "\",\"tenantId\":\""
            + tenant
            + "\",\"username\":\"u-"
            + userId.substring(0, 8)
            + "\",\"displayName\":\""
            + displayName
            + "\",\"email\":\""
            + userId
            + "@"
            + tenant
            + ".example\",\"orgUnit\":\"/Visitors\",\"locale\":null"
            + more
            + "}");
  }

  static void statusChanged(EventType type, String tenant, String userId, long version)
      throws Exception {
    IdentityFeedTest.publish(
        type,
        userId,
        version,
        tenant,
        "{\"userId\":\"" + userId + "\",\"tenantId\":\"" + tenant + "\"}");
  }

  static JsonPath awaitCredentials(String tenant, String userId) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> admin(tenant).get("/admin/v1/credentials/" + userId).statusCode() == 200);
    return credentials(tenant, userId);
  }

  static JsonPath credentials(String tenant, String userId) {
    return admin(tenant)
        .get("/admin/v1/credentials/" + userId)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  static String reveal(String tenant, String userId) {
    return admin(tenant)
        .post("/admin/v1/credentials/" + userId + "/access-code/reveal")
        .then()
        .statusCode(200)
        .extract()
        .path("accessCode");
  }

  static Connection db() throws Exception {
    return DriverManager.getConnection(
        TestPlatform.jdbcUrl(IdentityFeedTest.config("lanyard.database")),
        TestPlatform.postgresUser(),
        "");
  }

  /** The user's credential stream as stored, oldest first; types without their prefix. */
  static List<Stored> stream(String userId) throws Exception {
    List<Stored> events = new ArrayList<>();
    try (Connection db = db();
        PreparedStatement query =
            db.prepareStatement(
                "SELECT event_type, data::text FROM event_store.events WHERE stream_id = ?"
                    + " ORDER BY version")) {
      query.setString(1, userId);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          events.add(
              new Stored(
                  rows.getString(1).replace(TYPE_PREFIX, "").replace(".v1", ""),
                  IdentityFeedTest.JSON.readTree(rows.getString(2))));
        }
      }
    }
    return events;
  }

  static List<Stored> ofType(String userId, String type) throws Exception {
    return stream(userId).stream().filter(event -> event.type().equals(type)).toList();
  }

  static Map<String, String> knownUser(String userId) throws Exception {
    try (Connection db = db();
        PreparedStatement query =
            db.prepareStatement(
                "SELECT username, display_name, email, org_unit, status, origin, kind,"
                    + " valid_from, valid_until FROM known_users WHERE id = ?::uuid")) {
      query.setString(1, userId);
      try (ResultSet rows = query.executeQuery()) {
        Map<String, String> row = new HashMap<>();
        if (rows.next()) {
          for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
            Object value = rows.getObject(i);
            row.put(
                rows.getMetaData().getColumnName(i),
                value instanceof java.sql.Timestamp time
                    ? time.toInstant().toString()
                    : value == null ? null : value.toString());
          }
        }
        return row;
      }
    }
  }

  /**
   * Makes the tenant's current codes older, as if set that much earlier. A rotation counts from
   * when a code was set (the database's time of its event), which moving the service's clock ahead
   * would not move: every new code would look as old as the clock is ahead.
   */
  static void age(String tenant, Duration by) throws Exception {
    try (Connection db = db();
        PreparedStatement update =
            db.prepareStatement(
                "UPDATE access_codes SET updated_at = updated_at - make_interval(secs => ?)"
                    + " WHERE tenant_id = ?")) {
      update.setLong(1, by.toSeconds());
      update.setString(2, tenant);
      update.executeUpdate();
    }
  }

  static Instant inDays(double days) {
    return Instant.now()
        .plus(Duration.ofMinutes(Math.round(days * 24 * 60)))
        .truncatedTo(ChronoUnit.SECONDS);
  }

  static String typeOf(ConsumerRecord<String, byte[]> record) {
    return IdentityFeedTest.header(record, "ce_type").replace(TYPE_PREFIX, "").replace(".v1", "");
  }

  /** Passes at once, as two replicas (or the loop and a test) would race. */
  void racingPasses(int how) {
    List<CompletableFuture<CodeSchedulePass.Outcome>> passes = new ArrayList<>();
    for (int i = 0; i < how; i++) {
      passes.add(CompletableFuture.supplyAsync(pass::run));
    }
    passes.forEach(CompletableFuture::join);
  }

  @Test
  void aGuestsFirstCodeCarriesTheWindowAndFollowsItWhenItMovesOnce() throws Exception {
    tenant("tempo");
    Instant from = inDays(1);
    Instant until = inDays(3);
    String visitor = guest("tempo", from, until);

    JsonPath shown = awaitCredentials("tempo", visitor);
    assertEquals("generated", shown.getString("codeSource"));
    assertEquals(from, Instant.parse(shown.getString("codeValidFrom")));
    assertEquals(until, Instant.parse(shown.getString("codeExpiresAt")));
    assertFalse(shown.getBoolean("codeExpired"));

    List<ConsumerRecord<String, byte[]>> published =
        IdentityFeedTest.credentialEventsOf(visitor, 1);
    JsonNode first = IdentityFeedTest.JSON.readTree(published.get(0).value());
    assertEquals("AccessCodeChanged", typeOf(published.get(0)));
    assertEquals(from, Instant.parse(first.path("validFrom").asText()));
    assertEquals(until, Instant.parse(first.path("expiresAt").asText()));
    assertFalse(first.has("cause"));

    Map<String, String> known = knownUser(visitor);
    assertEquals("guest", known.get("kind"));
    assertEquals("manual", known.get("origin"));
    assertEquals("active", known.get("status"));
    assertEquals("/Visitors", known.get("org_unit"));
    assertEquals("u-" + visitor.substring(0, 8), known.get("username"));
    assertEquals(until.toString(), known.get("valid_until"));

    // The window moves: the code follows, once; a redelivery and a change of name move nothing.
    Instant later = inDays(5);
    String window = ",\"validFrom\":\"" + from + "\",\"validUntil\":\"" + later + "\"";
    updated("tempo", visitor, 2, "Visitor", window);
    updated("tempo", visitor, 2, "Visitor", window);
    updated("tempo", visitor, 3, "Renamed visitor", window);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> "Renamed visitor".equals(knownUser(visitor).get("display_name")));
    List<Stored> moved = ofType(visitor, "AccessCodeExpiryChanged");
    assertEquals(1, moved.size());
    assertEquals(later, Instant.parse(moved.get(0).data().path("expiresAt").asText()));
    assertEquals(from, Instant.parse(moved.get(0).data().path("validFrom").asText()));
    assertEquals("system", moved.get(0).data().path("changedBy").asText());
    assertEquals(later, Instant.parse(credentials("tempo", visitor).getString("codeExpiresAt")));

    // A rebuild replays the older window after the newest was followed: nothing moves back.
    List<?> replayed =
        store
            .inTransaction(
                tx ->
                    commands.followGuestWindowIn(
                        tx, "tempo", visitor, new CodeWindow(from, until), 1))
            .await()
            .atMost(Duration.ofSeconds(10));
    assertEquals(List.of(), replayed);
    assertEquals(1, ofType(visitor, "AccessCodeExpiryChanged").size());
  }

  @Test
  void aCreatorWhoseFirstCodeFollowsGetsNoneGeneratedHere() throws Exception {
    tenant("tempo");
    String imported = created("tempo", "manual", ",\"firstCodeFollows\":true");
    String person = created("tempo", "manual", ",\"kind\":\"person\"");
    await().atMost(Duration.ofSeconds(30)).until(() -> !knownUser(imported).isEmpty());
    JsonPath shown = awaitCredentials("tempo", person);
    assertEquals("generated", shown.getString("codeSource"));
    assertEquals(null, (Object) shown.get("codeExpiresAt"));
    assertEquals("person", knownUser(person).get("kind"));
    // The person's first code was applied after the import's user: that one was decided already.
    assertEquals(0, IdentityFeedTest.count("event_store.streams", imported));
    assertEquals(null, (Object) credentials("tempo", imported).get("accessCode"));
  }

  @Test
  void anAdminGivesChangesAndClearsACodesExpiryAndBadInputChangesNothing() throws Exception {
    tenant("tempo");
    String email = "expiry-" + UUID.randomUUID() + "@tempo.example";
    String user = UUID.randomUUID().toString();
    IdentityFeedTest.publish(
        IdentityEvents.USER_CREATED,
        user,
        1,
        "tempo",
        "{\"userId\":\""
            + user
            + "\",\"tenantId\":\"tempo\",\"username\":\"ex\",\"displayName\":\"Ex\","
            + "\"email\":\""
            + email
            + "\",\"origin\":\"manual\",\"externalId\":null}");
    awaitCredentials("tempo", user);
    String path = "/admin/v1/credentials/" + user + "/access-code";
    Instant e1 = inDays(10);
    admin("tempo")
        .body(Map.of("generate", true, "expiresAt", e1.toString()))
        .put(path)
        .then()
        .statusCode(200)
        .body("codeSource", equalTo("generated"))
        .body("codeExpiresAt", equalTo(e1.toString()))
        .body("codeExpired", equalTo(false))
        .body("codeChangedAt", notNullValue());
    Instant e2 = inDays(20);
    admin("tempo")
        .body(Map.of("code", "H4RT9W", "expiresAt", e2.toString(), "notifyUser", false))
        .put(path)
        .then()
        .statusCode(200)
        .body("codeSource", equalTo("admin"))
        .body("codeExpiresAt", equalTo(e2.toString()));
    Instant e3 = inDays(30);
    admin("tempo")
        .body(Map.of("expiresAt", e3.toString()))
        .put(path)
        .then()
        .statusCode(200)
        .body("codeSource", equalTo("admin"))
        .body("codeExpiresAt", equalTo(e3.toString()));
    assertEquals("H4RT9W", reveal("tempo", user));

    // The user sees their code's expiry too.
    given()
        .auth()
        .oauth2(TestTokens.person("p-" + user, "tempo", email, true, Set.of()))
        .get("/me/v1/access")
        .then()
        .statusCode(200)
        .body("codeExpiresAt", equalTo(e3.toString()))
        .body("codeExpired", equalTo(false));

    admin("tempo")
        .body("{\"expiresAt\":null}")
        .put(path)
        .then()
        .statusCode(200)
        .body("$", not(org.hamcrest.Matchers.hasKey("codeExpiresAt")))
        .body("codeExpired", equalTo(false));

    for (String body :
        List.of(
            "{\"expiresAt\":\"2001-01-01T00:00:00Z\"}",
            "{\"expiresAt\":\"tomorrow\"}",
            "{\"expiresAt\":12}",
            "{\"expiresAt\":\"+999999999-12-31T23:59:59Z\"}",
            "{\"generate\":true,\"expiresAt\":\"2001-01-01T00:00:00Z\"}",
            "{\"code\":\"K7M3QP\",\"expiresAt\":\"yesterday\"}")) {
      admin("tempo")
          .body(body)
          .put(path)
          .then()
          .statusCode(400)
          .body("error", equalTo("invalid_field"))
          .body("message", notNullValue());
    }
    admin("tempo")
        .body("{}")
        .put(path)
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_request"));
    admin("tempo")
        .body("{\"expiresAt\":null,\"colour\":\"red\"}")
        .put(path)
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_json"));
    admin("tempo")
        .body("[\"expiresAt\"]")
        .put(path)
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_json"));
    // Nothing of the refused bodies was applied: the code and its (cleared) expiry are as they
    // were.
    assertEquals("H4RT9W", reveal("tempo", user));
    assertEquals(null, (Object) credentials("tempo", user).get("codeExpiresAt"));

    // Another tenant's admin finds no such user.
    tenant("elsewhere");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                admin("elsewhere").body(Map.of("expiresAt", e1.toString())).put(path).statusCode()
                    == 404);
    admin("elsewhere")
        .body(Map.of("expiresAt", e1.toString()))
        .put(path)
        .then()
        .statusCode(404)
        .body("error", equalTo("not_found"));

    List<Map<String, Object>> history =
        admin("tempo")
            .get("/admin/v1/credentials/" + user + "/history")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("items");
    List<Map<String, Object>> expiryChanges =
        history.stream()
            .filter(entry -> "access_code_expiry_changed".equals(entry.get("event")))
            .toList();
    assertEquals(2, expiryChanges.size());
    assertEquals(e3.toString(), expiryChanges.get(0).get("expiresAt"));
    assertTrue(expiryChanges.get(1).containsKey("expiresAt"));
    assertEquals(null, expiryChanges.get(1).get("expiresAt"));
    assertEquals(
        e2.toString(),
        history.stream()
            .filter(entry -> "admin".equals(entry.get("reason")))
            .findFirst()
            .orElseThrow()
            .get("expiresAt"));
    history.forEach(
        entry -> {
          assertFalse(entry.containsKey("codeHash"));
          assertFalse(entry.containsKey("codeCiphertext"));
        });
  }

  @Test
  void theSchedulerRecordsAnExpiryOnceAndCatchesUpOnOneThatPassedWhileItWasAway() throws Exception {
    tenant("tempo");
    String user = created("tempo", "manual", "");
    awaitCredentials("tempo", user);
    Instant deadline = inDays(1.0 / 24);
    admin("tempo")
        .body(Map.of("expiresAt", deadline.toString()))
        .put("/admin/v1/credentials/" + user + "/access-code")
        .then()
        .statusCode(200)
        .body("codeExpired", equalTo(false));
    racingPasses(2);
    assertEquals(List.of(), ofType(user, "AccessCodeExpired"), "not before its deadline");

    // Two hours on, in one step: as if no scheduler had run when the deadline passed.
    clock.moveBy(Duration.ofHours(2));
    assertTrue(credentials("tempo", user).getBoolean("codeExpired"), "expired by the clock");
    racingPasses(3);
    pass.run();
    List<Stored> expired = ofType(user, "AccessCodeExpired");
    assertEquals(1, expired.size());
    assertEquals(deadline, Instant.parse(expired.get(0).data().path("expiredAt").asText()));
    assertEquals(
        stream(user).get(0).data().path("codeHash").asText(),
        expired.get(0).data().path("codeHash").asText());
    assertTrue(
        IdentityFeedTest.credentialEventsOf(user, 3).stream()
            .anyMatch(record -> typeOf(record).equals("AccessCodeExpired")));
    admin("tempo")
        .get("/admin/v1/credentials/" + user + "/history")
        .then()
        .body("items.event", hasItem("access_code_expired"));

    // A new deadline is a new fact: recorded once it passes in turn.
    Instant next = clock.instant().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
    admin("tempo")
        .body(Map.of("expiresAt", next.toString()))
        .put("/admin/v1/credentials/" + user + "/access-code")
        .then()
        .statusCode(200)
        .body("codeExpired", equalTo(false));
    clock.moveBy(Duration.ofHours(2));
    racingPasses(2);
    assertEquals(2, ofType(user, "AccessCodeExpired").size());

    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    assertTrue(metrics.contains("lanyard_scheduler_passes_total"), "passes are counted");
    assertTrue(
        metrics
            .lines()
            .anyMatch(
                line ->
                    line.startsWith("lanyard_scheduler_actions_total{")
                        && line.contains("action=\"code_expired\"")
                        && !line.endsWith(" 0.0")),
        "expiries are counted");
  }

  @Test
  void aPolicyRotatesCodesAfterANoticeOnceButNeverTheDirectorysNorASuspendedUsers()
      throws Exception {
    tenant("rota");
    admin("rota")
        .body(
            Map.of(
                "codeLength", 6,
                "codeAlphabet", "alphanumeric",
                "maxCards", 5,
                "cardConversion", List.of(),
                "maxCodeAgeDays", 10,
                "rotationNoticeDays", 3,
                "rotates", List.of("admin", "generated")))
        .put("/admin/v1/credential-policy")
        .then()
        .statusCode(200)
        .body("maxCodeAgeDays", equalTo(10))
        .body("rotationNoticeDays", equalTo(3))
        .body("rotates", equalTo(List.of("generated", "admin")));

    String manual = created("rota", "manual", "");
    String fromDirectory = created("rota", "google", "");
    String suspended = created("rota", "manual", "");
    JsonPath manualCode = awaitCredentials("rota", manual);
    awaitCredentials("rota", suspended);
    awaitCredentials("rota", fromDirectory);
    given()
        .auth()
        .oauth2(TestTokens.service("directory-sync-service"))
        .contentType(ContentType.JSON)
        .body(Map.of("code", "DRC7KP"))
        .put("/internal/v1/tenants/rota/credentials/" + fromDirectory + "/directory-code")
        .then()
        .statusCode(200)
        .body("codeSource", equalTo("directory"))
        .body("$", not(org.hamcrest.Matchers.hasKey("rotatesAt")));
    statusChanged(IdentityEvents.USER_SUSPENDED, "rota", suspended, 2);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> "suspended".equals(knownUser(suspended).get("status")));

    Instant changedAt = Instant.parse(manualCode.getString("codeChangedAt"));
    assertEquals(
        changedAt.plus(Duration.ofDays(10)), Instant.parse(manualCode.getString("rotatesAt")));

    age("rota", Duration.ofDays(8));
    Instant rotatesAt = changedAt.minus(Duration.ofDays(8)).plus(Duration.ofDays(10));
    racingPasses(2);
    pass.run();
    List<Stored> notices = ofType(manual, "AccessCodeRotationDue");
    assertEquals(1, notices.size());
    assertEquals(rotatesAt, Instant.parse(notices.get(0).data().path("rotatesAt").asText()));
    assertEquals(List.of(), ofType(fromDirectory, "AccessCodeRotationDue"));
    assertEquals(List.of(), ofType(suspended, "AccessCodeRotationDue"));

    age("rota", Duration.ofDays(2).plusMinutes(1));
    racingPasses(3);
    pass.run();
    List<Stored> changes = ofType(manual, "AccessCodeChanged");
    assertEquals(2, changes.size(), "one rotation however many passes");
    JsonNode rotation = changes.get(1).data();
    assertEquals("generated", rotation.path("reason").asText());
    assertEquals("rotation", rotation.path("cause").asText());
    assertEquals(true, rotation.path("notifyUser").asBoolean());
    assertEquals("system", rotation.path("changedBy").asText());
    assertNotEquals(
        changes.get(0).data().path("codeHash").asText(), rotation.path("codeHash").asText());
    assertEquals(1, ofType(fromDirectory, "AccessCodeChanged").size(), "the directory's stays");
    assertEquals(1, ofType(suspended, "AccessCodeChanged").size(), "not while suspended");

    // On the topic, in order: the first code, the notice, the rotation.
    List<String> published =
        IdentityFeedTest.credentialEventsOf(manual, 3).stream()
            .map(CodesOverTimeTest::typeOf)
            .toList();
    assertEquals(
        List.of("AccessCodeChanged", "AccessCodeRotationDue", "AccessCodeChanged"), published);
    assertEquals(
        List.of("AccessCodeChanged"),
        IdentityFeedTest.credentialEventsOf(fromDirectory, 1).stream()
            .map(CodesOverTimeTest::typeOf)
            .toList());

    // The new code is counted from when it was set; its notice will be its own.
    JsonPath after = credentials("rota", manual);
    assertEquals(
        Instant.parse(after.getString("codeChangedAt")).plus(Duration.ofDays(10)),
        Instant.parse(after.getString("rotatesAt")));

    // Back from the suspension, the overdue code is rotated at the next pass, without a notice.
    statusChanged(IdentityEvents.USER_REACTIVATED, "rota", suspended, 3);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> "active".equals(knownUser(suspended).get("status")));
    racingPasses(2);
    assertEquals(2, ofType(suspended, "AccessCodeChanged").size());
    assertEquals(List.of(), ofType(suspended, "AccessCodeRotationDue"));
    admin("rota")
        .get("/admin/v1/credentials/" + manual + "/history")
        .then()
        .body("items.event", hasItem("access_code_rotation_due"))
        .body("items.cause", hasItem("rotation"));
  }

  @Test
  void aCodeWhoseExpiryHasPassedIsNotRotatedAndOneStillToComeKeepsItsExpiry() throws Exception {
    tenant("lapse");
    admin("lapse")
        .body(
            Map.of(
                "codeLength", 6,
                "codeAlphabet", "alphanumeric",
                "maxCards", 5,
                "cardConversion", List.of(),
                "maxCodeAgeDays", 10,
                "rotationNoticeDays", 3))
        .put("/admin/v1/credential-policy")
        .then()
        .statusCode(200);
    String lapsed = created("lapse", "manual", "");
    String expiring = created("lapse", "manual", "");
    awaitCredentials("lapse", lapsed);
    awaitCredentials("lapse", expiring);
    Instant soon = inDays(1.0 / 24);
    Instant later = inDays(30);
    for (Map.Entry<String, Instant> expiry : Map.of(lapsed, soon, expiring, later).entrySet()) {
      admin("lapse")
          .body(Map.of("expiresAt", expiry.getValue().toString()))
          .put("/admin/v1/credentials/" + expiry.getKey() + "/access-code")
          .then()
          .statusCode(200);
    }
    String lapsedCode = reveal("lapse", lapsed);

    // Both codes overdue for rotation; one has passed the expiry its admin gave it.
    age("lapse", Duration.ofDays(11));
    clock.moveBy(Duration.ofHours(2));
    List<String> selected =
        due
            .rotatable(pool, "lapse", clock.instant(), clock.instant(), null, false, 100)
            .await()
            .atMost(Duration.ofSeconds(10))
            .stream()
            .map(code -> code.userId().toString())
            .toList();
    assertEquals(List.of(expiring), selected, "the expired code takes no place in the budget");
    racingPasses(2);
    pass.run();

    assertEquals(1, ofType(lapsed, "AccessCodeChanged").size(), "no renewed code for it");
    assertEquals(List.of(), ofType(lapsed, "AccessCodeRotationDue"), "nor a notice");
    assertEquals(1, ofType(lapsed, "AccessCodeExpired").size(), "its expiry is the fact");
    assertEquals(lapsedCode, reveal("lapse", lapsed), "the admin's to replace");
    assertTrue(credentials("lapse", lapsed).getBoolean("codeExpired"));

    List<Stored> changes = ofType(expiring, "AccessCodeChanged");
    assertEquals(2, changes.size(), "the code with an expiry still to come is rotated");
    JsonNode rotation = changes.get(1).data();
    assertEquals("rotation", rotation.path("cause").asText());
    assertEquals(later, Instant.parse(rotation.path("expiresAt").asText()), "keeping its expiry");
    assertTrue(
        IdentityFeedTest.credentialEventsOf(expiring, 3).stream()
            .anyMatch(
                record ->
                    typeOf(record).equals("AccessCodeChanged")
                        && new String(record.value(), java.nio.charset.StandardCharsets.UTF_8)
                            .contains("\"rotation\"")),
        "the rotation is published");
  }

  @Test
  void thePolicyShowsRotationAndRefusesWhatIsOutOfRange() throws Exception {
    tenant("polly");
    admin("polly")
        .get("/admin/v1/credential-policy")
        .then()
        .statusCode(200)
        .body("$", org.hamcrest.Matchers.hasKey("maxCodeAgeDays"))
        .body("maxCodeAgeDays", equalTo(null))
        .body("rotationNoticeDays", equalTo(7))
        .body("rotates", equalTo(List.of("generated", "admin")));
    Map<String, String> refusals = new java.util.LinkedHashMap<>();
    refusals.put("\"maxCodeAgeDays\":0", "invalid_max_code_age_days");
    refusals.put("\"maxCodeAgeDays\":3651", "invalid_max_code_age_days");
    refusals.put("\"maxCodeAgeDays\":30,\"rotationNoticeDays\":-1", "invalid_rotation_notice_days");
    refusals.put(
        "\"maxCodeAgeDays\":30,\"rotationNoticeDays\":366", "invalid_rotation_notice_days");
    refusals.put("\"rotates\":[\"generated\",\"admin\",\"directory\"]", "invalid_rotates");
    refusals.put("\"rotates\":[\"generated\",null]", "invalid_rotates");
    refusals.put("\"maxCodeAgeDays\":\"ten\"", "invalid_json");
    for (Map.Entry<String, String> refusal : refusals.entrySet()) {
      admin("polly")
          .body(
              "{\"codeLength\":6,\"codeAlphabet\":\"alphanumeric\",\"maxCards\":5,"
                  + "\"cardConversion\":[],"
                  + refusal.getKey()
                  + "}")
          .put("/admin/v1/credential-policy")
          .then()
          .statusCode(400)
          .body("error", equalTo(refusal.getValue()));
    }
    admin("polly")
        .get("/admin/v1/credential-policy")
        .then()
        .body("maxCodeAgeDays", equalTo(null))
        .body("rotationNoticeDays", equalTo(7));
    admin("polly")
        .body(
            "{\"codeLength\":6,\"codeAlphabet\":\"alphanumeric\",\"maxCards\":5,"
                + "\"cardConversion\":[],\"maxCodeAgeDays\":90}")
        .put("/admin/v1/credential-policy")
        .then()
        .statusCode(200)
        .body("maxCodeAgeDays", equalTo(90))
        .body("rotationNoticeDays", equalTo(7));
  }
}
