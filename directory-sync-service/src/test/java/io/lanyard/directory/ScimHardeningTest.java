package io.lanyard.directory;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.lanyard.contracts.EventType;
import io.lanyard.contracts.IdentityEvents;
import io.lanyard.testplatform.TestTopics;
import io.lanyard.testsupport.TestEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 18: a suspended tenant's SCIM token stops working, the secret token is never cached, and
 * bad input to the SCIM server is a SCIM 400 in our words, never a 500.
 */
@QuarkusTest
class ScimHardeningTest {

  static String token;

  /** A user of acme's that the hostile writes aim at (PUT and PATCH need one that exists). */
  static String target;

  @BeforeEach
  void token() throws Exception {
    new ScimTokenTest().tenants();
    if (token == null) {
      token = ScimTokenTest.issue("acme");
    }
  }

  static RequestSpecification scim() {
    return given().auth().oauth2(token).basePath("/scim/v2/tenants/acme");
  }

  static void publishTenantEvent(EventType type, String tenant, long version) throws Exception {
    String topic = ConfigProvider.getConfig().getValue("lanyard.topics.identity", String.class);
    try (KafkaProducer<String, byte[]> producer = TestTopics.producer()) {
      producer
          .send(
              TestEvents.record(
                  topic,
                  "identity-service",
                  type,
                  "tenant:" + tenant,
                  tenant,
                  version,
                  tenantData(type, tenant)))
          .get();
    }
  }

  /** A tenant event's data as identity publishes it: a created tenant has a name. */
  private static String tenantData(EventType type, String tenant) {
    return type.equals(IdentityEvents.TENANT_CREATED)
        ? "{\"tenantId\":\"%s\",\"name\":\"Tenant %s\"}".formatted(tenant, tenant)
        : "{\"tenantId\":\"%s\"}".formatted(tenant);
  }

  static void scimError(Response response, int status, String scimType) {
    var answer =
        response
            .then()
            .statusCode(status)
            .contentType(startsWith("application/scim+json"))
            .body("schemas", hasItem(ScimTokenTest.ERROR))
            .body("status", equalTo(Integer.toString(status)));
    if (scimType != null) {
      answer.body("scimType", equalTo(scimType));
    }
  }

  @Test
  void aBrokenCharacterInTheUrlIsRefusedInScimsOwnWords() {
    scimError(scim().urlEncodingEnabled(false).get("/Users?filter=%00"), 400, "invalidValue");
    scimError(scim().urlEncodingEnabled(false).get("/Users/%ED%A0%80"), 400, "invalidValue");
  }

  @Test
  void aSuspendedTenantsScimTokenIsRefusedLikeItsAdmins() throws Exception {
    String tenant = "susp-" + UUID.randomUUID().toString().substring(0, 8);
    publishTenantEvent(IdentityEvents.TENANT_CREATED, tenant, 1);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                ScimTokenTest.admin(tenant).post("/admin/v1/directory/scim-token").statusCode()
                    == 201);
    String secret = ScimTokenTest.issue(tenant);
    RequestSpecification provisioning =
        given().auth().oauth2(secret).basePath("/scim/v2/tenants/" + tenant);
    provisioning.get("/Users").then().statusCode(200);

