package io.lanyard.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lanyard.browser.Browser;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The tenant's email settings and credential policy, edited in a real browser: saved as typed, a
 * refusal shown next to its field, and the card conversion chain previewed before it is saved.
 */
@QuarkusTest
class AdminSettingsAndPolicyTest extends ConsoleTest {

  private static final String SETTINGS = "/admin/v1/notifications/settings";
  private static final String POLICY = "/admin/v1/credential-policy";

  @BeforeEach
  void answers() {
    services.stubFor(
        get(urlEqualTo(SETTINGS))
            .willReturn(
                okJson(
                    "{\"senderName\":\"Lanyard\",\"invitationsEnabled\":true,\"portalUrl\":null,"
                        + "\"subjects\":{\"invitation\":\"Your printing access code\","
                        + "\"code_changed\":\"Your new printing access code\","
                        + "\"code_regenerated\":\"Your printing access code was replaced\","
                        + "\"reminder\":\"Your printing access code\"}}")));
    services.stubFor(
        get(urlEqualTo(POLICY))
            .willReturn(
                okJson(
                    "{\"codeLength\":6,\"codeAlphabet\":\"alphanumeric\",\"maxCards\":3,"
                        + "\"cardConversion\":[{\"step\":\"trim\"}]}")));
  }

  @Test
  void anAdminTurnsInvitationsOffAndIsToldWhatIsWrongWithAPortalUrl() {
    services.stubFor(
        put(urlEqualTo(SETTINGS))
            .withRequestBody(equalToJson("{\"portalUrl\":\"ftp://print\"}", true, true))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"error\":\"invalid_portal_url\",\"message\":\"portalUrl: must be an https or http URL\"}")));
    services.stubFor(
        put(urlEqualTo(SETTINGS))
            .withRequestBody(
                equalToJson(
                    "{\"senderName\":\"Acme Print\",\"invitationsEnabled\":false,\"portalUrl\":null}",
                    true,
                    true))
            .willReturn(
                okJson(
                    "{\"senderName\":\"Acme Print\",\"invitationsEnabled\":false,\"portalUrl\":null,\"subjects\":{}}")));
    try (Browser browser = browser("en")) {
      browser.visit("/admin/settings").signIn("acme-admin", "lanyard");
      browser.waitFor(By.id("portal-url")).sendKeys("ftp://print");
      browser.button("Save").click();
      browser.waitForText(By.id("portal-url-error"), "must be an https or http URL");
      assertEquals("ftp://print", browser.waitFor(By.id("portal-url")).getAttribute("value"));

      browser.waitFor(By.id("portal-url")).clear();
      WebElement sender = browser.waitFor(By.id("sender-name"));
      sender.clear();
      sender.sendKeys("Acme Print");
      browser.waitFor(By.id("invitations")).click();
      browser.button("Save").click();
      browser.waitForText(By.id("notice"), "The settings are saved");
      services.verify(
          putRequestedFor(urlEqualTo(SETTINGS))
              .withRequestBody(
                  equalToJson(
                      "{\"senderName\":\"Acme Print\",\"invitationsEnabled\":false,"
                          + "\"subjects\":{\"invitation\":\"Your printing access code\"}}",
                      true,
                      true)));
      browser.screenshots("admin-settings");
      assertEquals(List.of(), browser.consoleErrors());
    }
  }

  @Test
  void theConversionChainIsPreviewedAsTypedAndSavedAsSteps() {
    services.stubFor(
        put(urlEqualTo(POLICY))
            .withRequestBody(equalToJson("{\"codeLength\":99}", true, true))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"error\":\"invalid_code_length\",\"message\":\"codeLength: 4 to 12\"}")));
    services.stubFor(
        put(urlEqualTo(POLICY))
            .withRequestBody(equalToJson("{\"codeLength\":8}", true, true))
            .willReturn(
                okJson(
                    "{\"codeLength\":8,\"codeAlphabet\":\"digits\",\"maxCards\":3,"
                        + "\"cardConversion\":[{\"step\":\"trim\"},{\"step\":\"hex_to_decimal\"},"
                        + "{\"step\":\"pad_leading_zeros\",\"length\":10}]}")));
    try (Browser browser = browser("en")) {
      browser.visit("/admin/policy").signIn("acme-admin", "lanyard");
      WebElement chain = browser.waitFor(By.id("conversion"));
      chain.clear();
      chain.sendKeys("trim\nhex_to_decimal\npad_leading_zeros 10");
      browser.waitFor(By.id("sample")).sendKeys(" 1A2B ");
      browser.waitForText(By.id("preview"), "0000006699");
      browser.screenshots("admin-policy-preview");

      WebElement length = browser.waitFor(By.id("code-length"));
      length.clear();
      length.sendKeys("99");
      browser.button("Save").click();
      browser.waitForText(By.id("code-length-error"), "4 to 12");

      length = browser.waitFor(By.id("code-length"));
      length.clear();
      length.sendKeys("8");
      new org.openqa.selenium.support.ui.Select(browser.waitFor(By.id("code-alphabet")))
          .selectByValue("digits");
      browser.button("Save").click();
      browser.waitForText(By.id("notice"), "The policy is saved");
      services.verify(
          putRequestedFor(urlEqualTo(POLICY))
              .withRequestBody(
                  equalToJson(
                      "{\"codeLength\":8,\"codeAlphabet\":\"digits\",\"maxCards\":3,"
                          + "\"cardConversion\":[{\"step\":\"trim\"},{\"step\":\"hex_to_decimal\"},"
                          + "{\"step\":\"pad_leading_zeros\",\"length\":10}]}",
                      true,
                      true)));
      assertEquals(List.of(), browser.consoleErrors());
    }
  }
}
