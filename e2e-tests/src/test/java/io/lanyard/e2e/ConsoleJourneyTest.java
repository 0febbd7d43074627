package io.lanyard.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lanyard.browser.Browser;
import io.lanyard.systemtest.harness.Api;
import io.lanyard.systemtest.harness.ConsoleSystem;
import io.lanyard.systemtest.harness.Device;
import io.lanyard.systemtest.harness.FakeGoogleDirectory;
import io.lanyard.systemtest.harness.Keycloak;
import io.lanyard.systemtest.harness.LanyardSystem;
import io.lanyard.systemtest.harness.Mailbox;
import io.lanyard.systemtest.harness.Service;
import io.lanyard.systemtest.harness.Tenant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * The console as people use it, in a real browser, against everything as it ships: the packaged web
 * console and five services, a real Keycloak whose own login page people sign in on, the real
 * broker, PostgreSQL and an SMTP server. An admin finds a user, shows their code, gives them a new
 * one by email, removes a lost card and registers a printer; the user then finds that code on the
 * portal, removes their own card and has the code emailed; the admin pages refuse them; signing out
 * ends the Keycloak session. Every effect is checked where it lands: the email, the printer.
 */
@ExtendWith(Summary.class)
// First of the module's classes (the pom's class order): its own system is gone before the shared
// one starts.
@Order(1)
class ConsoleJourneyTest {

  private static final Duration MAIL = Duration.ofSeconds(30);
  private static final String USER = "user@acme.example";
  private static final String LOST_CARD = "0004123456";
  private static final String SPARE_CARD = "0007654321";
  private static final By HISTORY = By.cssSelector("section[aria-labelledby='history-heading']");
  private static final By ADMIN_CARDS = By.cssSelector("section[aria-labelledby='cards-heading']");

  private static ConsoleSystem system;

  @BeforeAll
  static void start() {
    system = ConsoleSystem.start();
  }

  @AfterAll
  static void stop() {
    if (system != null) {
      system.close();
    }
  }

  @Test
  void anAdminAndThenTheUserThroughTheConsole() {
    LanyardSystem services = system.services();
    Tenant acme = services.createTenant("acme");
    Device printer = acme.registerDevice("Reception MFD");
    String userId =
        acme.admin(
                Service.IDENTITY,
                "POST",
                "/admin/v1/users",
                "{\"username\":\"acme-user\",\"displayName\":\"Acme User\",\"email\":\""
                    + USER
                    + "\"}")
            .expect(201)
            .json()
            .get("id")
            .asText();
    String firstCode = codeOf(services.mailbox().await(USER, 1, MAIL).get(0));
    addCard(acme, userId, LOST_CARD, "Lost badge");
    addCard(acme, userId, SPARE_CARD, "Spare badge");
    assertEquals(200, printer.awaitCodeLogin(firstCode, 200).status(), "the invitation's code");
    assertEquals(200, printer.awaitCardLogin(LOST_CARD, 200).status(), "the lost card, still");
    assertEquals(200, printer.awaitCardLogin(SPARE_CARD, 200).status(), "the spare card");
    Summary.step("console: tenant acme, acme-user invited with a code, two cards working");

    try (Browser browser = Browser.open(system.console(""), "en")) {
      signInOnKeycloak(browser, "/admin/users", "acme-admin");
      String newCode =
          anAdminGivesTheUserANewCodeAndRemovesACard(browser, printer, userId, firstCode);
      anAdminRegistersAPrinter(browser, newCode);
      anAdminConnectsGoogleWorkspace(browser, printer);
      anAdminIssuesAnEntraSecretToken(browser);
      signOut(browser);

      signInOnKeycloak(browser, "/", "acme-user");
      theUserFindsTheirCodeRemovesACardAndHasItEmailed(browser, printer, newCode);
      theUserIsRefusedTheAdminPages(browser);
      signOut(browser);

      signInOnKeycloak(browser, "/", "operator");
      anOperatorListsTheTenants(browser);
      signOutEndsTheKeycloakSession(browser);
    }
  }

