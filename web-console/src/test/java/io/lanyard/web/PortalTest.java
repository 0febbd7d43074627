package io.lanyard.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.lanyard.browser.Browser;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The user portal in a real browser: signed in on the identity provider's login page, the person's
 * code masked until they ask, a lost card removed, the code sent by email, in English and German;
 * and what a visitor without a session, a person without a role, and a service that is down get.
 */
@QuarkusTest
class PortalTest extends ConsoleTest {

  private static final String ACCESS =
      "{\"accessCode\":\"7KQ2MX\",\"cards\":[{\"id\":\"5b8e8f0a-1111-4c1e-9a57-000000000001\","
          + "\"label\":\"Blue badge\",\"maskedNumber\":\"••••3456\",\"source\":\"admin\"}]}";

  /** Readiness on the management port (its paths are under /q there). */
  @TestHTTPResource(value = "/health/ready", management = true)
  URL ready;

  @BeforeEach
  void answers() {
    services.stubFor(get(urlEqualTo("/me/v1/access")).willReturn(okJson(ACCESS)));
  }

  @Test
  void aVisitWithoutASessionGoesStraightToSignInWithPkce() {
    Response answer = given().redirects().follow(false).get("/admin/users");
    assertEquals(302, answer.statusCode());
    String location = answer.header("Location");
    assertTrue(
        location.startsWith(ConsoleTestResource.oidc().issuer() + "/protocol/openid-connect/auth"),
        location);
    assertTrue(location.contains("code_challenge_method=S256"), location);
    assertTrue(location.contains("client_id=web-console"), location);
    // Health on the management port only: on the pages' port (the Ingress's catch-all) /q is not
    // there.
    given().get(ready.toString()).then().statusCode(200);
    // Metrics and the OpenAPI document there too, as on every service.
    given().get(ready.toString().replace("/health/ready", "/metrics")).then().statusCode(200);
    given().get(ready.toString().replace("/health/ready", "/openapi")).then().statusCode(200);
    given()
        .redirects()
        .follow(false)
        .get("/q/health/ready")
        .then()
        .statusCode(org.hamcrest.Matchers.not(200));
  }

  @Test
  void aUserSeesTheirCodeOnlyWhenTheyAskAndTheServiceSeesTheirOwnToken() {
    try (Browser browser = browser("en")) {
      browser.visit("/").signIn("acme-user", "lanyard");
      assertEquals("Your access code", browser.text(By.tagName("h1")));
      assertFalse(browser.driver().getPageSource().contains("7KQ2MX"), "masked until asked");
      browser.screenshots("portal-masked");

      browser.button("Show code").click();
      browser.waitForText(By.cssSelector(".code-value"), "7KQ2MX");
      browser.screenshots("portal-shown");
      browser.button("Hide code").click();
      browser.waitForText(By.cssSelector("#code button"), "Show code");
      assertFalse(browser.text(By.cssSelector(".code-value")).contains("7KQ2MX"));

      List<LoggedRequest> calls = services.findAll(getRequestedFor(urlEqualTo("/me/v1/access")));
      assertFalse(calls.isEmpty());
      for (LoggedRequest call : calls) {
        assertTrue(
            subjectOf(call.getHeader("Authorization")).contains("\"sub\":\"acme-user\""),
            "the person's own token, not the console's");
      }
      assertEquals(List.of(), browser.consoleErrors());
    }
  }

  @Test
  void aPageThatShowsTheCodeIsNeverStored() {
    try (Browser browser = browser("en")) {
      browser.visit("/").signIn("acme-user", "lanyard");
      browser.button("Show code");
      Response shown =
          given()
              .cookies(cookiesOf(browser))
              .header("HX-Request", "true")
              .get("/portal/code?show=code");
      assertEquals(200, shown.statusCode());
      assertTrue(shown.asString().contains("7KQ2MX"));
      assertEquals("no-store", shown.header("Cache-Control"));
      String policy = shown.header("Content-Security-Policy");
      assertTrue(policy.contains("script-src 'self'") && !policy.contains("unsafe"), policy);
    }
  }

