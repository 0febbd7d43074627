package io.lanyard.directory;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every answer under {@code /scim/v2/} that is an error is SCIM's (RFC 7644 §3.12): {@code
 * application/scim+json}, the error schema, {@code status} as a string, {@code scimType} where RFC
 * 7644 gives one — also where the framework answers before any SCIM resource could.
 */
@QuarkusTest
class ScimErrorsEverywhereTest {

  static String token;

  @BeforeEach
  void token() throws Exception {
    new ScimTokenTest().tenants();
    if (token == null) {
      token = ScimTokenTest.issue("acme");
    }
  }

  private static RequestSpecification scim() {
    return given().auth().oauth2(token).basePath("/scim/v2/tenants/acme");
  }

  @Test
  void aWriteToADiscoveryDocumentIsMethodNotAllowed() {
    for (String document :
        new String[] {
          "/ServiceProviderConfig",
          "/ResourceTypes",
          "/ResourceTypes/User",
          "/Schemas",
          "/Schemas/urn:ietf:params:scim:schemas:core:2.0:User"
        }) {
      ScimHardeningTest.scimError(
          scim().contentType("application/scim+json").body("{}").post(document), 405, null);
      // RFC 9110 §15.5.6: a 405 says which methods the resource takes.
      assertEquals("GET", scim().delete(document).header("Allow"), document);
      ScimHardeningTest.scimError(
          scim().contentType("application/scim+json").body("{}").put(document), 405, null);
      ScimHardeningTest.scimError(scim().delete(document), 405, null);
      ScimHardeningTest.scimError(
          scim().contentType("application/scim+json").body("{}").patch(document), 405, null);
    }
    ScimHardeningTest.scimError(scim().delete("/Users"), 405, null);
    ScimHardeningTest.scimError(
        scim().contentType("application/scim+json").body("{}").put("/Users"), 405, null);
  }

  @Test
  void unknownPathsAreNotFound() {
    ScimHardeningTest.scimError(scim().get("/Nothing"), 404, null);
    ScimHardeningTest.scimError(scim().get("/Users/a/b"), 404, null);
    ScimHardeningTest.scimError(scim().get("/Schemas/urn:nope"), 404, null);
    ScimHardeningTest.scimError(scim().get("/ResourceTypes/Group"), 404, null);
    ScimHardeningTest.scimError(given().get("/scim/v2/tenants"), 404, null);
    ScimHardeningTest.scimError(given().get("/scim/v2/Users"), 404, null);
    ScimHardeningTest.scimError(given().get("/scim/v1/anything"), 404, null);
  }

  @Test
  void brokenPathsAreInvalidValues() {
    ScimHardeningTest.scimError(
        scim().urlEncodingEnabled(false).get("/Users/%00"), 400, "invalidValue");
    ScimHardeningTest.scimError(
        scim().urlEncodingEnabled(false).get("/Us%00ers"), 400, "invalidValue");
    ScimHardeningTest.scimError(
        scim().urlEncodingEnabled(false).get("/Users/%E0%A4"), 400, "invalidValue");
  }

  @Test
  void aBodyOrAnAnswerOfAnotherMediaTypeIsRefused() {
    ScimHardeningTest.scimError(
        scim().contentType("text/plain").body("userName=pat").post("/Users"), 415, null);
    ScimHardeningTest.scimError(
        scim().contentType("application/xml").body("<User/>").post("/Users"), 415, null);
    ScimHardeningTest.scimError(scim().accept("text/html").get("/Users"), 406, null);
    ScimHardeningTest.scimError(scim().accept("application/xml").get("/Schemas"), 406, null);
    // RFC 7644 §3.1: application/json is asked for too, and answered.
    scim()
        .accept("application/json")
        .get("/Users")
        .then()
        .statusCode(200)
        .contentType(startsWith("application/"));
  }

  @Test
  void authenticationFailuresAreScimErrors() {
    ScimHardeningTest.scimError(given().basePath("/scim/v2/tenants/acme").get("/Users"), 401, null);
    ScimHardeningTest.scimError(
        given()
            .basePath("/scim/v2/tenants/acme")
            .header("Authorization", "Basic YTpi")
            .get("/Users"),
        401,
        null);
    ScimHardeningTest.scimError(
        given()
            .auth()
            .oauth2("lys_" + "A".repeat(43))
            .basePath("/scim/v2/tenants/acme")
            .get("/Users"),
        401,
        null);
    ScimHardeningTest.scimError(
        given().auth().oauth2(token).basePath("/scim/v2/tenants/globex").get("/Users"), 401, null);
  }
}
