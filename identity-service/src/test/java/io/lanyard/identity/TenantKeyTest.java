package io.lanyard.identity;

import static io.lanyard.identity.GuestApiTest.newTenant;
import static io.lanyard.identity.IdentityApiTest.admin;
import static io.lanyard.identity.IdentityApiTest.as;
import static io.lanyard.identity.IdentityApiTest.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 23, a tenant's exit (ADR 7): every new tenant has a key of its own, wrapped, made in the
 * transaction that creates it, which the named services fetch to derive the tenant's HMAC and AES
 * keys; a tenant made before tenant keys is answered as legacy, a destroyed key as erased.
 */
@QuarkusTest
class TenantKeyTest {

  private static final String KEYS = "/internal/v1/tenant-keys";

  @Inject Pool pool;
  @Inject SecretCipher cipher;

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

  private static Response keys(String caller, List<String> tenantIds) {
    return as(TestTokens.service(caller, List.of("identity-service")))
        .body(Map.of("tenantIds", tenantIds))
        .post(KEYS);
  }

  private static JsonPath keysOf(String... tenantIds) {
    return keys("credential-service", List.of(tenantIds))
        .then()
        .statusCode(200)
        .header("Cache-Control", "no-store")
        .extract()
        .jsonPath();
  }

  private String wrappedKeyOf(String tenant) {
    Row row =
        pool.preparedQuery("SELECT wrapped_key FROM tenant_keys WHERE tenant_id = $1")
            .execute(Tuple.of(tenant))
            .await()
            .indefinitely()
            .iterator()
            .next();
    return row.getString("wrapped_key");
  }

  private void sql(String statement, String tenant) {
    pool.preparedQuery(statement).execute(Tuple.of(tenant)).await().indefinitely();
  }

  @Test
  void aNewTenantHasItsOwnWrappedKeyWhichTheNamedServicesGetAndNoOneElse() {
    String tenant = newTenant("tkeys-");
    String other = newTenant("tkeys-");
    JsonPath answer = keysOf(tenant, other);
    assertEquals(List.of(tenant, other), answer.getList("keys.tenantId"), answer.prettify());
    String key = answer.getString("keys[0].key");
    assertNotEquals(key, answer.getString("keys[1].key"), "each tenant its own");
    String wrapped = wrappedKeyOf(tenant);
    assertNotNull(wrapped);
    assertFalse(wrapped.contains(key), "stored wrapped, never the key itself");
    assertEquals(DataKey.decode(key), DataKeyWrapper.forTenantKeys(cipher).unwrap(tenant, wrapped));

    for (String caller :
        List.of("notification-service", "directory-sync-service", "device-gateway")) {
      assertEquals(
          key,
          keys(caller, List.of(tenant)).then().statusCode(200).extract().path("keys[0].key"),
          "the same key every time, for every caller");
    }
    for (String stranger : List.of("identity-service", "web-console", "stranger-service")) {
      keys(stranger, List.of(tenant))
          .then()
          .statusCode(403)
          .body("error", equalTo("forbidden_caller"));
    }
    as(TestTokens.service("credential-service", List.of("device-gateway")))
        .body(Map.of("tenantIds", List.of(tenant)))
        .post(KEYS)
        .then()
        .statusCode(401)
        .body("error", equalTo("invalid_audience"));
    admin(tenant)
        .body(Map.of("tenantIds", List.of(tenant)))
        .post(KEYS)
        .then()
        .statusCode(403)
        .body("error", equalTo("forbidden"));
    as(TestTokens.operator())
        .body(Map.of("tenantIds", List.of(tenant)))
        .post(KEYS)
        .then()
        .statusCode(403);
    JsonPath all =
        as(TestTokens.service("device-gateway", List.of("identity-service")))
            .get(KEYS)
            .then()
            .statusCode(200)
            .header("Cache-Control", "no-store")
            .extract()
            .jsonPath();
    assertTrue(all.getList("keys.tenantId").containsAll(List.of(tenant, other)), all.prettify());
    assertEquals(key, all.getString("keys.find { it.tenantId == '" + tenant + "' }.key"));
    as(TestTokens.service("identity-service", List.of("identity-service")))
        .get(KEYS)
        .then()
        .statusCode(403);
    assertTrue(logged.stream().noneMatch(line -> line.contains(key)), "no key in any log");
  }

  @Test
  void aTenantMadeBeforeTenantKeysIsLegacyADestroyedKeyErasedAndNoTenantUnknown() {
    String legacy = newTenant("tkeys-");
    sql("DELETE FROM tenant_keys WHERE tenant_id = $1", legacy);
    String erased = newTenant("tkeys-");
    sql(
        "UPDATE tenant_keys SET wrapped_key = NULL, erased_at = now() WHERE tenant_id = $1",
        erased);
    String nobody = unique("nobody-");
    JsonPath answer = keysOf(legacy, erased, nobody, legacy);
    assertEquals(List.of(), answer.getList("keys"));
    assertEquals(List.of(legacy), answer.getList("legacy"), "each tenant answered once");
    assertEquals(List.of(erased), answer.getList("erased"));
    assertEquals(List.of(nobody), answer.getList("unknown"));
  }

  @Test
  void hostileBodiesAre400NeverA500() {
    List<Object> bodies =
        List.of(
            Map.of(),
            Map.of("tenantIds", List.of()),
            Map.of("tenantIds", java.util.Collections.nCopies(101, "acme")),
            Map.of("tenantIds", List.of("acme", "../../etc")),
            Map.of("tenantIds", List.of("a\u0000b")),
            Map.of("tenantIds", List.of("x".repeat(100_000))),
            Map.of("tenantIds", "acme"));
    for (Object body : bodies) {
      int status =
          as(TestTokens.service("device-gateway", List.of("identity-service")))
              .body(body)
              .post(KEYS)
              .then()
              .extract()
              .statusCode();
      assertEquals(
          400,
          status,
          "for " + body.toString().substring(0, Math.min(60, body.toString().length())));
    }
  }
}
