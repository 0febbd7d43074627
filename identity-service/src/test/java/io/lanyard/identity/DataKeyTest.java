package io.lanyard.identity;

import static io.lanyard.identity.GuestApiTest.newTenant;
import static io.lanyard.identity.IdentityApiTest.admin;
import static io.lanyard.identity.IdentityApiTest.as;
import static io.lanyard.identity.IdentityApiTest.createUser;
import static io.lanyard.identity.IdentityApiTest.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanyard.contracts.EventSchemas;
import io.lanyard.contracts.identity.UserErasedV1;
import io.lanyard.contracts.identity.UserPersonal;
import io.lanyard.eventstore.PersonalKeys;
import io.lanyard.secrets.DataKey;
import io.lanyard.secrets.DataKeyWrapper;
import io.lanyard.secrets.SecretCipher;
import io.lanyard.testsupport.CapturedLogs;
import io.lanyard.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 23, slice 1 (ADR 7): every new user gets a data key, wrapped, in the transaction that
 * creates them, on every path; the named services fetch keys; an admin erases a deleted user, which
 * destroys the key and publishes {@code UserErased} once.
 */
@QuarkusTest
class DataKeyTest {

  private static final String KEYS = "/internal/v1/data-keys";

  @Inject Pool pool;
  @Inject SecretCipher cipher;

  private final CapturedLogs logs = new CapturedLogs();
  private final List<String> logged = logs.lines();

  @BeforeEach
  void setUp() {
    new IdentityApiTest().tenants();
    java.util.logging.Logger.getLogger("").addHandler(logs);
  }

  @AfterEach
  void tearDown() {
    java.util.logging.Logger.getLogger("").removeHandler(logs);
  }

  private static Response keys(String caller, String tenant, List<String> userIds) {
    return as(TestTokens.service(caller, List.of("identity-service")))
        .body(Map.of("tenantId", tenant, "userIds", userIds))
        .post(KEYS);
  }

  /** The key API's answer for one user, as a caller sees it (200, never stored). */
  private static JsonPath keysOf(String tenant, String... userIds) {
    return keys("notification-service", tenant, List.of(userIds))
        .then()
        .statusCode(200)
        .header("Cache-Control", "no-store")
        .extract()
        .jsonPath();
  }

  static String keyOf(String tenant, String userId) {
    JsonPath answer = keysOf(tenant, userId);
    assertEquals(List.of(userId), answer.getList("keys.userId"), answer.prettify());
    return answer.getString("keys[0].key");
  }

  private List<Row> keyRows(String userId) {
    RowSet<Row> rows =
        pool.preparedQuery(
                "SELECT tenant_id, wrapped_key, erased_at FROM user_data_keys WHERE user_id = $1")
            .execute(Tuple.of(UUID.fromString(userId)))
            .await()
            .indefinitely();
    List<Row> all = new ArrayList<>();
    rows.forEach(all::add);
    return all;
  }

  private long count(String sql, Object... arguments) {
    return pool.preparedQuery(sql)
        .execute(Tuple.from(List.of(arguments)))
        .await()
        .indefinitely()
        .iterator()
        .next()
        .getLong(0);
  }

  /** One row, the key wrapped for the user's tenant: never in clear, and the one the API serves. */
  private void hasOneWrappedKey(String tenant, String userId) {
    List<Row> rows = keyRows(userId);
    assertEquals(1, rows.size(), "one key row for " + userId);
    Row row = rows.get(0);
    assertEquals(tenant, row.getString("tenant_id"));
    assertNull(row.getOffsetDateTime("erased_at"));
    String wrapped = row.getString("wrapped_key");
    assertNotNull(wrapped);
    String key = keyOf(tenant, userId);
    assertFalse(wrapped.contains(key), "the stored key is wrapped, not the key itself");
    assertEquals(DataKey.decode(key), new DataKeyWrapper(cipher).unwrap(tenant, wrapped));
  }

