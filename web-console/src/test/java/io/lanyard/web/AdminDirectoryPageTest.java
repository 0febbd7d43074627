package io.lanyard.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanyard.browser.Browser;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Google Workspace set up with the service account's key file uploaded, "Save and sync", a file
 * that is no key refused next to its field; an Entra ID secret token generated (shown once) and
 * revoked.
 */
@QuarkusTest
class AdminDirectoryPageTest extends ConsoleTest {

  private static final String GOOGLE = "/admin/v1/directory/google";

  @BeforeEach
  void answers() {
    services.stubFor(
        get(urlEqualTo(GOOGLE))
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"error\":\"not_found\",\"message\":\"Google connection not found\"}")));
    services.stubFor(
        get(urlPathEqualTo("/admin/v1/directory/sync-runs"))
            .willReturn(okJson("{\"items\":[],\"page\":0,\"size\":10,\"total\":0}")));
  }

  @Test
  void anAdminUploadsTheKeySavesAndSyncs() throws Exception {
    Path key = Files.createTempFile("service-account", ".json");
    Files.writeString(
        key,
        "{\"type\":\"service_account\",\"client_email\":\"sync@acme.iam.gserviceaccount.com\","
            + "\"private_key\":\"-----BEGIN PRIVATE KEY-----\\nMII\\n-----END PRIVATE KEY-----\\n\","
            + "\"token_uri\":\"https://oauth2.googleapis.com/token\"}");
    Path notAKey = Files.createTempFile("not-a-key", ".json");
    Files.writeString(notAKey, "this is not JSON");
    services.stubFor(
        put(urlEqualTo(GOOGLE))
            .willReturn(
                okJson(
                    "{\"customerId\":\"C0123\",\"domain\":\"acme.example\",\"adminSubject\":\"admin@acme.example\","
                        + "\"syncMode\":\"automatic\",\"intervalMinutes\":30,\"source\":\"all\",\"orgUnits\":[],"
                        + "\"deleteRemovedUsers\":false,\"syncAccessCodes\":true,\"syncCardNumbers\":true,"
                        + "\"serviceAccount\":\"sync@acme.iam.gserviceaccount.com\"}")));
    services.stubFor(
        post(urlEqualTo(GOOGLE + "/sync"))
            .willReturn(
                aResponse()
                    .withStatus(202)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"runId\":\"7d1c2b3a-0000-4000-8000-000000000001\"}")));
    try (Browser browser = browser("en")) {
      browser.visit("/admin/directory").signIn("acme-admin", "lanyard");
      browser.waitFor(By.id("customer-id")).sendKeys("C0123");
      browser.waitFor(By.id("domain")).sendKeys("acme.example");
      browser.waitFor(By.id("admin-subject")).sendKeys("admin@acme.example");
      browser.waitFor(By.id("service-account-key")).sendKeys(notAKey.toString());
      browser.button("Save").click();
      browser.waitForText(By.id("key-error"), "not the JSON key file");
      assertEquals("C0123", browser.waitFor(By.id("customer-id")).getAttribute("value"));
      assertTrue(services.findAll(putRequestedFor(urlEqualTo(GOOGLE))).isEmpty());

      browser.waitFor(By.id("service-account-key")).sendKeys(key.toString());
      browser.waitFor(By.id("mode-automatic")).click();
      browser.waitFor(By.id("interval")).clear();
      browser.waitFor(By.id("interval")).sendKeys("30");
      // Once saved, the service shows the connection with the key's account (never the key).
      services.stubFor(
          get(urlEqualTo(GOOGLE))
              .willReturn(
                  okJson(
                      "{\"customerId\":\"C0123\",\"domain\":\"acme.example\",\"syncMode\":\"automatic\","
                          + "\"intervalMinutes\":30,\"source\":\"all\",\"orgUnits\":[],"
                          + "\"syncAccessCodes\":true,\"syncCardNumbers\":true,\"deleteRemovedUsers\":false,"
                          + "\"serviceAccount\":\"sync@acme.iam.gserviceaccount.com\"}")));
      browser.button("Save and sync").click();
      browser.waitForText(By.id("notice"), "a sync has started");
      services.verify(
          putRequestedFor(urlEqualTo(GOOGLE))
              .withRequestBody(
                  equalToJson(
                      "{\"customerId\":\"C0123\",\"domain\":\"acme.example\",\"adminSubject\":\"admin@acme.example\","
                          + "\"syncMode\":\"automatic\",\"intervalMinutes\":30,\"source\":\"all\","
                          + "\"syncAccessCodes\":true,\"syncCardNumbers\":true,\"deleteRemovedUsers\":false,"
                          + "\"serviceAccountKey\":{\"client_email\":\"sync@acme.iam.gserviceaccount.com\"}}",
                      true,
                      true)));
      services.verify(postRequestedFor(urlEqualTo(GOOGLE + "/sync")));
      assertTrue(browser.text(By.id("key-stored")).contains("sync@acme.iam.gserviceaccount.com"));
      browser.screenshots("admin-directory");
      assertEquals(List.of(), browser.consoleErrors());
    }
  }

  @Test
  void anEntraSecretTokenIsShownOnceAndRevoked() {
    services.stubFor(
        post(urlEqualTo("/admin/v1/directory/scim-token"))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"tenantUrl\":\"https://lanyard.example.com/scim/v2/tenants/acme\","
                            + "\"secretToken\":\"scim_c2VjcmV0LXRva2VuLW9uY2U\"}")));
    services.stubFor(
        delete(urlEqualTo("/admin/v1/directory/scim-token"))
            .willReturn(aResponse().withStatus(204)));
    try (Browser browser = browser("en")) {
      browser.visit("/admin/directory").signIn("acme-admin", "lanyard");
      browser.button("Generate secret token").click();
      browser.waitForText(By.id("scim-secret-token"), "scim_c2VjcmV0LXRva2VuLW9uY2U");
      assertTrue(browser.text(By.id("scim-tenant-url")).endsWith("/scim/v2/tenants/acme"));
      browser.screenshots("admin-directory-scim-token");
      browser.button("Revoke").click();
      browser.waitForText(By.id("notice"), "revoked");
      services.verify(deleteRequestedFor(urlEqualTo("/admin/v1/directory/scim-token")));
      assertEquals(List.of(), browser.consoleErrors());
    }
  }
}