  /**
   * The directory page against a fake Google Directory API: the key file uploaded, "Save and sync",
   * the run succeeds and the directory's user logs in at the printer with her code.
   */
  private static void anAdminConnectsGoogleWorkspace(Browser browser, Device printer) {
    try (FakeGoogleDirectory google = FakeGoogleDirectory.start(0)) {
      google.put(
          new FakeGoogleDirectory.GoogleUser(
              "g-grace", "grace@acme.example", "Grace Hopper", "/Staff", false, "GR4C3H", null));
      Path key = Files.createTempFile("service-account", ".json");
      Files.writeString(key, google.serviceAccountKey());
      browser.waitFor(By.linkText("Directory")).click();
      browser.waitForText(By.tagName("h1"), "Directory");
      browser.waitFor(By.id("customer-id")).sendKeys("C0acme");
      browser.waitFor(By.id("domain")).sendKeys("acme.example");
      browser.waitFor(By.id("admin-subject")).sendKeys("admin@acme.example");
      browser.waitFor(By.id("service-account-key")).sendKeys(key.toString());
      browser.waitFor(By.id("api-root-url")).sendKeys(google.rootUrl());
      browser.button("Save and sync").click();
      browser.waitForText(By.id("notice"), "a sync has started");
      assertTrue(
          browser.text(By.id("key-stored")).contains("lanyard-sync@lanyard-fake"),
          "the key's account, never the key");
      // The run ends on its own; the page shows it when asked again.
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                browser.visit("/admin/directory");
                return browser.text(By.id("content")).contains("Succeeded");
              });
      browser.screenshots("journey-admin-directory");
      assertEquals(200, printer.awaitCodeLogin("GR4C3H", 200).status(), "Google's code");
      assertEquals(List.of(), browser.consoleErrors());
      Summary.step(
          "console: Google Workspace connected with an uploaded key, synced; its user logs in");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Entra ID's settings, shown once: the token answers SCIM at the tenant's URL. */
  private static void anAdminIssuesAnEntraSecretToken(Browser browser) {
    browser.button("Generate secret token").click();
    browser.waitFor(By.id("scim-secret-token"));
    String token = browser.text(By.id("scim-secret-token"));
    assertTrue(browser.text(By.id("scim-tenant-url")).endsWith("/scim/v2/tenants/acme"));
    Api.send(
            "GET",
            system
                .services()
                .service(Service.DIRECTORY_SYNC)
                .url("/scim/v2/tenants/acme/Users?startIndex=1&count=1"),
            token,
            null,
            null)
        .expect(200);
    browser.visit("/admin/directory");
    assertFalse(browser.driver().getPageSource().contains(token), "shown once");
    assertEquals(List.of(), browser.consoleErrors());
    Summary.step("console: an Entra ID secret token, shown once, answers SCIM");
  }

  /** An operator has no code: signing in, they land on the tenants. */
  private static void anOperatorListsTheTenants(Browser browser) {
    browser.waitForText(By.tagName("h1"), "Tenants");
    assertTrue(browser.currentUrl().endsWith("/ops/tenants"), browser.currentUrl());
    assertTrue(browser.text(By.tagName("main")).contains("acme"));
    browser.screenshots("journey-operator-tenants");
    assertEquals(List.of(), browser.consoleErrors());
    Summary.step("console: the operator lands on the tenants and finds acme");
  }

  /** A page without a session sends the browser to Keycloak's own login page. */
  private static void signInOnKeycloak(Browser browser, String path, String username) {
    browser.visit(path);
    browser.waitFor(By.id("kc-login"));
    String login = browser.currentUrl();
    assertTrue(login.startsWith(system.keycloak().url() + "/protocol/openid-connect/auth"), login);
    assertTrue(login.contains("code_challenge_method=S256"), "PKCE: " + login);
    browser.screenshots("journey-keycloak-login-" + username);
    browser.signIn(username, Keycloak.PASSWORD);
    browser.waitFor(By.linkText("Sign out"));
    assertTrue(browser.currentUrl().startsWith(system.console(path)), browser.currentUrl());
    assertEquals(List.of(), browser.consoleErrors());
  }