  @Test
  void everyNewUserHasOneWrappedKeyWhateverMadeThem() {
    String tenant = newTenant("keys-");
    // An admin's user.
    hasOneWrappedKey(tenant, createUser(tenant, unique("ada-")));

    // A directory's page (one statement for all its keys), one of them suspended there.
    String service = TestTokens.service("directory-sync-service");
    List<Map<String, Object>> page = new ArrayList<>();
    for (boolean suspended : List.of(false, true, false)) {
      String name = unique("g-");
      page.add(
          Map.of(
              "externalId", name,
              "username", name,
              "displayName", "Directory " + name,
              "email", name + "@keys.example",
              "suspended", suspended));
    }
    List<String> fromPage =
        as(service)
            .body(Map.of("users", page))
            .post("/internal/v1/tenants/" + tenant + "/users/batch/google")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("results.userId");
    assertEquals(3, fromPage.size());
    fromPage.forEach(id -> hasOneWrappedKey(tenant, id));

    // A directory's single user (SCIM).
    String externalId = unique("scim-");
    String fromScim =
        as(service)
            .body(
                Map.of(
                    "username",
                    externalId,
                    "displayName",
                    "Eve",
                    "email",
                    externalId + "@keys.example"))
            .put("/internal/v1/tenants/" + tenant + "/users/by-external-id/scim/" + externalId)
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    hasOneWrappedKey(tenant, fromScim);

    // An import's chunk (4 lines a chunk in tests: two chunks).
    StringBuilder csv = new StringBuilder("username,displayName,email\n");
    for (int line = 0; line < 6; line++) {
      String name = unique("imp-");
      csv.append(name).append(",Imported ").append(name).append(',').append(name);
      csv.append("@keys.example\n");
    }
    String importId = UserImportTest.queued(tenant, "per_line", csv.toString());
    JsonPath job = UserImportTest.ended(tenant, importId);
    assertEquals("completed", job.getString("status"));
    List<String> imported = job.getList("results.items.userId");
    assertEquals(6, imported.size());
    imported.forEach(id -> hasOneWrappedKey(tenant, id));
  }

  @Test
  void theNamedServicesGetKeysOthersAreRefused() {
    String id = createUser("acme", unique("k-"));
    String key = null;
    for (String caller :
        List.of(
            "notification-service",
            "directory-sync-service",
            "device-gateway",
            "credential-service")) {
      String served =
          keys(caller, "acme", List.of(id))
              .then()
              .statusCode(200)
              .header("Cache-Control", "no-store")
              .body("keys", hasSize(1))
              .body("erased", hasSize(0))
              .body("unknown", hasSize(0))
              .extract()
              .path("keys[0].key");
      assertNotNull(served);
      if (key != null) {
        assertEquals(key, served, "the same key every time, for every caller");
      }
      key = served;
    }
    for (String stranger : List.of("identity-service", "stranger-service")) {
      keys(stranger, "acme", List.of(id))
          .then()
          .statusCode(403)
          .body("error", equalTo("forbidden_caller"));
    }
    as(TestTokens.service("notification-service", List.of("credential-service")))
        .body(Map.of("tenantId", "acme", "userIds", List.of(id)))
        .post(KEYS)
        .then()
        .statusCode(401)
        .body("error", equalTo("invalid_audience"));
    admin("acme")
        .body(Map.of("tenantId", "acme", "userIds", List.of(id)))
        .post(KEYS)
        .then()
        .statusCode(403)
        .body("error", equalTo("forbidden"));
    String finalKey = key;
    assertTrue(
        logged.stream().noneMatch(line -> line.contains(finalKey)), "no key in any log: " + logged);
  }

