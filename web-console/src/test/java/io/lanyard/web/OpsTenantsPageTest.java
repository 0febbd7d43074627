package io.lanyard.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanyard.browser.Browser;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * An operator lands on the tenants (they have no code), adds one (a bad id refused next to its
 * field) and suspends one; a path the console does not serve is a page in its layout.
 */
@QuarkusTest
class OpsTenantsPageTest extends ConsoleTest {

  private static final String TENANTS = "/ops/v1/tenants";

  @BeforeEach
  void answers() {
    services.stubFor(
        get(urlEqualTo(TENANTS))
            .willReturn(
                okJson(
                    "{\"items\":[{\"id\":\"acme\",\"name\":\"Acme\",\"status\":\"active\","
                        + "\"createdAt\":\"2026-12-01T08:00:00Z\"}],\"page\":0,\"size\":1,\"total\":1}")));
  }

  @Test
  void anOperatorAddsAndSuspendsTenants() {
    services.stubFor(
        post(urlEqualTo(TENANTS))
            .withRequestBody(equalToJson("{\"id\":\"Bad Id\"}", true, true))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"error\":\"invalid_id\",\"message\":\"id: a slug of 2 to 40 characters a-z, 0-9 and -\"}")));
    services.stubFor(
        post(urlEqualTo(TENANTS))
            .withRequestBody(equalToJson("{\"id\":\"initech\",\"name\":\"Initech\"}", true, true))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"id\":\"initech\",\"name\":\"Initech\",\"status\":\"active\"}")));
    services.stubFor(
        post(urlEqualTo(TENANTS + "/acme/suspend"))
            .willReturn(okJson("{\"id\":\"acme\",\"name\":\"Acme\",\"status\":\"suspended\"}")));
    try (Browser browser = browser("en")) {
      browser.visit("/").signIn("operator", "lanyard");
      browser.waitForText(By.tagName("h1"), "Tenants");
      assertTrue(browser.currentUrl().endsWith("/ops/tenants"), browser.currentUrl());
      assertTrue(browser.text(By.tagName("main")).contains("2026-12-01 08:00 UTC"));

      browser.waitFor(By.id("tenant-id")).sendKeys("Bad Id");
      browser.waitFor(By.id("tenant-name")).sendKeys("Bad");
      browser.button("Add").click();
      browser.waitForText(By.id("tenant-id-error"), "a slug of 2 to 40");
      browser.waitFor(By.id("tenant-id")).clear();
      browser.waitFor(By.id("tenant-id")).sendKeys("initech");
      browser.waitFor(By.id("tenant-name")).clear();
      browser.waitFor(By.id("tenant-name")).sendKeys("Initech");
      browser.button("Add").click();
      browser.waitForText(By.id("notice"), "The tenant initech is added");
      browser.screenshots("ops-tenants");

      browser.button("Suspend").click();
      browser.waitForText(By.id("notice"), "The tenant acme is suspended");
      services.verify(postRequestedFor(urlEqualTo(TENANTS + "/acme/suspend")));
      assertEquals(List.of(), browser.consoleErrors());

      browser.visit("/no/such/page");
      assertEquals("Not found", browser.text(By.tagName("h1")));
      assertTrue(browser.driver().findElements(By.linkText("Sign out")).size() == 1);
      assertEquals(List.of(), browser.consoleErrors("404"));
    }
  }
}
