package io.lanyard.identity;

import static io.lanyard.identity.GuestApiTest.newTenant;
import static io.lanyard.identity.IdentityApiTest.admin;
import static io.lanyard.identity.IdentityApiTest.as;
import static io.lanyard.identity.IdentityApiTest.createUser;
import static io.lanyard.identity.IdentityApiTest.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanyard.contracts.EventSchemas;
import io.lanyard.contracts.identity.TenantErasedV1;
import io.lanyard.testsupport.CapturedLogs;
import io.lanyard.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 23, a tenant's exit (ADR 7): an operator erases a suspended tenant; its key and every data
 * key of its users are destroyed, its people and imports deleted, {@code TenantErased} published
 * once; other tenants are untouched.
 */
@QuarkusTest
class TenantErasureTest {

  @Inject Pool pool;

  private final CapturedLogs logs = new CapturedLogs();
  private final List<String> logged = logs.lines();

  @BeforeEach
  void setUp() {
    java.util.logging.Logger.getLogger("").addHandler(logs);
  }

  @AfterEach
  void tearDown() {
    java.util.logging.Logger.getLogger("").removeHandler(logs);
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

  private static io.restassured.response.Response erase(String tenant) {
    return as(TestTokens.operator()).post("/ops/v1/tenants/" + tenant + "/erasure");
  }

  private static JsonPath tenantKeys(String... tenants) {
    return as(TestTokens.service("credential-service", List.of("identity-service")))
        .body(Map.of("tenantIds", List.of(tenants)))
        .post("/internal/v1/tenant-keys")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static JsonPath dataKeys(String tenant, List<String> users) {
    return as(TestTokens.service("notification-service", List.of("identity-service")))
        .body(Map.of("tenantId", tenant, "userIds", users))
        .post("/internal/v1/data-keys")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  @Test
  void aSuspendedTenantIsErasedOnceItsKeysDestroyedAndItsPeopleGoneTheOthersUntouched() {
    String tenant = newTenant("exit-");
    String neighbour = newTenant("exit-");
    List<String> people =
        List.of(createUser(tenant, unique("p-")), createUser(tenant, unique("p-")));
    String theirs = createUser(neighbour, unique("n-"));
    String neighbourKey = tenantKeys(neighbour).getString("keys[0].key");

    erase(tenant).then().statusCode(409).body("error", equalTo("tenant_not_suspended"));
    assertEquals(
        2, count("SELECT count(*) FROM users WHERE tenant_id = $1", tenant), "nothing done");
    as(TestTokens.operator()).post("/ops/v1/tenants/" + tenant + "/suspend").then().statusCode(200);

    String erasedAt =
        erase(tenant)
            .then()
            .statusCode(202)
            .body("tenantId", equalTo(tenant))
            .body("status", equalTo("erased"))
            .extract()
            .path("erasedAt");
    assertNotNull(erasedAt);
    erase(tenant).then().statusCode(202).body("erasedAt", equalTo(erasedAt));

    assertEquals(0, count("SELECT count(*) FROM users WHERE tenant_id = $1", tenant));
    assertEquals(0, count("SELECT count(*) FROM user_imports WHERE tenant_id = $1", tenant));
    assertEquals(
        2,
        count(
            "SELECT count(*) FROM user_data_keys WHERE tenant_id = $1 AND wrapped_key IS NULL"
                + " AND erased_at IS NOT NULL",
            tenant));
    assertEquals(List.of(tenant), tenantKeys(tenant).getList("erased"));
    assertEquals(people, dataKeys(tenant, people).getList("erased"));
    as(TestTokens.operator())
        .get("/ops/v1/tenants")
        .then()
        .statusCode(200)
        .body("items.find { it.id == '" + tenant + "' }.status", equalTo("erased"));
    admin(tenant).get("/admin/v1/users").then().statusCode(403);

    // The neighbour: its key, its people, its admin, as before.
    assertEquals(neighbourKey, tenantKeys(neighbour).getString("keys[0].key"));
    assertEquals(List.of(theirs), dataKeys(neighbour, List.of(theirs)).getList("keys.userId"));
    admin(neighbour).get("/admin/v1/users/" + theirs).then().statusCode(200);

    List<Events.Event> published = Events.of(tenant).await(3);
    assertEquals(
        List.of(
            "io.lanyard.identity.TenantCreated.v1",
            "io.lanyard.identity.TenantSuspended.v1",
            "io.lanyard.identity.TenantErased.v1"),
        published.stream().map(Events.Event::type).toList());
    String data = published.get(2).data().toString();
    assertEquals(List.of(), EventSchemas.problems(TenantErasedV1.TYPE, data), data);
    assertEquals(tenant, published.get(2).data().path("tenantId").asText());
    assertEquals(3, Events.of(tenant).now().size(), "erased once");
    assertTrue(
        logged.stream().anyMatch(line -> line.contains("erased tenant " + tenant)),
        "the operator's erasure is logged");
  }

  @Test
  void onlyAnOperatorErasesAndHostileOrUnknownIdsAreRefusedWithoutA500() {
    String tenant = newTenant("exit-");
    as(TestTokens.operator()).post("/ops/v1/tenants/" + tenant + "/suspend").then().statusCode(200);
    admin(tenant).post("/ops/v1/tenants/" + tenant + "/erasure").then().statusCode(403);
    as(TestTokens.service("credential-service", List.of("identity-service")))
        .post("/ops/v1/tenants/" + tenant + "/erasure")
        .then()
        .statusCode(403);
    erase("nobody-" + unique("x")).then().statusCode(404);
    for (String hostile : List.of("a%00b", "1e99999", "..%2F..%2Fetc", "x".repeat(100_000))) {
      int status = erase(hostile).then().extract().statusCode();
      assertTrue(status >= 400 && status < 500, hostile.substring(0, 5) + " answered " + status);
    }
    assertEquals(List.of(tenant), tenantKeys(tenant).getList("keys.tenantId"), "still there");
  }
}