  @Test
  void anotherTenantsUserIsUnknownAndTheBodyIsChecked() {
    String ours = createUser("acme", unique("k-"));
    String theirs = createUser("globex", unique("k-"));
    String nobody = UUID.randomUUID().toString();
    JsonPath answer = keysOf("acme", ours, theirs, nobody, ours);
    assertEquals(List.of(ours), answer.getList("keys.userId"), "each id answered once");
    assertEquals(List.of(), answer.getList("erased"));
    assertEquals(List.of(theirs, nobody), answer.getList("unknown"));
    assertEquals(List.of(nobody), keysOf("nosuchtenant", nobody).getList("unknown"));

    List<String> tooMany = new ArrayList<>();
    for (int i = 0; i < 1001; i++) {
      tooMany.add(UUID.randomUUID().toString());
    }
    keys("notification-service", "acme", tooMany)
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_request"))
        .body("message", notNullValue());
    assertEquals(
        1000,
        keysOf("acme", tooMany.subList(0, 1000).toArray(String[]::new)).getList("unknown").size());
    keys("notification-service", "acme", List.of())
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_request"));
    keys("notification-service", "acme", List.of("1-1-1-1-1"))
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_user_ids"));
    keys("notification-service", "Not A Tenant", List.of(ours))
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_tenant_id"));
    as(TestTokens.service("notification-service", List.of("identity-service")))
        .body("{\"tenantId\":\"acme\",\"userIds\":[\"" + ours + "\"],\"more\":1}")
        .post(KEYS)
        .then()
        .statusCode(400);
  }

  @Test
  void aUserMadeBeforeKeysGetsOneOnFirstRequestAndADeletedUserKeepsIt() {
    String id = createUser("acme", unique("old-"));
    String before = keyOf("acme", id);
    madeBeforeKeys("acme", id);
    assertEquals(List.of(), keysOf("globex", id).getList("keys"), "not for another tenant");
    assertEquals(0, keyRows(id).size(), "asking as another tenant makes no key");
    String made = keyOf("acme", id);
    assertNotEquals(before, made);
    assertEquals(made, keyOf("acme", id), "made once");
    hasOneWrappedKey("acme", id);

    admin("acme").delete("/admin/v1/users/" + id).then().statusCode(204);
    assertEquals(made, keyOf("acme", id), "a deleted user's key stays until erased");

    // A user deleted before keys existed: made on request all the same.
    String gone = createUser("acme", unique("old-"));
    admin("acme").delete("/admin/v1/users/" + gone).then().statusCode(204);
    madeBeforeKeys("acme", gone);
    assertEquals(0, keyRows(gone).size());
    assertNotNull(keyOf("acme", gone));
    hasOneWrappedKey("acme", gone);
  }

