package io.lanyard.directory;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.lanyard.contracts.EventType;
import io.lanyard.contracts.IdentityEvents;
import io.lanyard.testplatform.TestTopics;
import io.lanyard.testsupport.TestEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reading users over SCIM as Entra ID does: Test Connection, matching filters, paging. */
@QuarkusTest
class ScimUsersReadTest {

  static String token;
  static String manual;
  static String provisioned;
  static final String RUN = UUID.randomUUID().toString().substring(0, 8);

  @BeforeEach
  void users() throws Exception {
    new ScimTokenTest().tenants();
    if (token != null) {
      return;
    }
    token = ScimTokenTest.issue("acme");
    manual = UUID.randomUUID().toString();
    provisioned = UUID.randomUUID().toString();
    publish(
        IdentityEvents.USER_CREATED,
        manual,
        1,
        "{\"userId\":\"%s\",\"tenantId\":\"acme\",\"username\":\"Hand.Made-%s\",\"displayName\":\"Hand Made\",\"email\":\"hand-%s@acme.example\",\"origin\":\"manual\"}"
            .formatted(manual, RUN, RUN));
    publish(
        IdentityEvents.USER_CREATED,
        provisioned,
        1,
        "{\"userId\":\"%s\",\"tenantId\":\"acme\",\"username\":\"entra-%s@acme.example\",\"displayName\":\"From Entra\",\"email\":\"entra-%s@acme.example\",\"locale\":\"de\",\"origin\":\"scim\",\"externalId\":\"Ext-%s\"}"
            .formatted(provisioned, RUN, RUN, RUN));
    publish(
        IdentityEvents.USER_SUSPENDED,
        provisioned,
        2,
        "{\"userId\":\"%s\",\"tenantId\":\"acme\"}".formatted(provisioned));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                Boolean.FALSE.equals(
                    scim().get("/Users/" + provisioned).then().extract().path("active")));
  }

  static void publish(EventType type, String subject, long version, String json) throws Exception {
    String topic = ConfigProvider.getConfig().getValue("lanyard.topics.identity", String.class);
    try (KafkaProducer<String, byte[]> producer = TestTopics.producer()) {
      producer
          .send(TestEvents.record(topic, "identity-service", type, subject, "acme", version, json))
          .get();
    }
  }

  static RequestSpecification scim() {
    return given().auth().oauth2(token).basePath("/scim/v2/tenants/acme");
  }

  @Test
  void testConnectionFindsNothingForARandomValue() {
    scim()
        .queryParam("filter", "userName eq \"" + UUID.randomUUID() + "\"")
        .get("/Users")
        .then()
        .statusCode(200)
        .body("schemas", hasItem("urn:ietf:params:scim:api:messages:2.0:ListResponse"))
        .body("totalResults", equalTo(0))
        .body("Resources", hasSize(0));
  }

  @Test
  void entrasMatchingFiltersSeeUsersCreatedByHand() {
    scim()
        .queryParam("filter", "USERNAME eq \"hand.made-" + RUN + "\"")
        .get("/Users")
        .then()
        .body("totalResults", equalTo(1))
        .body("Resources[0].id", equalTo(manual));
    scim()
        .queryParam("filter", "externalId eq \"Ext-" + RUN + "\"")
        .get("/Users")
        .then()
        .body("Resources[0].id", equalTo(provisioned))
        .body("Resources[0].active", equalTo(false))
        .body("Resources[0].preferredLanguage", equalTo("de"));
    scim()
        .queryParam("filter", "externalId eq \"ext-" + RUN + "\"")
        .get("/Users")
        .then()
        .body("totalResults", equalTo(0));
    scim()
        .queryParam("filter", "emails[type eq \"work\"].value eq \"HAND-" + RUN + "@acme.example\"")
        .get("/Users")
        .then()
        .body("Resources.id", equalTo(java.util.List.of(manual)));
    scim()
        .queryParam("filter", "displayName sw \"from\" and active eq false")
        .get("/Users")
        .then()
        .body("Resources.id", hasItem(provisioned));
  }

  @Test
  void pagingAndAttributeSelection() {
    int total = scim().get("/Users").then().statusCode(200).extract().path("totalResults");
    scim()
        .queryParam("startIndex", 2)
        .queryParam("count", 1)
        .get("/Users")
        .then()
        .body("totalResults", equalTo(total))
        .body("startIndex", equalTo(2))
        .body("itemsPerPage", equalTo(1));
    scim()
        .queryParam("filter", "id eq \"" + manual + "\"")
        .queryParam("attributes", "userName,emails.value")
        .get("/Users")
        .then()
        .body("Resources[0]", hasKey("userName"))
        .body("Resources[0]", hasKey("id"))
        .body("Resources[0]", not(hasKey("displayName")))
        .body("Resources[0].emails[0]", not(hasKey("type")))
        .body("Resources[0].emails[0].value", equalTo("hand-" + RUN + "@acme.example"));
    scim()
        .queryParam("excludedAttributes", "emails,meta")
        .get("/Users/" + manual)
        .then()
        .body("$", not(hasKey("emails")))
        .body("$", not(hasKey("meta")))
        .body("userName", equalTo("Hand.Made-" + RUN));
  }

  @Test
  void aUserHasMetaAndAnEtagAndUnknownIdsAre404() {
    scim()
        .get("/Users/" + manual)
        .then()
        .statusCode(200)
        .header("ETag", startsWith("W/\"1-"))
        .body("meta.version", startsWith("W/\"1-"))
        .body("meta.created", notNullValue())
        .body("meta.lastModified", notNullValue())
        .body(
            "meta.location",
            org.hamcrest.Matchers.endsWith("/scim/v2/tenants/acme/Users/" + manual))
        .body("emails[0].primary", equalTo(true));
    scim()
        .get("/Users/" + UUID.randomUUID())
        .then()
        .statusCode(404)
        .body("schemas", hasItem(ScimTokenTest.ERROR));
    scim().get("/Users/not-a-uuid").then().statusCode(404);
    String globex = ScimTokenTest.issue("globex");
    given()
        .auth()
        .oauth2(globex)
        .get("/scim/v2/tenants/globex/Users/" + manual)
        .then()
        .statusCode(404);
  }

  @Test
  void malformedFiltersAndBadParametersAre400() {
    scim()
        .queryParam("filter", "userName eq")
        .get("/Users")
        .then()
        .statusCode(400)
        .body("scimType", equalTo("invalidFilter"))
        .body("schemas", hasItem(ScimTokenTest.ERROR));
    scim().queryParam("count", "many").get("/Users").then().statusCode(400);
    given().get("/scim/v2/tenants/acme/Users").then().statusCode(401);
  }
}
