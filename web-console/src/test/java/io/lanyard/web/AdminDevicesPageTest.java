package io.lanyard.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanyard.browser.Browser;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * An admin registers a printer and sees its token once, refused names are shown next to the field;
 * on a locked printer's page they unlock it, rotate its token (shown once) and revoke it.
 */
@QuarkusTest
class AdminDevicesPageTest extends ConsoleTest {

  private static final String MFD = "9a0c1d2e-3f40-4a5b-8c6d-7e8f90a1b2c3";
  private static final String TOKEN = "dvt_Zm9yIHRoZSBwcmludGVyIG9ubHk";

  @BeforeEach
  void answers() {
    services.stubFor(
        get(urlPathEqualTo("/admin/v1/devices"))
            .willReturn(
                okJson(
                    "{\"items\":[{\"id\":\""
                        + MFD
                        + "\",\"name\":\"Floor 2 MFD\",\"location\":\"by the kitchen\","
                        + "\"registeredAt\":\"2026-12-01T09:00:00Z\"}],\"page\":0,\"size\":50,\"total\":1}")));
    services.stubFor(get(urlEqualTo("/admin/v1/devices/" + MFD)).willReturn(okJson(detail(true))));
  }

  @Test
  void aNewDevicesTokenIsShownOnceAndARefusalNamesTheField() {
    services.stubFor(
        post(urlEqualTo("/admin/v1/devices"))
            .withRequestBody(equalToJson("{\"name\":\"\"}", true, true))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"error\":\"invalid_name\",\"message\":\"name: is required\"}")));
    services.stubFor(
        post(urlEqualTo("/admin/v1/devices"))
            .withRequestBody(
                equalToJson("{\"name\":\"Lobby MFD\",\"location\":\"Lobby\"}", true, true))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"id\":\"" + MFD + "\",\"token\":\"" + TOKEN + "\"}")));
    try (Browser browser = browser("en")) {
      browser.visit("/admin/devices").signIn("acme-admin", "lanyard");
      assertTrue(browser.text(By.tagName("main")).contains("Floor 2 MFD"));
      // The browser's own check of "required" is side-stepped: the service's word is what counts.
      browser
          .driver()
          .executeScript("document.getElementById('device-name').removeAttribute('required')");
      browser.button("Register").click();
      browser.waitForText(By.id("device-name-error"), "name: is required");

      browser.waitFor(By.id("device-name")).sendKeys("Lobby MFD");
      browser.waitFor(By.id("device-location")).sendKeys("Lobby");
      browser.button("Register").click();
      browser.waitForText(By.id("token-value"), TOKEN);
      browser.button("Copy").click();
      browser.screenshots("admin-device-registered");
      // Once: the list shown again does not carry it.
      browser.visit("/admin/devices");
      assertFalse(browser.driver().getPageSource().contains(TOKEN));
      assertEquals(List.of(), browser.consoleErrors());
    }
  }

  @Test
  void aLockedDeviceIsUnlockedItsTokenRotatedAndItIsRevoked() {
    services.stubFor(
        post(urlEqualTo("/admin/v1/devices/" + MFD + "/unlock")).willReturn(okJson(detail(false))));
    services.stubFor(
        post(urlEqualTo("/admin/v1/devices/" + MFD + "/token"))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"token\":\"" + TOKEN + "\"}")));
    services.stubFor(
        delete(urlEqualTo("/admin/v1/devices/" + MFD)).willReturn(aResponse().withStatus(204)));
    try (Browser browser = browser("en")) {
      browser.visit("/admin/devices/" + MFD).signIn("acme-admin", "lanyard");
      assertTrue(browser.text(By.id("detail")).contains("Locked"));
      assertTrue(browser.text(By.id("detail")).contains("more than 20 wrong codes within an hour"));
      browser.screenshots("admin-device-locked");

      services.stubFor(
          get(urlEqualTo("/admin/v1/devices/" + MFD)).willReturn(okJson(detail(false))));
      browser.button("Unlock").click();
      browser.waitForText(By.id("notice"), "The device is unlocked");
      services.verify(postRequestedFor(urlEqualTo("/admin/v1/devices/" + MFD + "/unlock")));

      browser.button("Rotate token").click();
      browser.waitForText(By.id("token-value"), TOKEN);

      browser.button("Revoke").click();
      browser.waitForPath("/admin/devices");
      browser.waitForText(By.tagName("h1"), "Devices");
      services.verify(deleteRequestedFor(urlEqualTo("/admin/v1/devices/" + MFD)));
      assertEquals(List.of(), browser.consoleErrors());
    }
  }

  private static String detail(boolean locked) {
    return "{\"id\":\""
        + MFD
        + "\",\"name\":\"Floor 2 MFD\",\"location\":\"by the kitchen\","
        + "\"registeredAt\":\"2026-12-01T09:00:00Z\",\"lock\":{\"locked\":"
        + locked
        + ",\"lockedUntil\":"
        + (locked ? "\"2026-12-03T10:15:00Z\"" : "null")
        + ",\"lockReason\":"
        + (locked ? "\"hourly_failure_budget\"" : "null")
        + ",\"locksInARow\":1,\"failuresInWindow\":0,\"failuresInLastHour\":21},"
        + "\"recentFailures\":[{\"at\":\"2026-12-03T10:00:00Z\",\"kind\":\"code\"}]}";
  }
}