  @Test
  void anAdminErasesADeletedUserOnce() {
    String id = createUser("acme", unique("erase-"));
    String key = keyOf("acme", id);
    // A staged import line of theirs (as an import still owing their code would keep it).
    pool.preparedQuery(
            "INSERT INTO user_import_lines (import_id, line, tenant_id, user_id, username,"
                + " display_name, email) VALUES ($1, 2, 'acme', $2, 'staged', 'Staged',"
                + " 'staged@acme.example')")
        .execute(Tuple.of(UUID.randomUUID(), UUID.fromString(id)))
        .await()
        .indefinitely();

    admin("acme")
        .post("/admin/v1/users/" + id + "/erasure")
        .then()
        .statusCode(409)
        .body("error", equalTo("user_not_deleted"));
    admin("globex")
        .post("/admin/v1/users/" + id + "/erasure")
        .then()
        .statusCode(404)
        .body("error", equalTo("not_found"));
    as(TestTokens.user("acme")).post("/admin/v1/users/" + id + "/erasure").then().statusCode(403);
    admin("acme")
        .post("/admin/v1/users/" + UUID.randomUUID() + "/erasure")
        .then()
        .statusCode(404)
        .body("error", equalTo("not_found"));
    admin("acme").post("/admin/v1/users/not-an-id/erasure").then().statusCode(404);

    admin("acme").delete("/admin/v1/users/" + id).then().statusCode(204);
    admin("globex").post("/admin/v1/users/" + id + "/erasure").then().statusCode(404);
    String erasedAt =
        admin("acme")
            .post("/admin/v1/users/" + id + "/erasure")
            .then()
            .statusCode(202)
            .body("userId", equalTo(id))
            .body("status", equalTo("erased"))
            .body("erasedAt", notNullValue())
            .extract()
            .path("erasedAt");

    List<Row> rows = keyRows(id);
    assertEquals(1, rows.size());
    assertNull(rows.get(0).getString("wrapped_key"), "the key is destroyed");
    assertNotNull(rows.get(0).getOffsetDateTime("erased_at"));
    assertEquals(0, count("SELECT count(*) FROM user_import_lines WHERE user_id = $1", uuid(id)));
    JsonPath answer = keysOf("acme", id);
    assertEquals(List.of(), answer.getList("keys"));
    assertEquals(List.of(id), answer.getList("erased"));
    assertFalse(answer.prettify().contains(key));

    // Again: the same answer, nothing new.
    admin("acme")
        .post("/admin/v1/users/" + id + "/erasure")
        .then()
        .statusCode(202)
        .body("erasedAt", equalTo(erasedAt));
    admin("acme").delete("/admin/v1/users/" + id).then().statusCode(404);
    assertEquals(
        1,
        count(
            "SELECT count(*) FROM event_store.events WHERE stream_id = $1 AND event_type = $2",
            id,
            UserErasedV1.TYPE.toString()));

    List<Events.Event> published = Events.of(id).await(3);
    assertEquals(
        List.of(
            "io.lanyard.identity.UserCreated.v2",
            "io.lanyard.identity.UserDeleted.v1",
            "io.lanyard.identity.UserErased.v1"),
        published.stream().map(Events.Event::type).toList());
    String data = published.get(2).data().toString();
    assertEquals(List.of(), EventSchemas.problems(UserErasedV1.TYPE, data), data);
    assertEquals(id, published.get(2).data().path("userId").asText());
    assertEquals("acme", published.get(2).data().path("tenantId").asText());
    assertEquals("acme-admin", published.get(2).data().path("erasedBy").asText());
    assertEquals(3, Events.of(id).now().size(), "erased once");
  }

  @Test
  void aUserDeletedBeforeKeysIsErasedAllTheSame() {
    String id = createUser("acme", unique("erase-old-"));
    admin("acme").delete("/admin/v1/users/" + id).then().statusCode(204);
    madeBeforeKeys("acme", id);
    admin("acme").post("/admin/v1/users/" + id + "/erasure").then().statusCode(202);
    List<Row> rows = keyRows(id);
    assertEquals(1, rows.size(), "the erasure is remembered");
    assertNull(rows.get(0).getString("wrapped_key"));
    assertEquals(List.of(id), keysOf("acme", id).getList("erased"), "no key is made for them");
    assertEquals(1, keyRows(id).size());
  }

  @Test
  void aBurstOfErasuresOfOneUserErasesThemOnce() {
    String id = createUser("acme", unique("erase-burst-"));
    admin("acme").delete("/admin/v1/users/" + id).then().statusCode(204);

    List<java.util.concurrent.CompletableFuture<Integer>> burst = new java.util.ArrayList<>();
    for (int i = 0; i < 8; i++) {
      burst.add(
          java.util.concurrent.CompletableFuture.supplyAsync(
              () -> admin("acme").post("/admin/v1/users/" + id + "/erasure").statusCode()));
    }
    assertEquals(
        List.of(202, 202, 202, 202, 202, 202, 202, 202),
        burst.stream().map(java.util.concurrent.CompletableFuture::join).toList(),
        "every caller is told it is erased (the losers of the race retry and find it done)");
    assertEquals(
        1,
        count(
            "SELECT count(*) FROM event_store.events WHERE stream_id = $1 AND event_type = $2",
            id,
            UserErasedV1.TYPE.toString()));
    assertNull(keyRows(id).get(0).getString("wrapped_key"));
  }