    publishTenantEvent(IdentityEvents.TENANT_SUSPENDED, tenant, 2);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> provisioning.get("/Users").statusCode() == 403);

    scimError(provisioning.get("/Users"), 403, null);
    scimError(provisioning.get("/Users/" + UUID.randomUUID()), 403, null);
    scimError(
        provisioning
            .contentType("application/scim+json")
            .body("{\"userName\":\"late@" + tenant + ".example\"}")
            .post("/Users"),
        403,
        null);
    scimError(provisioning.get("/Groups"), 403, null);
    // A caller without the tenant's token learns nothing of its state.
    scimError(
        given().auth().oauth2("lys_" + "x".repeat(43)).get("/scim/v2/tenants/" + tenant + "/Users"),
        401,
        null);
    ScimTokenTest.admin(tenant)
        .post("/admin/v1/directory/scim-token")
        .then()
        .statusCode(403)
        .body("error", equalTo("unknown_tenant"));
  }

  @Test
  void theSecretTokenIsNeverCached() {
    ScimTokenTest.admin("acme")
        .post("/admin/v1/directory/scim-token")
        .then()
        .statusCode(201)
        .header("Cache-Control", "no-store");
    // The new token replaced the one the other tests use.
    token = null;
  }

  @Test
  void numbersOutOfRangeInAFilterAreAFilterError() {
    for (String filter :
        new String[] {
          "userName eq 1e99999999999",
          "userName eq -1E-99999999999",
          "meta.version gt 1e2147483648",
          "userName eq \"a\\u0000b\"",
          "active gt true",
          "title lt null",
          "userName co 12"
        }) {
      scimError(scim().queryParam("filter", filter).get("/Users"), 400, "invalidFilter");
    }
  }

  @Test
  void longAndDeepFiltersAreFilterErrors() {
    scimError(
        scim().queryParam("filter", "(".repeat(40) + "userName pr" + ")".repeat(40)).get("/Users"),
        400,
        "invalidFilter");
    scimError(
        scim()
            .queryParam("filter", "not (".repeat(40) + "userName pr" + ")".repeat(40))
            .get("/Users"),
        400,
        "invalidFilter");
    scimError(
        scim()
            .queryParam("filter", "emails[".repeat(40) + "type pr" + "]".repeat(40))
            .get("/Users"),
        400,
        "invalidFilter");
    // (Filters over 4,096 characters: ScimFiltersTest; such a URL is refused before it gets here.)
  }

  @Test
  void pagingParametersOutOfRangeAreRefusedOrReadAsRfc7644Says() {
    for (String parameter : new String[] {"startIndex", "count"}) {
      for (String value : new String[] {"99999999999", "-99999999999", "1.5", "1e3", "NaN"}) {
        scimError(scim().queryParam(parameter, value).get("/Users"), 400, "invalidValue");
      }
    }
    // RFC 7644 §3.4.2.4: a startIndex below 1 is read as 1, a negative count as 0.
    scim()
        .queryParam("startIndex", -5)
        .queryParam("count", -5)
        .get("/Users")
        .then()
        .statusCode(200)
        .body("startIndex", equalTo(1))
        .body("itemsPerPage", equalTo(0));
    scim()
        .queryParam("startIndex", Integer.MAX_VALUE)
        .queryParam("count", Integer.MAX_VALUE)
        .get("/Users")
        .then()
        .statusCode(200)
        .body("itemsPerPage", equalTo(0));
  }

  @Test
  void badAttributeListsAreInvalidValues() {
    for (String attributes : new String[] {"userName,,emails", "user#Name", "urn:x:", "a.b.c"}) {
      scimError(scim().queryParam("attributes", attributes).get("/Users"), 400, "invalidValue");
      scimError(
          scim().queryParam("excludedAttributes", attributes).get("/Users"), 400, "invalidValue");
    }
  }

  /** A body refused with SCIM's 400, said in our words: no parser, class or input text in it. */
  static void refusedInOurWords(Response response, String scimType, String detail) {
    String said = response.path("detail");
    assertEquals(detail, said, response.statusLine());
    scimError(response, 400, scimType);
    for (String leak :
        List.of("jackson", "fasterxml", "java.", "exception", "source", "line:", "column")) {
      assertFalse(said.toLowerCase().contains(leak), said);
    }
  }

  static String userTarget() throws Exception {
    if (target == null) {
      String id = UUID.randomUUID().toString();
      ScimUsersReadTest.publish(
          IdentityEvents.USER_CREATED,
          id,
          1,
          "{\"userId\":\"%s\",\"tenantId\":\"acme\",\"username\":\"target-%s@acme.example\",\"displayName\":\"Target\",\"email\":\"target-%s@acme.example\",\"origin\":\"scim\"}"
              .formatted(id, id, id));
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> scim().get("/Users/" + id).statusCode() == 200);
      target = id;
    }
    return target;
  }

  /**
   * SCIM bodies meet the rules of every other body Lanyard reads (service-runtime's HostileJson)
   * and are refused as SCIM's 400 naming the field, before anything is written: a field given
   * twice, nesting over 32 levels, a number over 100 digits, a NUL or a lone surrogate anywhere.
   */
  @Test
  void hostileUserBodiesAreRefusedNamingTheField() throws Exception {
    String id = userTarget();
    String user = "\"userName\":\"hostile@acme.example\"";
    record Bad(String body, String scimType, String detail) {}
    List<Bad> bads =
        List.of(
            new Bad(
                "{\"userName\":\"a@acme.example\",\"userName\":\"b@acme.example\"}",
                "invalidSyntax",
                "userName is given more than once"),
            new Bad(
                "{\"name\":{\"givenName\":\"A\",\"givenName\":\"B\"}," + user + "}",
                "invalidSyntax",
                "name.givenName is given more than once"),
            new Bad(
                "{" + user + ",\"title\":" + "[".repeat(100) + "]".repeat(100) + "}",
                "invalidSyntax",
                "the body nests deeper than 32 levels"),
            new Bad(
                "{\"userName\":\"hostile\\u0000@acme.example\"}",
                "invalidValue",
                "userName contains a control character"),
            new Bad(
                "{" + user + ",\"displayName\":\"\\ud800\"}",
                "invalidValue",
                "displayName contains a broken character (a lone surrogate)"),
            new Bad(
                "{"
                    + user
                    + ",\"emails\":[{\"value\":\"ok@acme.example\"},{\"value\":\"\\udc00\"}]}",
                "invalidValue",
                "emails[1].value contains a broken character (a lone surrogate)"),
            new Bad(
                "{" + user + ",\"title\":" + "9".repeat(200) + "}",
                "invalidValue",
                "title is a number of more than 100 digits"),
            new Bad(
                "{" + user + ",\"x\":[1,-0." + "9".repeat(200) + "]}",
                "invalidValue",
                "x[1] is a number of more than 100 digits"),
            new Bad(
                "{" + user + ",\"user\\u0000Name\":\"x\"}",
                "invalidValue",
                "a field name or value contains a control character"),
            new Bad(
                "{" + user + ",\"displayName\":\"\\u202egnp.exe\"}",
                "invalidValue",
                "displayName contains an invisible control character"),
            new Bad(
                "{" + user + "} {" + user + "}",
                "invalidSyntax",
                "the body holds more than one JSON value"),
            new Bad("", "invalidSyntax", "the body is empty; a JSON object is expected"));
    for (Bad bad : bads) {
      RequestSpecification write = scim().contentType("application/scim+json").body(bad.body());
      refusedInOurWords(write.post("/Users"), bad.scimType(), bad.detail());
      write = scim().contentType("application/scim+json").body(bad.body());
      refusedInOurWords(write.put("/Users/" + id), bad.scimType(), bad.detail());
    }
    scim()
        .get("/Users/" + id)
        .then()
        .statusCode(200)
        .header("ETag", startsWith("W/\"1-"))
        .body("displayName", equalTo("Target"));
  }

  @Test
  void hostilePatchBodiesAreRefusedNamingTheField() throws Exception {
    String id = userTarget();
    String patchOp = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],";
    record Bad(String operation, String scimType, String detail) {}
    for (Bad bad :
        List.of(
            new Bad(
                "{\"op\":\"replace\",\"op\":\"remove\",\"path\":\"displayName\"}",
                "invalidSyntax",
                "Operations[0].op is given more than once"),
            new Bad(
                "{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"\\ud800\"}",
                "invalidValue",
                "Operations[0].value contains a broken character (a lone surrogate)"),
            new Bad(
                "{\"op\":\"replace\",\"path\":\"active\\u0000\",\"value\":\"x\"}",
                "invalidValue",
                "Operations[0].path contains a control character"),
            new Bad(
                "{\"op\":\"replace\",\"value\":"
                    + "{\"a\":".repeat(100)
                    + "1"
                    + "}".repeat(100)
                    + "}",
                "invalidSyntax",
                "the body nests deeper than 32 levels"),
            new Bad(
                "{\"op\":\"replace\",\"path\":\"title\",\"value\":" + "1".repeat(200) + "}",
                "invalidValue",
                "Operations[0].value is a number of more than 100 digits"),
            new Bad(
                "{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"\\u2066x\"}",
                "invalidValue",
                "displayName contains an invisible control character"))) {
      refusedInOurWords(
          scim()
              .contentType("application/scim+json")
              .body(patchOp + "\"Operations\":[" + bad.operation() + "]}")
              .patch("/Users/" + id),
          bad.scimType(),
          bad.detail());
    }
    scim()
        .get("/Users/" + id)
        .then()
        .statusCode(200)
        .header("ETag", startsWith("W/\"1-"))
        .body("displayName", equalTo("Target"));
  }

  @Test
  void discoveryUnderSomethingThatIsNoTenantIdIs404() {
    for (String tenant : new String[] {"a\"b", "a\\b", "x".repeat(41), "ACME"}) {
      scimError(given().get("/scim/v2/tenants/{tenant}/ServiceProviderConfig", tenant), 404, null);
      scimError(given().get("/scim/v2/tenants/{tenant}/Schemas", tenant), 404, null);
    }
  }
}