  @Test
  void aLostCardIsRemovedAndTheCodeIsSentByEmail() {
    String card = "5b8e8f0a-1111-4c1e-9a57-000000000001";
    services.stubFor(
        delete(urlEqualTo("/me/v1/cards/" + card)).willReturn(aResponse().withStatus(204)));
    services.stubFor(
        post(urlEqualTo("/me/v1/access-code/email")).willReturn(aResponse().withStatus(202)));
    try (Browser browser = browser("en")) {
      browser.visit("/").signIn("acme-user", "lanyard");
      assertTrue(browser.text(By.id("cards")).contains("••••3456"));
      services.stubFor(
          get(urlEqualTo("/me/v1/access"))
              .willReturn(okJson("{\"accessCode\":\"7KQ2MX\",\"cards\":[]}")));
      browser.waitFor(By.cssSelector("#cards button")).click();
      browser.waitForText(By.id("cards"), "no longer works at the printer");
      services.verify(deleteRequestedFor(urlEqualTo("/me/v1/cards/" + card)));
      browser.screenshots("portal-card-removed");

      browser.button("Email me my code").click();
      browser.waitForText(By.id("notice"), "on its way to your email address");
      services.verify(postRequestedFor(urlEqualTo("/me/v1/access-code/email")));

      services.stubFor(
          post(urlEqualTo("/me/v1/access-code/email"))
              .willReturn(
                  aResponse()
                      .withStatus(429)
                      .withHeader("Content-Type", "application/json")
                      .withHeader("Retry-After", "120")
                      .withBody(
                          "{\"error\":\"too_many_reminders\",\"message\":\"try again in 2 minutes\"}")));
      browser.button("Email me my code").click();
      browser.waitForText(By.id("notice"), "a moment ago");
      browser.screenshots("portal-email-refused");
      assertEquals(List.of(), browser.consoleErrors());
    }
  }

  @Test
  void theBrowsersLanguageChoosesGerman() {
    try (Browser browser = browser("de")) {
      browser.visit("/").signIn("acme-user", "lanyard");
      assertEquals("Ihr Zugangscode", browser.text(By.tagName("h1")));
      browser.button("Code anzeigen").click();
      browser.waitForText(By.cssSelector(".code-value"), "7KQ2MX");
      assertEquals("de", browser.driver().findElement(By.tagName("html")).getAttribute("lang"));
      browser.screenshots("portal-de");
    }
  }

  @Test
  void aPersonWithoutTheRoleGetsTheForbiddenPageNamingIt() {
    try (Browser browser = browser("en")) {
      browser.visit("/admin/users").signIn("acme-user", "lanyard");
      assertEquals("Not for you", browser.text(By.tagName("h1")));
      assertTrue(browser.text(By.tagName("main")).contains("lanyard-admin"));
      browser.screenshots("forbidden");
      // The failed load of the page meant to answer 403 is the one error allowed.
      assertEquals(List.of(), browser.consoleErrors("403"));
    }
  }

  @Test
  void anAdminSearchesTheTenantsUsers() {
    services.stubFor(
        get(urlPathEqualTo("/admin/v1/users"))
            .willReturn(
                okJson(
                    "{\"items\":[{\"id\":\"0b6f1f5e-4d3a-4c1e-9a57-1a0c0a000009\",\"username\":\"ada\","
                        + "\"displayName\":\"Ada Lovelace\",\"email\":\"ada@acme.example\","
                        + "\"status\":\"active\",\"origin\":\"scim\"}],\"page\":0,\"size\":25,\"total\":1}")));
    try (Browser browser = browser("en")) {
      browser.visit("/admin/users").signIn("acme-admin", "lanyard");
      browser.waitFor(By.id("q")).sendKeys("ada & co");
      browser.button("Search").click();
      browser.waitForText(By.id("results"), "Ada Lovelace");
      services.verify(
          getRequestedFor(urlPathEqualTo("/admin/v1/users"))
              .withQueryParam(
                  "q", com.github.tomakehurst.wiremock.client.WireMock.equalTo("ada & co"))
              .withHeader(
                  "Authorization",
                  com.github.tomakehurst.wiremock.client.WireMock.matching("Bearer .+")));
      browser.screenshots("admin-users");
      assertEquals(List.of(), browser.consoleErrors());
    }
  }