  private String anAdminGivesTheUserANewCodeAndRemovesACard(
      Browser browser, Device printer, String userId, String firstCode) {
    Mailbox mailbox = system.services().mailbox();
    assertEquals("Users", browser.text(By.tagName("h1")));
    browser.waitFor(By.id("q")).sendKeys(USER);
    browser.button("Search").click();
    browser.waitForText(By.id("results"), "Acme User");
    browser.screenshots("journey-admin-users");
    browser.waitFor(By.linkText("Acme User")).click();
    browser.waitForText(By.tagName("h1"), "Acme User");
    assertEquals(system.console("/admin/users/" + userId), browser.currentUrl());
    assertEquals(0, occurrences(browser.text(HISTORY), "Code shown"), browser.text(HISTORY));
    assertTrue(
        browser
            .text(By.cssSelector("section[aria-labelledby='mails-heading']"))
            .toLowerCase()
            .contains("invitation"),
        "the invitation in the user's emails");

    browser.button("Show code").click();
    browser.waitForText(By.cssSelector(".code-value"), firstCode);
    browser.waitForText(HISTORY, "Code shown");
    assertEquals(1, occurrences(browser.text(HISTORY), "Code shown"), "the reveal, recorded");
    browser.screenshots("journey-admin-user-code-shown");
    Summary.step("console: acme-admin signed in on Keycloak, found the user, showed the code");

    String newCode = "7KQ2MX".equals(firstCode) ? "M4XT9P" : "7KQ2MX";
    browser.waitFor(By.id("new-code")).sendKeys(newCode);
    browser.button("Save and email").click();
    browser.waitForText(By.id("notice"), "The code is saved and emailed to the user.");
    browser.waitForText(HISTORY, "Code changed and emailed");
    assertEquals(newCode, codeOf(mailbox.await(USER, 2, MAIL).get(1)), "the email's code");
    assertEquals(401, printer.awaitCodeLogin(firstCode, 401).status(), "the old code");
    assertEquals(200, printer.awaitCodeLogin(newCode, 200).status(), "the new code");
    browser.screenshots("journey-admin-user-saved-and-emailed");
    Summary.step("console: \"Save and email\": the email has the new code, the old one stopped");
    Summary.emailsChecked(2);
    theChangeIsOneTraceFromTheClickToThePrinter(newCode);

    assertTrue(browser.text(ADMIN_CARDS).contains("Lost badge"));
    browser
        .waitFor(
            By.xpath(
                "//section[@aria-labelledby='cards-heading']"
                    + "//li[contains(., 'Lost badge')]//button[normalize-space(.)='Remove']"))
        .click();
    browser.waitForText(By.id("notice"), "The card is removed");
    assertFalse(browser.text(ADMIN_CARDS).contains("Lost badge"), browser.text(ADMIN_CARDS));
    assertTrue(browser.text(ADMIN_CARDS).contains("Spare badge"), browser.text(ADMIN_CARDS));
    assertRefused(printer.awaitCardLogin(LOST_CARD, 404), "the card the admin removed");
    browser.screenshots("journey-admin-user-card-removed");
    assertEquals(List.of(), browser.consoleErrors());
    Summary.step("console: the admin removed the lost card; the printer refuses it");
    return newCode;
  }