  /**
   * Slice 2: what the topic carries about a person opens with the key the API serves the named
   * services, and with nothing else; after the erasure it opens with nothing at all.
   */
  @Test
  void thePublishedPersonOpensWithTheServedKeyUntilTheErasure() {
    String username = unique("sealed-");
    String id = createUser("acme", username);
    admin("acme")
        .contentType("application/merge-patch+json")
        .body("{\"displayName\":\"Renamed " + username + "\"}")
        .patch("/admin/v1/users/" + id)
        .then()
        .statusCode(200);
    List<Events.Event> published = Events.of(id).await(2);
    PersonalKeys served = PersonalKeys.of(Map.of(id, DataKey.decode(keyOf("acme", id))));
    UserPersonal created =
        served
            .open("acme", id, published.get(0).data().path("personal").asText(), UserPersonal.class)
            .orElseThrow();
    assertEquals(username, created.username());
    assertEquals("Name of " + username, created.displayName());
    assertEquals(username + "@acme.example", created.email());
    UserPersonal updated =
        served
            .open("acme", id, published.get(1).data().path("personal").asText(), UserPersonal.class)
            .orElseThrow();
    assertEquals("Renamed " + username, updated.displayName());
    for (Events.Event event : published) {
      assertFalse(event.data().toString().contains(username), event.data().toString());
    }
    String other = createUser("acme", unique("other-"));
    PersonalKeys wrong = PersonalKeys.of(Map.of(id, DataKey.decode(keyOf("acme", other))));
    assertThrows(
        IllegalStateException.class,
        () ->
            wrong.open(
                "acme", id, published.get(0).data().path("personal").asText(), UserPersonal.class));

    admin("acme").delete("/admin/v1/users/" + id).then().statusCode(204);
    admin("acme").post("/admin/v1/users/" + id + "/erasure").then().statusCode(202);
    assertEquals(List.of(id), keysOf("acme", id).getList("erased"));
  }

  /**
   * The user as an installation from before keys has them: their events as v1 stored them (the
   * person in clear), no key row.
   */
  private void madeBeforeKeys(String tenant, String id) {
    madeBeforeKeys(pool, tenant, id);
  }

  /** The user's history as an installation before sealing wrote it: v1 in clear, no key row. */
  static void madeBeforeKeys(Pool pool, String tenant, String id) {
    PersonalKeys keys = PersonalKeys.of(Map.of(id, DataKey.decode(keyOf(tenant, id))));
    for (Row row :
        pool.preparedQuery(
                "SELECT position, event_type, data::text AS data FROM event_store.events"
                    + " WHERE stream_id = $1 AND event_type LIKE '%.v2'")
            .execute(Tuple.of(id))
            .await()
            .indefinitely()) {
      io.vertx.core.json.JsonObject data = new io.vertx.core.json.JsonObject(row.getString("data"));
      UserPersonal person =
          keys.open(tenant, id, (String) data.remove("personal"), UserPersonal.class).orElseThrow();
      data.put("username", person.username())
          .put("displayName", person.displayName())
          .put("email", person.email());
      String type = row.getString("event_type");
      if (type.contains("UserCreated")) {
        data.put("externalId", person.externalId());
      }
      pool.preparedQuery(
              "UPDATE event_store.events SET event_type = $2, data = $3 WHERE position = $1")
          .execute(Tuple.of(row.getLong("position"), type.replace(".v2", ".v1"), data))
          .await()
          .indefinitely();
    }
    pool.preparedQuery("DELETE FROM user_data_keys WHERE user_id = $1")
        .execute(Tuple.of(UUID.fromString(id)))
        .await()
        .indefinitely();
  }

  private static UUID uuid(String id) {
    return UUID.fromString(id);
  }
}
