package io.lanyard.directory;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.lanyard.contracts.EventType;
import io.lanyard.contracts.IdentityEvents;
import io.lanyard.testplatform.TestTopics;
import io.lanyard.testsupport.TestEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
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
                  "{\"tenantId\":\"" + tenant + "\"}"))
          .get();
    }
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
    // (Filters over 4,096 characters: ScimFilterTest; such a URL is refused before it gets here.)
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

  @Test
  void discoveryUnderSomethingThatIsNoTenantIdIs404() {
    for (String tenant : new String[] {"a\"b", "a\\b", "x".repeat(41), "ACME"}) {
      scimError(given().get("/scim/v2/tenants/{tenant}/ServiceProviderConfig", tenant), 404, null);
      scimError(given().get("/scim/v2/tenants/{tenant}/Schemas", tenant), 404, null);
    }
  }
}
