package io.lanyard.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.lanyard.browser.Browser;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The tenant's settings (email, guests) and credential policy (codes, cards, rotation), edited in a
 * real browser: saved as typed (every email's subject, the rotation emails' too, in the PUT), a
 * refusal shown next to its field, the card conversion chain previewed before it is saved, and
 * directory-managed codes shown as never rotated.
 */
@QuarkusTest
class AdminSettingsAndPolicyTest extends ConsoleTest {

  private static final String SETTINGS = "/admin/v1/notifications/settings";
  private static final String POLICY = "/admin/v1/credential-policy";
  private static final String TENANT_SETTINGS = "/admin/v1/tenant-settings";

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
                        + "\"reminder\":\"Your printing access code\","
                        + "\"rotation_notice\":\"Your printing access code will be replaced soon\","
                        + "\"code_rotated\":\"Your printing access code was renewed\"}}")));
    services.stubFor(
        get(urlEqualTo(POLICY))
            .willReturn(
                okJson(
                    "{\"codeLength\":6,\"codeAlphabet\":\"alphanumeric\",\"maxCards\":3,"
                        + "\"cardConversion\":[{\"step\":\"trim\"}],"
                        + "\"maxCodeAgeDays\":null,\"rotationNoticeDays\":7,"
                        + "\"rotates\":[\"generated\",\"admin\"]}")));
    services.stubFor(
        get(urlEqualTo(TENANT_SETTINGS)).willReturn(okJson("{\"guestRetentionDays\":30}")));
  }

  @Test
  void anAdminSetsHowLongEndedGuestsAreKept() {
    services.stubFor(
        put(urlEqualTo(TENANT_SETTINGS))
            .withRequestBody(equalToJson("{\"guestRetentionDays\":0}"))
            .willReturn(
                problem(400, "invalid_field", "guestRetentionDays: must be between 1 and 3650")));
    services.stubFor(
        put(urlEqualTo(TENANT_SETTINGS))
            .withRequestBody(equalToJson("{\"guestRetentionDays\":14}"))
            .willReturn(okJson("{\"guestRetentionDays\":14}")));
    try (Browser browser = browser("en")) {
      browser.visit("/admin/settings").signIn("acme-admin", "lanyard");
      WebElement days = browser.waitFor(By.id("guest-retention-days"));
      assertEquals("30", days.getAttribute("value"));
      days.clear();
      days.sendKeys("0");
      browser.waitFor(By.cssSelector("#guest-settings button[type=submit]")).click();
      browser.waitForText(By.id("guest-retention-error"), "between 1 and 3650");

      days = browser.waitFor(By.id("guest-retention-days"));
      days.clear();
      days.sendKeys("14");
      browser.waitFor(By.cssSelector("#guest-settings button[type=submit]")).click();
      browser.waitForText(By.id("guests-notice"), "The settings are saved");
      assertEquals("14", browser.waitFor(By.id("guest-retention-days")).getAttribute("value"));
      services.verify(
          putRequestedFor(urlEqualTo(TENANT_SETTINGS))
              .withRequestBody(equalToJson("{\"guestRetentionDays\":14}")));
      browser.screenshots("admin-settings-guests");
      assertEquals(List.of(), browser.consoleErrors());
    }
  }

  @Test
  void anAdminTurnsRotationOnAndOffAndSeesDirectoryCodesAreNeverRotated() {
    services.stubFor(
        put(urlEqualTo(POLICY))
            .withRequestBody(equalToJson("{\"maxCodeAgeDays\":90}", true, true))
            .willReturn(
                okJson(
                    "{\"codeLength\":6,\"codeAlphabet\":\"alphanumeric\",\"maxCards\":3,"
                        + "\"cardConversion\":[{\"step\":\"trim\"}],\"maxCodeAgeDays\":90,"
                        + "\"rotationNoticeDays\":14,\"rotates\":[\"generated\",\"admin\"]}")));
    services.stubFor(
        put(urlEqualTo(POLICY))
            .withRequestBody(equalToJson("{\"maxCodeAgeDays\":null}", true, true))
            .willReturn(
                okJson(
                    "{\"codeLength\":6,\"codeAlphabet\":\"alphanumeric\",\"maxCards\":3,"
                        + "\"cardConversion\":[{\"step\":\"trim\"}],\"maxCodeAgeDays\":null,"
                        + "\"rotationNoticeDays\":14,\"rotates\":[\"generated\",\"admin\"]}")));
    try (Browser browser = browser("en")) {
      browser.visit("/admin/policy").signIn("acme-admin", "lanyard");
      browser.waitForText(By.id("rotation-exempt"), "never rotated by Lanyard");
      assertTrue(browser.text(By.id("rotates")).contains("codes generated by Lanyard"));
      assertFalse(browser.waitFor(By.id("rotate")).isSelected());

      browser.waitFor(By.id("rotate")).click();
      WebElement age = browser.waitFor(By.id("max-code-age-days"));
      age.clear();
      age.sendKeys("90");
      WebElement notice = browser.waitFor(By.id("rotation-notice-days"));
      notice.clear();
      notice.sendKeys("14");
      browser.button("Save").click();
      browser.waitForText(By.id("notice"), "The policy is saved");
      assertTrue(browser.waitFor(By.id("rotate")).isSelected());
      assertEquals("90", browser.waitFor(By.id("max-code-age-days")).getAttribute("value"));
      browser.waitForText(By.id("rotation-exempt"), "Microsoft Entra ID");
      services.verify(
          putRequestedFor(urlEqualTo(POLICY))
              .withRequestBody(
                  equalToJson(
                      "{\"codeLength\":6,\"maxCodeAgeDays\":90,\"rotationNoticeDays\":14}",
                      true,
                      true)));
      // "rotates" is the service's to say: the console never sends it.
      services
          .findAll(putRequestedFor(urlEqualTo(POLICY)))
          .forEach(
              put -> assertFalse(put.getBodyAsString().contains("rotates"), put.getBodyAsString()));
      browser.screenshots("admin-policy-rotation");

      browser.waitFor(By.id("rotate")).click();
      browser.button("Save").click();
      browser.waitForText(By.id("notice"), "The policy is saved");
      assertFalse(browser.waitFor(By.id("rotate")).isSelected());
      services.verify(
          putRequestedFor(urlEqualTo(POLICY))
              .withRequestBody(equalToJson("{\"maxCodeAgeDays\":null}", true, true)));
      assertEquals(List.of(), browser.consoleErrors());
    }
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
      scrollTo(browser, By.tagName("h1"));
      browser.screenshots("admin-settings");
      assertEquals(List.of(), browser.consoleErrors());
    }
  }

  @Test
  void savingTheEmailSettingsKeepsEverySubjectTheRotationEmailsToo() throws Exception {
    services.stubFor(
        put(urlEqualTo(SETTINGS))
            .willReturn(
                okJson(
                    "{\"senderName\":\"Lanyard\",\"invitationsEnabled\":true,\"portalUrl\":null,"
                        + "\"subjects\":{}}")));
    try (Browser browser = browser("en")) {
      browser.visit("/admin/settings").signIn("acme-admin", "lanyard");
      assertEquals(
          "Warning before a rotation (the code will be replaced soon)",
          browser.text(By.cssSelector("label[for=subject-rotation_notice]")));
      assertEquals(
          "Code renewed by the rotation policy",
          browser.text(By.cssSelector("label[for=subject-code_rotated]")));
      assertEquals(
          "Your printing access code will be replaced soon",
          browser.waitFor(By.id("subject-rotation_notice")).getAttribute("value"));
      WebElement renewed = browser.waitFor(By.id("subject-code_rotated"));
      renewed.clear();
      renewed.sendKeys("Acme: your new printing code");
      scrollTo(browser, By.cssSelector("#settings fieldset"));
      browser.screenshots("admin-settings-subjects");
      browser.button("Save").click();
      browser.waitForText(By.id("notice"), "The settings are saved");

      List<LoggedRequest> sent = services.findAll(putRequestedFor(urlEqualTo(SETTINGS)));
      assertEquals(1, sent.size());
      JsonNode subjects =
          new ObjectMapper().readTree(sent.get(0).getBodyAsString()).get("subjects");
      Map<String, String> expected = new TreeMap<>();
      expected.put("invitation", "Your printing access code");
      expected.put("code_changed", "Your new printing access code");
      expected.put("code_regenerated", "Your printing access code was replaced");
      expected.put("reminder", "Your printing access code");
      expected.put("rotation_notice", "Your printing access code will be replaced soon");
      expected.put("code_rotated", "Acme: your new printing code");
      Map<String, String> put = new TreeMap<>();
      subjects
          .fields()
          .forEachRemaining(field -> put.put(field.getKey(), field.getValue().asText()));
      assertEquals(expected, put);
      assertEquals(List.of(), browser.consoleErrors());
    }
    try (Browser browser = browser("de")) {
      browser.visit("/admin/settings").signIn("acme-admin", "lanyard");
      assertEquals(
          "Warnung vor der Rotation (der Code wird bald ersetzt)",
          browser.text(By.cssSelector("label[for=subject-rotation_notice]")));
      assertEquals(
          "Code durch die Rotationsrichtlinie erneuert",
          browser.text(By.cssSelector("label[for=subject-code_rotated]")));
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