  @Test
  void aServiceThatIsDownShowsABannerNotAStackTrace() {
    services.stubFor(
        get(urlEqualTo("/me/v1/access"))
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    try (Browser browser = browser("en")) {
      browser.visit("/").signIn("acme-user", "lanyard");
      browser.waitForText(By.id("banner"), "not answering");
      String page = browser.driver().getPageSource();
      assertFalse(page.contains("Exception") || page.contains("at io."), "no stack trace");
      browser.screenshots("service-down");
    }
  }

  @Test
  void signingOutEndsTheProvidersSessionToo() {
    try (Browser browser = browser("en")) {
      browser.visit("/").signIn("acme-user", "lanyard");
      browser.button("Show code").click();
      browser.waitForText(By.cssSelector(".code-value"), "7KQ2MX");
      int before = ConsoleTestResource.oidc().endedSessions();
      browser.driver().findElement(By.linkText("Sign out")).click();
      browser.waitForText(By.tagName("h1"), "You are signed out");
      assertEquals(before + 1, ConsoleTestResource.oidc().endedSessions());
      // Back does not bring the shown code back from the browser's cache: the page is asked for
      // again, and without a session that is the sign-in page.
      browser.driver().navigate().back();
      browser.waitFor(By.id("username"));
      assertFalse(browser.driver().getPageSource().contains("7KQ2MX"));
      browser.visit("/");
      browser.waitFor(By.id("username"));
    }
  }

  @Test
  void theSessionCookiesAreHttpOnlyAndSameSite() {
    try (Browser browser = browser("en")) {
      browser.visit("/").signIn("acme-user", "lanyard");
      browser.button("Show code");
      List<org.openqa.selenium.Cookie> ours =
          browser.driver().manage().getCookies().stream()
              .filter(c -> c.getName().startsWith("q_session") || c.getName().equals("csrf-token"))
              .toList();
      assertTrue(ours.stream().anyMatch(c -> c.getName().startsWith("q_session")), ours.toString());
      for (org.openqa.selenium.Cookie cookie : ours) {
        assertTrue(cookie.isHttpOnly(), cookie.getName() + " is HttpOnly");
        assertEquals("Lax", cookie.getSameSite(), cookie.getName() + " is SameSite=Lax");
      }
    }
  }

  @Test
  void aPersonWithOnlyAKeyboardShowsTheirCode() {
    try (Browser browser = browser("en")) {
      browser.visit("/").signIn("acme-user", "lanyard");
      browser.button("Show code");
      org.openqa.selenium.interactions.Actions keys =
          new org.openqa.selenium.interactions.Actions(browser.driver());
      String focused = "";
      for (int presses = 0; presses < 20 && !focused.equals("Show code"); presses++) {
        keys.sendKeys(org.openqa.selenium.Keys.TAB).perform();
        focused = browser.driver().switchTo().activeElement().getText().strip();
      }
      assertEquals("Show code", focused, "Tab reaches the button");
      keys.sendKeys(org.openqa.selenium.Keys.ENTER).perform();
      browser.waitForText(By.cssSelector(".code-value"), "7KQ2MX");
      // The first Tab goes to "Skip to content", which takes the keyboard past the menu.
      browser.visit("/");
      keys.sendKeys(org.openqa.selenium.Keys.TAB).perform();
      assertEquals(
          "Skip to content", browser.driver().switchTo().activeElement().getText().strip());
    }
  }

  private static java.util.Map<String, String> cookiesOf(Browser browser) {
    java.util.Map<String, String> cookies = new java.util.HashMap<>();
    browser.driver().manage().getCookies().forEach(c -> cookies.put(c.getName(), c.getValue()));
    return cookies;
  }

  private static String subjectOf(String authorization) {
    String token = authorization.substring("Bearer ".length());
    return new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
  }
}
