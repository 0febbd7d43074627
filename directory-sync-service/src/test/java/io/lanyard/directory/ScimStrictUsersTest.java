package io.lanyard.directory;

import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.lanyard.testsupport.FakeServices;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a strict SCIM client (RFC 7643/7644) expects of Users beyond what Entra ID sends: PUT needs
 * userName, the name's parts read back as sent, a PATCH changes exactly what it names, and an
 * externalId is the client's or none.
 */
@QuarkusTest
class ScimStrictUsersTest {

  static final String USER_SCHEMA = ScimUsersWriteTest.USER_SCHEMA;
  static final String PATCH_OP = ScimUsersWriteTest.PATCH_OP;

  WireMockServer owners = FakeServices.server();

  @BeforeEach
  void setUp() throws Exception {
    new ScimUsersWriteTest().setUp();
    // identity-service's replace answers the profile it was sent, as version 2.
    owners.stubFor(
        put(urlMatching("/internal/v1/tenants/acme/users/[0-9a-f-]{36}"))
            .willReturn(
                ScimUsersWriteTest.userAnswer(
                    200, "{{request.pathSegments.[5]}}", "ignored", "active", "2")));
  }

  private static String created(String body) {
    return ScimUsersWriteTest.scim()
        .body(body)
        .post("/Users")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private static String withFullName(String userName) {
    return created(
        """
        {"schemas":["%s"],"externalId":"ext-%s","userName":"%s","displayName":"Pat Example",
         "name":{"formatted":"Dr. Pat Q. Example, PhD","givenName":"Pat","familyName":"Example",
                 "middleName":"Q.","honorificPrefix":"Dr.","honorificSuffix":"PhD"},
         "emails":[{"primary":true,"type":"work","value":"%s"}]}
        """
            .formatted(USER_SCHEMA, userName, userName, userName));
  }

  @Test
  void aPutWithoutUserNameIsAnInvalidValueAndChangesNothing() {
    String userName = "put-" + UUID.randomUUID() + "@acme.example";
    String id = withFullName(userName);
    ScimHardeningTest.scimError(
        ScimUsersWriteTest.scim()
            .body(
                """
                {"schemas":["%s"],"displayName":"Someone Else","active":false,
                 "emails":[{"primary":true,"type":"work","value":"else@acme.example"}]}
                """
                    .formatted(USER_SCHEMA))
            .put("/Users/" + id),
        400,
        "invalidValue");
    owners.verify(0, putRequestedFor(urlEqualTo("/internal/v1/tenants/acme/users/" + id)));
    ScimUsersWriteTest.scim()
        .get("/Users/" + id)
        .then()
        .statusCode(200)
        .body("userName", equalTo(userName))
        .body("displayName", equalTo("Pat Example"))
        .body("name.givenName", equalTo("Pat"))
        .body("active", equalTo(true));
  }

  @Test
  void theNamesPartsReadBackAsSentAndAPutReplacesThem() {
    String userName = "name-" + UUID.randomUUID() + "@acme.example";
    String id = withFullName(userName);
    for (var read :
        new io.restassured.response.Response[] {
          ScimUsersWriteTest.scim().get("/Users/" + id),
          ScimUsersWriteTest.scim()
              .queryParam("filter", "userName eq \"" + userName + "\"")
              .get("/Users")
        }) {
      String at = read.path("Resources") != null ? "Resources[0]." : "";
      read.then()
          .statusCode(200)
          .body(at + "displayName", equalTo("Pat Example"))
          .body(at + "name.formatted", equalTo("Dr. Pat Q. Example, PhD"))
          .body(at + "name.givenName", equalTo("Pat"))
          .body(at + "name.familyName", equalTo("Example"))
          .body(at + "name.middleName", equalTo("Q."))
          .body(at + "name.honorificPrefix", equalTo("Dr."))
          .body(at + "name.honorificSuffix", equalTo("PhD"));
    }

    ScimUsersWriteTest.scim()
        .body(
            """
            {"schemas":["%s"],"userName":"%s","name":{"givenName":"Ann","familyName":"Other"},
             "emails":[{"primary":true,"type":"work","value":"%s"}]}
            """
                .formatted(USER_SCHEMA, userName, userName))
        .put("/Users/" + id)
        .then()
        .statusCode(200)
        .body("name.givenName", equalTo("Ann"))
        .body("name.familyName", equalTo("Other"))
        .body("name", not(hasKey("formatted")))
        .body("name", not(hasKey("middleName")));
    ScimUsersWriteTest.scim()
        .get("/Users/" + id)
        .then()
        .body("name.givenName", equalTo("Ann"))
        .body("name", not(hasKey("honorificPrefix")));
    ScimUsersWriteTest.scim()
        .queryParam("filter", "name.familyName eq \"OTHER\" and name.givenName sw \"an\"")
        .get("/Users")
        .then()
        .body("totalResults", equalTo(1))
        .body("Resources[0].id", equalTo(id));
  }

  @Test
  void aPatchOfTheGivenNameChangesExactlyTheGivenName() {
    String userName = "patch-" + UUID.randomUUID() + "@acme.example";
    String id = withFullName(userName);
    String before = ScimUsersWriteTest.scim().get("/Users/" + id).header("ETag");
    String after =
        ScimUsersWriteTest.scim()
            .body(
                """
            {"schemas":["%s"],"Operations":[{"op":"replace","path":"name.givenName","value":"Patricia"}]}
            """
                    .formatted(PATCH_OP))
            .patch("/Users/" + id)
            .then()
            .statusCode(200)
            .body("name.givenName", equalTo("Patricia"))
            .body("name.familyName", equalTo("Example"))
            .body("name.formatted", equalTo("Dr. Pat Q. Example, PhD"))
            .body("name.middleName", equalTo("Q."))
            .body("displayName", equalTo("Pat Example"))
            .extract()
            .header("ETag");
    // displayName is identity-service's, and it did not change: nothing was sent there.
    owners.verify(0, putRequestedFor(urlEqualTo("/internal/v1/tenants/acme/users/" + id)));
    // ...yet the resource changed, so its version did: a write with the old one is refused.
    assertNotEquals(before, after);
    ScimUsersWriteTest.scim()
        .header("If-Match", before)
        .body(
            """
            {"schemas":["%s"],"Operations":[{"op":"replace","path":"name.givenName","value":"Pam"}]}
            """
                .formatted(PATCH_OP))
        .patch("/Users/" + id)
        .then()
        .statusCode(412);

    // A value object without a path sets the sub-attributes it names and leaves the others.
    ScimUsersWriteTest.scim()
        .body(
            """
            {"schemas":["%s"],"Operations":[{"op":"Replace","value":{"name":{"familyName":"Exemplar"}}}]}
            """
                .formatted(PATCH_OP))
        .patch("/Users/" + id)
        .then()
        .statusCode(200)
        .body("name.givenName", equalTo("Patricia"))
        .body("name.familyName", equalTo("Exemplar"));
    ScimUsersWriteTest.scim()
        .body(
            """
            {"schemas":["%s"],"Operations":[{"op":"remove","path":"name.middleName"}]}
            """
                .formatted(PATCH_OP))
        .patch("/Users/" + id)
        .then()
        .statusCode(200)
        .body("name", not(hasKey("middleName")))
        .body("name.honorificPrefix", equalTo("Dr."));
    ScimUsersWriteTest.scim()
        .get("/Users/" + id)
        .then()
        .body("name.givenName", equalTo("Patricia"))
        .body("name.familyName", equalTo("Exemplar"))
        .body("displayName", equalTo("Pat Example"));
  }

  @Test
  void aHostileNamePartIsRefusedAndChangesNothing() {
    String userName = "hostile-" + UUID.randomUUID() + "@acme.example";
    String id = withFullName(userName);
    for (String value :
        new String[] {
          "\"" + "a".repeat(100_000) + "\"", "\"Pa\\u0000t\"", "\"Pa\\nt\"", "1e99999", "{\"x\":1}"
        }) {
      ScimHardeningTest.scimError(
          ScimUsersWriteTest.scim()
              .body(
                  """
                  {"schemas":["%s"],"Operations":[{"op":"replace","path":"name.givenName","value":%s}]}
                  """
                      .formatted(PATCH_OP, value))
              .patch("/Users/" + id),
          400,
          "invalidValue");
      ScimHardeningTest.scimError(
          ScimUsersWriteTest.scim()
              .body(
                  """
                  {"schemas":["%s"],"userName":"other-%s","name":{"givenName":%s}}
                  """
                      .formatted(USER_SCHEMA, userName, value))
              .post("/Users"),
          400,
          "invalidValue");
    }
    ScimUsersWriteTest.scim()
        .get("/Users/" + id)
        .then()
        .body("name.givenName", equalTo("Pat"))
        .body("name.familyName", equalTo("Example"));
  }

  @Test
  void aUserCreatedWithoutAnExternalIdHasNone() {
    String userName = "noext-" + UUID.randomUUID() + "@acme.example";
    String id =
        created(
            """
            {"schemas":["%s"],"userName":"%s","displayName":"No Ext",
             "emails":[{"primary":true,"type":"work","value":"%s"}]}
            """
                .formatted(USER_SCHEMA, userName, userName));
    ScimUsersWriteTest.scim()
        .get("/Users/" + id)
        .then()
        .statusCode(200)
        .body("$", not(hasKey("externalId")))
        .body("$", not(hasKey("name")));
    ScimUsersWriteTest.scim()
        .queryParam("filter", "externalId eq \"" + userName + "\"")
        .get("/Users")
        .then()
        .body("totalResults", equalTo(0));
    ScimUsersWriteTest.scim()
        .queryParam("filter", "userName eq \"" + userName + "\" and not (externalId pr)")
        .get("/Users")
        .then()
        .body("totalResults", equalTo(1))
        .body("Resources[0]", not(hasKey("externalId")));

    // A client that adopts the user later gives it one: from then on it is shown and matched.
    ScimUsersWriteTest.scim()
        .body(
            """
            {"schemas":["%s"],"Operations":[{"op":"add","path":"externalId","value":"entra-42"}]}
            """
                .formatted(PATCH_OP))
        .patch("/Users/" + id)
        .then()
        .statusCode(200)
        .body("externalId", equalTo("entra-42"));
    ScimUsersWriteTest.scim()
        .queryParam("filter", "externalId eq \"entra-42\"")
        .get("/Users")
        .then()
        .body("totalResults", equalTo(1))
        .body("Resources[0].id", equalTo(id))
        .body("Resources[0].name", nullValue());
  }
}
