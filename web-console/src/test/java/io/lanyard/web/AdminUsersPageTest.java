package io.lanyard.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanyard.browser.Browser;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * The users list with guests, in a real browser: a guest's kind and window in the list, the kind
 * filter, and "Add guest" (the window typed as UTC) refused next to its field, then created.
 */
@QuarkusTest
class AdminUsersPageTest extends ConsoleTest {

  private static final String VERA = "5d1f7a2e-0c4b-4f7e-8a61-2b7c0d000017";

  @BeforeEach
  void answers() {
    services.stubFor(
        get(urlPathEqualTo("/admin/v1/users"))
            .willReturn(
                okJson(
                    "{\"items\":["
                        + "{\"id\":\"0b6f1f5e-4d3a-4c1e-9a57-1a0c0a000009\",\"username\":\"ada\","
                        + "\"displayName\":\"Ada Lovelace\",\"email\":\"ada@acme.example\","
                        + "\"status\":\"active\",\"origin\":\"manual\",\"kind\":\"person\"},"
                        + "{\"id\":\"5d1f7a2e-0c4b-4f7e-8a61-2b7c0d000016\",\"username\":\"otto\","
                        + "\"displayName\":\"Otto Contractor\",\"email\":\"otto@partner.example\","
                        + "\"status\":\"suspended\",\"origin\":\"manual\",\"kind\":\"guest\","
                        + "\"validFrom\":\"2026-11-02T08:00:00Z\",\"validUntil\":\"2026-11-06T17:00:00Z\"}"
                        + "],\"page\":0,\"size\":25,\"total\":2}")));
  }

  @Test
  void anAdminAddsAGuestWithAWindowInUtc() {
    // The window the other way round: identity-service refuses it, naming the field.
    services.stubFor(
        post(urlEqualTo("/admin/v1/users"))
            .withRequestBody(equalToJson("{\"validUntil\":\"2026-12-09T17:00:00Z\"}", true, true))
            .willReturn(problem(400, "invalid_field", "validUntil: must be after validFrom")));
    services.stubFor(
        post(urlEqualTo("/admin/v1/users"))
            .withRequestBody(equalToJson("{\"validUntil\":\"2027-12-12T17:00:00Z\"}", true, true))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody(vera())));
    services.stubFor(get(urlEqualTo("/admin/v1/users/" + VERA)).willReturn(okJson(vera())));
    services.stubFor(
        get(urlEqualTo("/admin/v1/credentials/" + VERA))
            .willReturn(
                okJson(
                    "{\"accessCode\":\"••••••\",\"codeSource\":\"generated\",\"cards\":[],"
                        + "\"codeChangedAt\":\"2026-12-03T09:00:00Z\","
                        + "\"codeValidFrom\":\"2027-12-10T09:00:00Z\","
                        + "\"codeExpiresAt\":\"2027-12-12T17:00:00Z\",\"codeExpired\":false}")));
    services.stubFor(
        get(urlEqualTo("/admin/v1/credentials/" + VERA + "/history"))
            .willReturn(okJson("{\"items\":[],\"page\":0,\"size\":50,\"total\":0}")));
    services.stubFor(
        get(urlPathEqualTo("/admin/v1/notifications"))
            .willReturn(okJson("{\"items\":[],\"page\":0,\"size\":50,\"total\":0}")));
    try (Browser browser = browser("en")) {
      browser.visit("/admin/users").signIn("acme-admin", "lanyard");
      // The list: each user's kind, a guest's window (ended, here) in UTC.
      String results = browser.text(By.id("results"));
      assertTrue(results.contains("Person"), results);
      assertTrue(
          results.contains("2026-11-02 08:00 UTC to 2026-11-06 17:00 UTC"), "window: " + results);
      assertTrue(results.contains("ended"), results);

      browser.waitFor(By.cssSelector("#guest summary")).click();
      browser.waitFor(By.id("guest-username")).sendKeys("vera");
      browser.waitFor(By.id("guest-display-name")).sendKeys("Vera Visitor");
      browser.waitFor(By.id("guest-email")).sendKeys("vera@partner.example");
      assertTrue(browser.text(By.cssSelector("label[for=guest-valid-from]")).contains("UTC"));
      pick(browser, By.id("guest-valid-from"), "2026-12-10T09:00");
      pick(browser, By.id("guest-valid-until"), "2026-12-09T17:00");
      browser.button("Add guest").click();
      browser.waitForText(By.id("guest-valid-until-error"), "must be after validFrom");
      assertEquals(
          "vera@partner.example", browser.waitFor(By.id("guest-email")).getAttribute("value"));
      assertEquals(
          "2026-12-09T17:00", browser.waitFor(By.id("guest-valid-until")).getAttribute("value"));
      browser.screenshots("admin-users-guest-refused");

      pick(browser, By.id("guest-valid-from"), "2027-12-10T09:00");
      pick(browser, By.id("guest-valid-until"), "2027-12-12T17:00");
      browser.button("Add guest").click();
      browser.waitForPath("/admin/users/" + VERA);
      services.verify(
          postRequestedFor(urlEqualTo("/admin/v1/users"))
              .withRequestBody(
                  equalToJson(
                      "{\"username\":\"vera\",\"displayName\":\"Vera Visitor\","
                          + "\"email\":\"vera@partner.example\",\"kind\":\"guest\","
                          + "\"validFrom\":\"2027-12-10T09:00:00Z\","
                          + "\"validUntil\":\"2027-12-12T17:00:00Z\"}")));
      assertEquals("Vera Visitor", browser.text(By.tagName("h1")));
      browser.waitForText(By.id("window"), "2027-12-10 09:00 UTC to 2027-12-12 17:00 UTC");
      browser.waitForText(By.id("code-expiry"), "Expires 2027-12-12 17:00 UTC");
      browser.screenshots("admin-guest");
      assertEquals(List.of(), browser.consoleErrors());
    }
  }

  @Test
  void theKindFilterAsksForGuestsOnly() {
    try (Browser browser = browser("de")) {
      browser.visit("/admin/users").signIn("acme-admin", "lanyard");
      new Select(browser.waitFor(By.id("kind"))).selectByValue("guest");
      browser.button("Suchen").click();
      browser.waitForText(By.id("results"), "Gast");
      services.verify(
          getRequestedFor(urlPathEqualTo("/admin/v1/users"))
              .withQueryParam("kind", equalTo("guest")));
      assertTrue(browser.text(By.id("results")).contains("abgelaufen"));
      browser.screenshots("admin-users-guests-de");
      assertEquals(List.of(), browser.consoleErrors());
    }
  }

  private static String vera() {
    return "{\"id\":\""
        + VERA
        + "\",\"username\":\"vera\",\"displayName\":\"Vera Visitor\","
        + "\"email\":\"vera@partner.example\",\"status\":\"active\",\"origin\":\"manual\","
        + "\"kind\":\"guest\",\"validFrom\":\"2027-12-10T09:00:00Z\","
        + "\"validUntil\":\"2027-12-12T17:00:00Z\"}";
  }
}
