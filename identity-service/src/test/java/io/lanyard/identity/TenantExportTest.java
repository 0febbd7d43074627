package io.lanyard.identity;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.lanyard.identity.IdentityApiTest.as;
import static io.lanyard.identity.IdentityApiTest.createUser;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lanyard.testsupport.FakeServices;
import io.lanyard.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /ops/v1/tenants/{id}/export} (issue 23's tenant exit): the operator downloads the
 * tenant's archive as JSON lines: the tenant, its settings, every user with what identifies them,
 * then credential-service's part as it sent it (here its fake, which is asked with identity's own
 * client token). Nothing of another tenant; an admin may not; an unknown tenant is 404.
 */
@QuarkusTest
class TenantExportTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theOperatorDownloadsTheTenantsUsersSettingsAndCredentialServicesPart() throws Exception {
    String tenant = "exit-" + UUID.randomUUID().toString().substring(0, 8);
    String neighbour = "exit-" + UUID.randomUUID().toString().substring(0, 8);
    for (String id : List.of(tenant, neighbour)) {
      as(TestTokens.operator())
          .body(Map.of("id", id, "name", id + " Corp"))
          .post("/ops/v1/tenants")
          .then()
          .statusCode(201);
    }
    String ann = createUser(tenant, "ann.exit");
    String bob = createUser(tenant, "bob.exit");
    String stranger = createUser(neighbour, "stranger.exit");
    String credentialsPart =
        "{\"record\":\"credentials\",\"userId\":\"" + ann + "\",\"cards\":[\"••••2C3D\"]}\n";
    String path = "/internal/v1/tenants/" + tenant + "/archive";
    FakeServices.server()
        .stubFor(
            get(urlPathEqualTo(path))
                .willReturn(
                    aResponse()
                        .withHeader("Content-Type", "application/x-ndjson")
                        .withBody(credentialsPart)));

    Response archive = as(TestTokens.operator()).post("/ops/v1/tenants/" + tenant + "/export");
    archive
        .then()
        .statusCode(200)
        .header("Content-Type", startsWith("application/x-ndjson"))
        .header(
            "Content-Disposition", equalTo("attachment; filename=\"tenant-" + tenant + ".jsonl\""))
        .header("Cache-Control", equalTo("no-store"));
    List<JsonNode> lines = new ArrayList<>();
    for (String line : archive.asString().split("\n")) {
      lines.add(JSON.readTree(line));
    }
    assertEquals("tenant", lines.get(0).get("record").asText());
    assertEquals(tenant, lines.get(0).get("tenant").get("id").asText());
    assertEquals("settings", lines.get(1).get("record").asText());
    assertEquals(30, lines.get(1).get("settings").get("guestRetentionDays").asInt());
    List<JsonNode> users =
        lines.stream().filter(line -> "user".equals(line.get("record").asText())).toList();
    assertEquals(
        List.of(ann, bob).stream().sorted().toList(),
        users.stream().map(line -> line.get("user").get("id").asText()).sorted().toList());
    JsonNode annLine =
        users.stream().filter(u -> ann.equals(u.get("user").get("id").asText())).findFirst().get();
    assertEquals("ann.exit@" + tenant + ".example", annLine.get("user").get("email").asText());
    assertEquals("Name of ann.exit", annLine.get("user").get("displayName").asText());
    assertEquals(credentialsPart.strip(), JSON.writeValueAsString(lines.get(lines.size() - 2)));
    assertEquals(
        "{\"record\":\"end\",\"users\":2}", JSON.writeValueAsString(lines.get(lines.size() - 1)));
    assertFalse(archive.asString().contains(stranger), "another tenant's user");
    FakeServices.server()
        .verify(
            getRequestedFor(urlPathEqualTo(path))
                .withHeader("Authorization", matching("Bearer .+")));

    // credential-service cannot give its part: an error answer, never an archive cut short.
    FakeServices.server()
        .stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(503)));
    as(TestTokens.operator())
        .post("/ops/v1/tenants/" + tenant + "/export")
        .then()
        .statusCode(503)
        .body("error", equalTo("credential_service_unavailable"));

    as(TestTokens.admin(tenant))
        .post("/ops/v1/tenants/" + tenant + "/export")
        .then()
        .statusCode(403);
    as(TestTokens.operator()).post("/ops/v1/tenants/no-such-tenant/export").then().statusCode(404);
    // Hostile ids: a NUL byte, a number beyond any range, a path climb, 100 kB: refused, never 500.
    for (String hostile : List.of("%00", "1e99999", "..%2F..%2Facme", "x".repeat(100_000))) {
      int status =
          as(TestTokens.operator())
              .urlEncodingEnabled(false)
              .post("/ops/v1/tenants/" + hostile + "/export")
              .statusCode();
      assertTrue(List.of(400, 404, 414, 431).contains(status), hostile.length() + ": " + status);
    }
    assertTrue(
        FakeServices.server()
            .findAll(getRequestedFor(urlPathEqualTo("/internal/v1/tenants/no-such-tenant/archive")))
            .isEmpty(),
        "nothing asked of credential-service for an unknown tenant");
  }
}
