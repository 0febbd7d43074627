package io.lanyard.credential;

import static io.lanyard.credential.CredentialApiTest.admin;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanyard.contracts.IdentityEvents;
import io.lanyard.testsupport.TestTokens;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /admin/v1/credentials/export} (ADR 6): the tenant's users as CSV, streamed a page at a
 * time; cards masked, or in clear and recorded in each such user's history.
 */
@io.quarkus.test.junit.QuarkusTest
class CredentialExportTest {

  static Response export(String tenant, String query) {
    return given()
        .auth()
        .oauth2(TestTokens.admin(tenant))
        .accept("text/csv")
        .get("/admin/v1/credentials/export" + query);
  }

  static String userCreated(String tenant, String username, String displayName) throws Exception {
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
            + "\",\"username\":"
            + IdentityFeedTest.JSON.writeValueAsString(username)
            + ",\"displayName\":"
            + IdentityFeedTest.JSON.writeValueAsString(displayName)
            + ",\"email\":\""
            + id
            + "@"
            + tenant
            + ".example\",\"origin\":\"manual\",\"externalId\":null}");
    return id;
  }

  @Test
  void theTenantsUsersAsCsvQuotedGuardedAndWithCardsMaskedOrInClearAndRecorded() throws Exception {
    String tenant = "exp-" + UUID.randomUUID().toString().substring(0, 8);
    String other = "exp-" + UUID.randomUUID().toString().substring(0, 8);
    CodesOverTimeTest.tenant(tenant);
    CodesOverTimeTest.tenant(other);
    String formula = userCreated(tenant, "=HYPERLINK(\"x\")", "Doe, Jane");
    String plain = userCreated(tenant, "plain", "Plain \"P\" User");
    String stranger = userCreated(other, "stranger", "Not Here");
    for (String user : List.of(formula, plain)) {
      CodesOverTimeTest.awaitCredentials(tenant, user);
    }
    CodesOverTimeTest.awaitCredentials(other, stranger);
    admin(tenant)
        .body(Map.of("cardNumber", "0a1b2c3d"))
        .post("/admin/v1/credentials/" + formula + "/cards")
        .then()
        .statusCode(201);
    admin(tenant)
        .body(Map.of("cardNumber", "0a1b2c3e"))
        .post("/admin/v1/credentials/" + formula + "/cards")
        .then()
        .statusCode(201);

    Response masked = export(tenant, "");
    masked
        .then()
        .statusCode(200)
        .header("Content-Type", equalTo("text/csv; charset=utf-8"))
        .header(
            "Content-Disposition",
            equalTo("attachment; filename=\"credentials-" + tenant + ".csv\""))
        .header("Cache-Control", equalTo("no-store"));
    List<String> lines = Arrays.asList(masked.asString().split("\r\n"));
    assertEquals(
        "username,displayName,email,status,origin,codeSource,codeExpiresAt,cards", lines.get(0));
    assertEquals(3, lines.size(), "two users, no one of another tenant: " + lines);
    String formulaLine = lines.stream().filter(l -> l.contains(formula)).findFirst().orElseThrow();
    assertTrue(
        formulaLine.startsWith("\"'=HYPERLINK(\"\"x\"\")\",\"Doe, Jane\"," + formula), formulaLine);
    assertTrue(formulaLine.contains(",active,manual,generated,,"), formulaLine);
    assertTrue(formulaLine.endsWith(",••••2C3D;••••2C3E"), formulaLine);
    assertFalse(formulaLine.contains("0A1B2C3D"));
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("plain,\"Plain \"\"P\"\" User\"")));
    assertFalse(masked.asString().contains(CodesOverTimeTest.reveal(tenant, plain)), "no code");
    assertEquals(
        0,
        CodesOverTimeTest.stream(formula).stream()
            .filter(e -> e.type().equals("CardNumbersExported"))
            .count());

    String full = export(tenant, "?cardNumbers=full").then().statusCode(200).extract().asString();
    assertTrue(full.contains(",0A1B2C3D;0A1B2C3E\r\n"), full);
    List<CodesOverTimeTest.Stored> stream = CodesOverTimeTest.stream(formula);
    assertEquals("CardNumbersExported", stream.get(stream.size() - 1).type());
    assertEquals(
        tenant + "-admin", stream.get(stream.size() - 1).data().path("exportedBy").asText());
    assertFalse(
        CodesOverTimeTest.stream(plain).stream()
            .anyMatch(e -> e.type().equals("CardNumbersExported")),
        "a user without cards had no numbers shown");
    admin(tenant)
        .get("/admin/v1/credentials/" + formula + "/history")
        .then()
        .body("items.event", org.hamcrest.Matchers.hasItem("card_numbers_exported"))
        .body("items.find { it.event == 'card_numbers_exported' }.by", equalTo(tenant + "-admin"));

    given()
        .auth()
        .oauth2(TestTokens.admin(tenant))
        .accept("application/json")
        .get("/admin/v1/credentials/export")
        .then()
        .statusCode(406)
        .body("error", equalTo("not_acceptable"));
    export(tenant, "?cardNumbers=yes")
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_parameter"));
    given()
        .auth()
        .oauth2(TestTokens.admin(tenant))
        .accept("*/*")
        .get("/admin/v1/credentials/export")
        .then()
        .statusCode(200);
  }

  @Test
  void thousandsOfUsersStreamInPagesWithoutAnyOtherTenantsOnes() throws Exception {
    String tenant = "exb-" + UUID.randomUUID().toString().substring(0, 8);
    Bulk.tenant(tenant);
    List<String> users = Bulk.users(tenant, 3_500, "/Many", "scim", "active");
    String neighbour = "exb-" + UUID.randomUUID().toString().substring(0, 8);
    Bulk.tenant(neighbour);
    List<String> theirs = Bulk.users(neighbour, 20, "/Many", "scim", "active");
    String body =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> export(tenant, "").then().statusCode(200).extract().asString(), b -> true);
    String[] lines = body.split("\r\n");
    assertEquals(3_501, lines.length);
    for (String id : List.of(users.get(0), users.get(1_999), users.get(3_499))) {
      assertTrue(body.contains(id + "@" + tenant), id);
    }
    assertFalse(body.contains(theirs.get(0)));
    assertTrue(lines[1].endsWith(",active,scim,,,"), "no code, no cards: " + lines[1]);
  }

  /**
   * credential-service's part of a tenant's archive ({@code GET /internal/v1/tenants/{t}/archive},
   * issue 23's tenant exit): identity-service's token only; each user's credentials with cards
   * masked, the history as facts; no code, card number, hash or ciphertext; nothing of another
   * tenant; an unknown tenant is 404.
   */
  @Test
  void theArchivesPartIsForIdentityOnlyWithCardsMaskedAndTheHistoryWithoutSecrets()
      throws Exception {
    String tenant = "arc-" + UUID.randomUUID().toString().substring(0, 8);
    String other = "arc-" + UUID.randomUUID().toString().substring(0, 8);
    CodesOverTimeTest.tenant(tenant);
    CodesOverTimeTest.tenant(other);
    String ann = userCreated(tenant, "ann", "Ann Archive");
    String stranger = userCreated(other, "stranger", "Not Here");
    CodesOverTimeTest.awaitCredentials(tenant, ann);
    CodesOverTimeTest.awaitCredentials(other, stranger);
    admin(tenant)
        .body(Map.of("cardNumber", "0a1b2c3d"))
        .post("/admin/v1/credentials/" + ann + "/cards")
        .then()
        .statusCode(201);
    String code = CodesOverTimeTest.reveal(tenant, ann);
    String path = "/internal/v1/tenants/" + tenant + "/archive";

    Response archive = given().auth().oauth2(TestTokens.service("identity-service")).get(path);
    archive
        .then()
        .statusCode(200)
        .header("Content-Type", org.hamcrest.Matchers.startsWith("application/x-ndjson"))
        .header("Cache-Control", equalTo("no-store"));
    List<String> lines = Arrays.asList(archive.asString().split("\n"));
    assertTrue(
        lines.contains(
            "{\"record\":\"credentials\",\"userId\":\""
                + ann
                + "\",\"codeSource\":\"generated\",\"codeExpiresAt\":null,\"cards\":[\"••••2C3D\"]}"),
        String.join("\n", lines));
    assertTrue(
        lines.stream()
            .anyMatch(
                line ->
                    line.contains("\"record\":\"credential_event\"")
                        && line.contains("\"event\":\"io.lanyard.credential.CardRegistered.v1\"")
                        && line.contains("\"userId\":\"" + ann + "\"")
                        && line.contains("\"by\":\"" + tenant + "-admin\"")),
        String.join("\n", lines));
    String body = archive.asString();
    for (String secret : List.of(code, "0A1B2C3D", "0a1b2c3d", "k1:", "codeHash", "cardHash")) {
      assertFalse(body.contains(secret), secret + " in the archive");
    }
    assertFalse(body.contains(stranger), "another tenant's user");

    given()
        .auth()
        .oauth2(TestTokens.service("directory-sync-service"))
        .get(path)
        .then()
        .statusCode(403)
        .body("error", equalTo("forbidden_caller"));
    given().auth().oauth2(TestTokens.admin(tenant)).get(path).then().statusCode(403);
    given()
        .auth()
        .oauth2(TestTokens.service("identity-service"))
        .get("/internal/v1/tenants/no-such-tenant/archive")
        .then()
        .statusCode(404);
    for (String hostile : List.of("%00", "1e99999", "..%2F" + other, "x".repeat(100_000))) {
      int status =
          given()
              .auth()
              .oauth2(TestTokens.service("identity-service"))
              .urlEncodingEnabled(false)
              .get("/internal/v1/tenants/" + hostile + "/archive")
              .statusCode();
      assertTrue(List.of(400, 404, 414, 431).contains(status), hostile.length() + ": " + status);
    }
  }
}
