package io.lanyard.directory;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanyard.contracts.IdentityEvents;
import io.lanyard.testplatform.TestTopics;
import io.lanyard.testsupport.SecurityMatrix;
import io.lanyard.testsupport.TestEvents;
import io.lanyard.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SCIM secret tokens for Entra ID, and the SCIM server's discovery documents. */
@QuarkusTest
class ScimTokenTest {

  static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
  static boolean tenants;

  @BeforeEach
  void tenants() throws Exception {
    if (!tenants) {
      String topic = ConfigProvider.getConfig().getValue("lanyard.topics.identity", String.class);
      try (KafkaProducer<String, byte[]> producer = TestTopics.producer()) {
        for (String tenant : List.of("acme", "globex")) {
          producer
              .send(
                  TestEvents.record(
                      topic,
                      "identity-service",
                      IdentityEvents.TENANT_CREATED,
                      "tenant:" + tenant,
                      tenant,
                      1,
                      "{\"tenantId\":\"" + tenant + "\",\"name\":\"" + tenant + "\"}"))
              .get();
        }
      }
      tenants = true;
    }
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> admin("globex").post("/admin/v1/directory/scim-token").statusCode() == 201);
  }

  static RequestSpecification admin(String tenant) {
    return given().auth().oauth2(TestTokens.admin(tenant)).contentType(ContentType.JSON);
  }

  static String issue(String tenant) {
    return admin(tenant)
        .post("/admin/v1/directory/scim-token")
        .then()
        .statusCode(201)
        .body("tenantUrl", endsWith("/scim/v2/tenants/" + tenant))
        .body("secretToken", startsWith("lys_"))
        .extract()
        .path("secretToken");
  }

  static Response groups(String tenant, String token) {
    RequestSpecification request = given();
    if (token != null) {
      request = request.auth().oauth2(token);
    }
    return request.get("/scim/v2/tenants/" + tenant + "/Groups");
  }

  static void refused(Response response) {
    response
        .then()
        .statusCode(401)
        .contentType(startsWith("application/scim+json"))
        .body("schemas", hasItem(ERROR))
        .body("status", equalTo("401"));
  }

  @Test
  void aNewTokenReplacesTheOldAtOnceAndARevokedOneStops() {
    String first = issue("acme");
    groups("acme", first).then().statusCode(501).body("schemas", hasItem(ERROR));
    String second = issue("acme");
    refused(groups("acme", first));
    groups("acme", second).then().statusCode(501);
    given()
        .auth()
        .oauth2(second)
        .contentType("application/scim+json")
        .body("{\"displayName\":\"Printers\"}")
        .post("/scim/v2/tenants/acme/Groups")
        .then()
        .statusCode(501)
        .body("schemas", hasItem(ERROR));

    refused(groups("acme", null));
    refused(groups("acme", "lys_" + "x".repeat(43)));
    refused(groups("acme", "not-a-token"));
    String globex = issue("globex");
    refused(groups("acme", globex));

    admin("acme").delete("/admin/v1/directory/scim-token").then().statusCode(204);
    refused(groups("acme", second));
    admin("acme").delete("/admin/v1/directory/scim-token").then().statusCode(404);
    groups("globex", globex).then().statusCode(501);
  }

  @Test
  void tokensAreKeptAndPublishedOnlyAsTheirHash() {
    String token = issue("acme");
    String topic = ConfigProvider.getConfig().getValue("lanyard.events.topic", String.class);
    await().atMost(Duration.ofSeconds(10)).until(() -> !TestTopics.readToEnd(topic).isEmpty());
    boolean issued = false;
    for (ConsumerRecord<String, byte[]> record : TestTopics.readToEnd(topic)) {
      String data = new String(record.value(), StandardCharsets.UTF_8);
      assertFalse(data.contains(token.substring(4)), data);
      issued |= data.contains("tokenHash");
    }
    assertTrue(issued);
  }

  @Test
  void onlyAdminsManageTokens() {
    SecurityMatrix.assertRefused(
        List.of(
            new SecurityMatrix.Call("POST", "/admin/v1/directory/scim-token"),
            new SecurityMatrix.Call("DELETE", "/admin/v1/directory/scim-token")));
    admin("unknown-co").post("/admin/v1/directory/scim-token").then().statusCode(403);
  }

  @Test
  void discoveryDescribesExactlyWhatIsSupported() {
    given()
        .get("/scim/v2/tenants/acme/ServiceProviderConfig")
        .then()
        .statusCode(200)
        .contentType(startsWith("application/scim+json"))
        .body("patch.supported", equalTo(true))
        .body("bulk.supported", equalTo(false))
        .body("filter.supported", equalTo(true))
        .body("etag.supported", equalTo(true))
        .body("sort.supported", equalTo(false))
        .body("meta.location", endsWith("/scim/v2/tenants/acme/ServiceProviderConfig"));
    given()
        .get("/scim/v2/tenants/acme/ResourceTypes")
        .then()
        .statusCode(200)
        .body("Resources.id", equalTo(List.of("User")))
        .body(
            "Resources[0].schemaExtensions[0].schema",
            equalTo("urn:ietf:params:scim:schemas:extension:papercut:2.0:User"));
    given()
        .get(
            "/scim/v2/tenants/acme/Schemas/urn:ietf:params:scim:schemas:extension:papercut:2.0:User")
        .then()
        .statusCode(200)
        .body("attributes.name", equalTo(List.of("accessCode", "accessCard")))
        .body("attributes[0].returned", equalTo("never"));
    given()
        .get("/scim/v2/tenants/acme/ResourceTypes/Group")
        .then()
        .statusCode(404)
        .body("schemas", hasItem(ERROR));
  }

  /** Every operation of the service's OpenAPI document, with inputs no client should send. */
  @Test
  void everyOperationAnswersBadInputWithA4xxInItsOwnWords() throws Exception {
    ScimHardeningTest.publishTenantEvent(IdentityEvents.TENANT_CREATED, "hostile", 1);
    await()
        .atMost(java.time.Duration.ofSeconds(30))
        .until(() -> admin("hostile").post("/admin/v1/directory/scim-token").statusCode() == 201);
    String scimToken = issue("hostile");
    java.util.Map<String, String> others = new java.util.HashMap<>();
    others.put("/scim", scimToken);
    others.put("/webhooks", null);
    io.lanyard.testsupport.HostileInputs.assertEveryOperationAnswersWell(
        "hostile", io.lanyard.testsupport.HostileInputs.tokens("hostile", others));
  }
}