  /**
   * "I changed the code and the printer still refuses it": the admin's click is the root of one
   * trace, through credential-service's command and its event's publication to the login model's
   * and the email's applications; no span holds the code or the user's email address, and the
   * console logs JSON lines, as in production.
   */
  private static void theChangeIsOneTraceFromTheClickToThePrinter(String newCode) {
    Set<String> wanted =
        Set.of("web-console", "credential-service", "device-gateway", "notification-service");
    JsonNode trace =
        await()
            .atMost(MAIL)
            .until(
                () -> {
                  JsonNode traces =
                      system
                          .services()
                          .zipkin()
                          .traces("web-console", "post /admin/users/{id}/code");
                  return traces.isEmpty() ? null : traces.get(0);
                },
                found -> found != null && servicesOf(found).containsAll(wanted));
    List<JsonNode> roots = new ArrayList<>();
    trace.forEach(
        span -> {
          if (!span.has("parentId")) {
            roots.add(span);
          }
        });
    assertEquals(1, roots.size(), "one root: " + roots);
    assertEquals("web-console", roots.get(0).at("/localEndpoint/serviceName").asText());
    assertEquals("SERVER", roots.get(0).path("kind").asText());
    assertTrue(
        trace.toString().contains("\"credentials append\""), "the command's append: " + trace);
    assertFalse(trace.toString().contains(newCode), "no span holds the code");
    assertFalse(trace.toString().contains(USER), "no span holds the user's email address");
    // The log of this run's start: a log is appended to across runs.
    try {
      String started =
          Files.readAllLines(system.consoleProcess().log()).stream()
              .filter(line -> line.contains("started in"))
              .reduce((earlier, later) -> later)
              .orElseThrow();
      assertTrue(started.startsWith("{\"timestamp\""), "a JSON line: " + started);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Summary.step(
        "console: the change is one trace from the admin's click ("
            + trace.size()
            + " spans) to the printer's login model and the email");
  }

  private static Set<String> servicesOf(JsonNode trace) {
    Set<String> services = new HashSet<>();
    trace.forEach(span -> services.add(span.at("/localEndpoint/serviceName").asText()));
    return services;
  }

  private void anAdminRegistersAPrinter(Browser browser, String code) {
    browser.waitFor(By.linkText("Devices")).click();
    browser.waitForText(By.tagName("h1"), "Devices");
    assertTrue(browser.text(By.tagName("main")).contains("Reception MFD"), "the tenant's printer");
    browser.waitFor(By.id("device-name")).sendKeys("Lobby MFD");
    browser.waitFor(By.id("device-location")).sendKeys("Lobby");
    browser.button("Register").click();
    browser.waitForText(By.tagName("main"), "The device is registered");
    String token = browser.text(By.id("token-value")).strip();
    assertFalse(token.isEmpty(), "the token, shown once");
    browser.button("Copy").click();
    browser.screenshots("journey-admin-device-registered");

    Api.Answer login = system.services().device(token).awaitCodeLogin(code, 200);
    assertEquals(200, login.status(), login.body());
    assertEquals("acme-user", login.json().get("username").asText());

    browser.visit("/admin/devices");
    assertTrue(browser.text(By.tagName("main")).contains("Lobby MFD"));
    assertFalse(browser.driver().getPageSource().contains(token), "shown once only");
    assertEquals(List.of(), browser.consoleErrors());
    Summary.step("console: a printer registered; its token, shown once, works at the device API");
  }

  private void theUserFindsTheirCodeRemovesACardAndHasItEmailed(
      Browser browser, Device printer, String code) {
    assertEquals("Your access code", browser.text(By.tagName("h1")));
    assertFalse(browser.driver().getPageSource().contains(code), "masked until asked");
    browser.button("Show code").click();
    browser.waitForText(By.cssSelector(".code-value"), code);
    assertEquals(code, browser.text(By.cssSelector(".code-value")), "the code from the email");
    browser.screenshots("journey-portal-code-shown");
    browser.button("Hide code").click();
    browser.waitForText(By.cssSelector("#code button"), "Show code");
    Summary.step("console: acme-user signed in on Keycloak and found the emailed code");

    assertFalse(browser.text(By.id("cards")).contains("Lost badge"), "removed by the admin");
    browser
        .waitFor(
            By.xpath(
                "//div[@id='cards']//li[contains(., 'Spare badge')]"
                    + "//button[normalize-space(.)='Remove']"))
        .click();
    browser.waitForText(By.id("cards"), "no longer works at the printer");
    assertFalse(browser.text(By.id("cards")).contains("Spare badge"), browser.text(By.id("cards")));
    assertRefused(printer.awaitCardLogin(SPARE_CARD, 404), "the card they removed");
    browser.screenshots("journey-portal-card-removed");
    Summary.step("console: acme-user removed their card; the printer refuses it");

    browser.button("Email me my code").click();
    browser.waitForText(By.id("notice"), "on its way to your email address");
    Mailbox mailbox = system.services().mailbox();
    assertEquals(code, codeOf(mailbox.await(USER, 3, MAIL).get(2)), "the emailed code");
    assertEquals(List.of(), browser.consoleErrors());
    Summary.step("console: \"Email me my code\" sent acme-user their code");
    Summary.emailsChecked(1);
  }

  private static void theUserIsRefusedTheAdminPages(Browser browser) {
    browser.visit("/admin/users");
    assertEquals("Not for you", browser.text(By.tagName("h1")));
    assertTrue(browser.text(By.tagName("main")).contains("lanyard-admin"));
    assertFalse(browser.driver().getPageSource().contains("Acme User"), "no user list");
    browser.screenshots("journey-forbidden");
    // The failed load of the page meant to answer 403 is the one error allowed.
    assertEquals(
        List.of(),
        browser.consoleErrors(
            "/admin/users - Failed to load resource: the server responded with a status of 403"));
    Summary.step("console: /admin/users answers acme-user 403, naming lanyard-admin");
  }

  private static void signOutEndsTheKeycloakSession(Browser browser) {
    signOut(browser);
    browser.screenshots("journey-signed-out");
    // Were Keycloak's session alive, it would send the browser straight back, signed in.
    browser.visit("/");
    browser.waitFor(By.id("kc-login"));
    assertTrue(browser.currentUrl().startsWith(system.keycloak().url()), browser.currentUrl());
    assertEquals(List.of(), browser.consoleErrors());
    Summary.step("console: signing out ended the Keycloak session (its login page again)");
  }

  private static void signOut(Browser browser) {
    browser.waitFor(By.linkText("Sign out")).click();
    browser.waitForText(By.tagName("h1"), "You are signed out");
  }

  /** Cards the admin API adds; credential-service learns of the user from identity's topic. */
  private static void addCard(Tenant tenant, String userId, String number, String label) {
    Tenant.retryWhile(
            () ->
                tenant.admin(
                    Service.CREDENTIAL,
                    "POST",
                    "/admin/v1/credentials/" + userId + "/cards",
                    "{\"cardNumber\":\"" + number + "\",\"label\":\"" + label + "\"}"),
            answer -> answer.status() == 404 || answer.body().contains("unknown_tenant"),
            Duration.ofSeconds(30))
        .expect(201);
  }

  /** What a printer hears for a card no user holds any more. */
  private static void assertRefused(Api.Answer cardLogin, String which) {
    assertEquals(404, cardLogin.status(), which + ": " + cardLogin.body());
    assertEquals("card_not_registered", cardLogin.json().get("error").asText(), which);
  }

  private static String codeOf(Mailbox.Mail mail) {
    return mail.code().orElseThrow(() -> new AssertionError("no code in " + mail));
  }

  private static int occurrences(String text, String what) {
    int count = 0;
    for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + what.length())) {
      count++;
    }
    return count;
  }
}
