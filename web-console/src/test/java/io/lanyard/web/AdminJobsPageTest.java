package io.lanyard.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.lanyard.browser.Browser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The jobs page, in a real browser: a code regeneration started and followed as it moves (the fake
 * answers change between the page's own polls), then cancelled from the list (a 303 back to it, a
 * reload posting nothing) and from its own page (in place, or back where a plain form came from);
 * an import's own page, its lines and reasons, paged; the page in German and at 375 px; a CSV
 * uploaded (what reaches identity-service checked byte for byte), refused, and a file over 10 MiB
 * refused before it is sent; the export downloaded as it streams, with full card numbers only when
 * confirmed; and the 403 page for a person who is not an admin.
 */
@QuarkusTest
class AdminJobsPageTest extends ConsoleTest {

  private static final String JOBS = "/admin/v1/credential-jobs";
  private static final String IMPORTS = "/admin/v1/user-imports";
  private static final String EXPORT = "/admin/v1/credentials/export";
  private static final String JOB = "9a0c2b1e-7d4f-4e21-8c3b-5f6a7b000001";
  private static final String IMPORT = "7c1d2e3f-0000-4000-8000-000000000042";
  private static final String EMPTY = "{\"items\":[],\"page\":0,\"size\":20,\"total\":0}";

  @BeforeEach
  void answers() {
    services.stubFor(get(urlPathEqualTo(JOBS)).willReturn(okJson(EMPTY)));
    services.stubFor(get(urlPathEqualTo(IMPORTS)).willReturn(okJson(EMPTY)));
  }

  @Test
  void anAdminRegeneratesCodesWatchesThemMoveAndCancels() {
    services.stubFor(
        post(urlEqualTo(JOBS))
            .willReturn(
                aResponse()
                    .withStatus(202)
                    .withHeader("Content-Type", "application/json")
                    .withBody(job("queued", 0, 0, null))));
    try (Browser browser = browser("en")) {
      browser.visit("/admin/jobs").signIn("acme-admin", "lanyard");
      assertTrue(browser.text(By.tagName("nav")).contains("Jobs"));
      browser.waitForText(By.id("regenerations-heading"), "Code regenerations");

      // An organisational unit chosen but not given: said next to it, nothing sent.
      browser.waitFor(By.id("selection-org-unit")).click();
      browser.button("Regenerate codes").click();
      browser.waitForText(By.id("org-unit-error"), "Give an organisational unit");
      assertTrue(services.findAll(postRequestedFor(urlEqualTo(JOBS))).isEmpty());

      // From now on the list answers as the job moves: queued, then 1 of 4, then 3 of 4.
      services.stubFor(
          get(urlPathEqualTo(JOBS))
              .inScenario("job")
              .whenScenarioStateIs(Scenario.STARTED)
              .willReturn(okJson(list(job("running", 1, 0, null))))
              .willSetStateTo("later"));
      services.stubFor(
          get(urlPathEqualTo(JOBS))
              .inScenario("job")
              .whenScenarioStateIs("later")
              .willReturn(okJson(list(job("running", 3, 1, null)))));
      browser.waitFor(By.id("selection-filter")).click();
      new Select(browser.waitFor(By.id("filter-status"))).selectByValue("suspended");
      new Select(browser.waitFor(By.id("filter-origin"))).selectByValue("google");
      browser.waitFor(By.id("notify")).click();
      browser.button("Regenerate codes").click();
      browser.waitForText(By.id("notice"), "The regeneration has started");
      services.verify(
          postRequestedFor(urlEqualTo(JOBS))
              .withRequestBody(
                  equalToJson(
                      "{\"kind\":\"regenerate_codes\",\"notify\":false,"
                          + "\"filter\":{\"status\":\"suspended\",\"origin\":\"google\"}}")));
      browser.waitForText(By.id("regenerations"), "1 of 4");
      // The page asks for news by itself, and the bar moves.
      browser.waitForText(By.id("regenerations"), "3 of 4");
      assertTrue(browser.text(By.id("regenerations")).contains("1 refused"));
      assertEquals(
          "75", browser.waitFor(By.cssSelector("#regenerations progress")).getAttribute("value"));
      // Without the table's header (375 px), a bare "No" would not say what it answers.
      By emailed = By.cssSelector("#regenerations tbody td:nth-child(4)");
      awaitText(browser, emailed, "No");
      browser.driver().manage().window().setSize(new Dimension(375, 900));
      awaitText(browser, emailed, "Users emailed: No");
      browser.driver().manage().window().setSize(new Dimension(1280, 900));
      scrollTo(browser, By.tagName("h1"));
      browser.screenshots("admin-jobs-running");

      // Cancel: back to the list (a 303), which says so.
      services.stubFor(
          delete(urlEqualTo(JOBS + "/" + JOB)).willReturn(okJson(job("cancelled", 3, 1, null))));
      services.stubFor(
          get(urlPathEqualTo(JOBS)).willReturn(okJson(list(job("cancelled", 3, 1, null)))));
      services.stubFor(
          get(urlPathEqualTo(JOBS + "/" + JOB))
              .withQueryParam("page", equalTo("0"))
              .willReturn(okJson(job("cancelled", 3, 1, results()))));
      browser.button("Cancel").click();
      browser.waitForText(By.id("notice"), "The job is cancelled");
      browser.waitForPath("/admin/jobs");
      assertTrue(browser.currentUrl().endsWith("/admin/jobs?cancel=done"), browser.currentUrl());
      browser.waitForText(By.id("regenerations"), "Cancelled");
      services.verify(1, deleteRequestedFor(urlEqualTo(JOBS + "/" + JOB)));

      // A reload reads the list again; it does not post the cancel again.
      browser.driver().navigate().refresh();
      browser.waitForText(By.id("notice"), "The job is cancelled");
      services.verify(1, deleteRequestedFor(urlEqualTo(JOBS + "/" + JOB)));
      assertTrue(browser.driver().findElements(By.cssSelector("#regenerations form")).isEmpty());
      scrollTo(browser, By.tagName("h1"));
      browser.screenshots("admin-jobs-cancelled");

      // The job's page, with what was done.
      browser.waitFor(By.cssSelector("#regenerations a")).click();
      browser.waitForPath("/admin/jobs/regenerations/" + JOB);
      assertEquals("Cancelled", browser.text(By.id("job-status")));
      String results = browser.text(By.id("results"));
      assertTrue(results.contains("The code is the directory's: not replaced"), results);
      assertTrue(results.contains("New code"), results);
      browser.screenshots("admin-job-cancelled");
      assertEquals(List.of(), browser.consoleErrors());
    }
  }

  @Test
  void anAdminUploadsACsvThatReachesIdentityServiceAsItIs() throws IOException {
    String csv =
        "username,displayName,email,orgUnit\n"
            + "zoe,Zoë Ünal,zoe@acme.example,/Staff\n"
            + "bob,\"Bob, the Builder\",bob@acme.example,/Staff/Site\n";
    Path file = Files.createTempFile("users", ".csv");
    Files.writeString(file, csv, StandardCharsets.UTF_8);
    Path tooLarge = Files.createTempFile("too-large", ".csv");
    try (RandomAccessFile sparse = new RandomAccessFile(tooLarge.toFile(), "rw")) {
      sparse.setLength(10L * 1024 * 1024 + 1);
    }
    services.stubFor(
        post(urlPathEqualTo(IMPORTS))
            .withQueryParam("mode", equalTo("per_line"))
            .willReturn(
                aResponse()
                    .withStatus(202)
                    .withHeader("Content-Type", "application/json")
                    .withBody(importJob("queued", 0, 2))));
    services.stubFor(
        post(urlPathEqualTo(IMPORTS))
            .withQueryParam("mode", equalTo("all_or_nothing"))
            .willReturn(problem(400, "invalid_csv", "line 1: unknown column \\\"phone\\\"")));
    try (Browser browser = browser("en")) {
      browser.visit("/admin/jobs").signIn("acme-admin", "lanyard");
      services.stubFor(
          get(urlPathEqualTo(IMPORTS)).willReturn(okJson(list(importJob("running", 1, 2)))));
      browser.waitFor(By.id("csv")).sendKeys(file.toString());
      browser.waitFor(By.id("mode-per-line")).click();
      browser.button("Import").click();
      browser.waitForText(By.id("notice"), "The import has started");
      browser.waitForText(By.id("imports"), "1 of 2");
      List<com.github.tomakehurst.wiremock.verification.LoggedRequest> sent =
          services.findAll(postRequestedFor(urlPathEqualTo(IMPORTS)));
      assertEquals(1, sent.size());
      assertTrue(
          sent.get(0).getHeader("Content-Type").startsWith("text/csv"),
          sent.get(0).getHeader("Content-Type"));
      assertEquals(csv, new String(sent.get(0).getBody(), StandardCharsets.UTF_8));
      assertTrue(sent.get(0).getHeader("Authorization").startsWith("Bearer "));

      // A CSV identity-service refuses: its sentence next to the file.
      browser.waitFor(By.id("mode-all-or-nothing")).click();
      browser.waitFor(By.id("csv")).sendKeys(file.toString());
      browser.button("Import").click();
      browser.waitForText(By.id("csv-error"), "unknown column");
      scrollTo(browser, By.id("import-heading"));
      browser.screenshots("admin-jobs-import-refused");

      // Over 10 MiB: refused in the browser before anything is sent.
      browser.waitFor(By.id("csv")).sendKeys(tooLarge.toString());
      browser.waitForText(By.id("csv-error"), "larger than 10 MiB");
      browser.button("Import").click();
      assertEquals(2, services.findAll(postRequestedFor(urlPathEqualTo(IMPORTS))).size());

      // And by the console, for a client that sends it anyway.
      String token =
          browser
              .driver()
              .findElement(By.cssSelector("#csv"))
              .findElement(By.xpath("ancestor::form//input[@type='hidden']"))
              .getAttribute("value");
      String page =
          given()
              .cookies(cookies(browser))
              .multiPart("csrf-token", token)
              .multiPart("mode", "per_line")
              .multiPart("csv", tooLarge.toFile(), "text/csv")
              .post("/admin/jobs/imports")
              .then()
              .statusCode(200)
              .extract()
              .asString();
      assertTrue(page.contains("larger than 10 MiB"), page);
      assertEquals(2, services.findAll(postRequestedFor(urlPathEqualTo(IMPORTS))).size());
      assertEquals(List.of(), browser.consoleErrors());
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(tooLarge);
    }
  }

  @Test
  void theExportStreamsThroughTheConsoleWithFullCardNumbersOnlyWhenConfirmed() throws IOException {
    StringBuilder csv =
        new StringBuilder(
            "username,displayName,email,status,origin,codeSource,codeExpiresAt,cards\n");
    for (int i = 0; i < 3000; i++) {
      csv.append("user")
          .append(i)
          .append(",User ")
          .append(i)
          .append(",user")
          .append(i)
          .append("@acme.example,active,manual,generated,,••••")
          .append(1000 + i)
          .append('\n');
    }
    String masked = csv.toString();
    String full =
        "username,displayName,email,status,origin,codeSource,codeExpiresAt,cards\n"
            + "ada,Ada Lovelace,ada@acme.example,active,scim,directory,,0004123456\n";
    services.stubFor(
        get(urlEqualTo(EXPORT))
            .withHeader("Accept", equalTo("text/csv"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/csv; charset=utf-8")
                    .withHeader(
                        "Content-Disposition", "attachment; filename=\"credentials-acme.csv\"")
                    .withHeader("Cache-Control", "no-store")
                    .withBody(masked)));
    services.stubFor(
        get(urlEqualTo(EXPORT + "?cardNumbers=full"))
            .withHeader("Accept", equalTo("text/csv"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/csv; charset=utf-8")
                    .withHeader(
                        "Content-Disposition", "attachment; filename=\"credentials-acme.csv\"")
                    .withBody(full)));
    Path downloads = Files.createTempDirectory("downloads");
    try (Browser browser = browser("en")) {
      browser.visit("/admin/jobs").signIn("acme-admin", "lanyard");
      Map<String, Object> behaviour = new HashMap<>();
      behaviour.put("behavior", "allow");
      behaviour.put("downloadPath", downloads.toString());
      browser.driver().executeCdpCommand("Browser.setDownloadBehavior", behaviour);

      // As a person downloads it: the link.
      browser.waitFor(By.id("export-masked")).click();
      Path saved = downloads.resolve("credentials-acme.csv");
      awaitFile(browser, saved, masked.getBytes(StandardCharsets.UTF_8).length);
      assertEquals(masked, Files.readString(saved, StandardCharsets.UTF_8));

      // What the console answers: the service's file name, not kept, streamed (no length known).
      Response answer = given().cookies(cookies(browser)).get("/admin/credentials-export");
      assertEquals(200, answer.statusCode());
      assertEquals("text/csv;charset=utf-8", answer.contentType().replace(" ", "").toLowerCase());
      assertEquals(
          "attachment; filename=\"credentials-acme.csv\"", answer.header("Content-Disposition"));
      assertEquals("no-store", answer.header("Cache-Control"));
      assertNull(answer.header("Content-Length"));
      assertEquals("chunked", answer.header("Transfer-Encoding"));
      assertEquals(masked, answer.asString());
      services.verify(
          getRequestedFor(urlEqualTo(EXPORT)).withHeader("Authorization", matching("Bearer .+")));

      // Full card numbers: without the confirmation, nothing is asked of the service.
      String token =
          browser
              .driver()
              .findElement(By.cssSelector("form.export-full input[type=hidden]"))
              .getAttribute("value");
      Response unconfirmed =
          given()
              .cookies(cookies(browser))
              .contentType("application/x-www-form-urlencoded")
              .formParam("csrf-token", token)
              .post("/admin/credentials-export");
      assertEquals(400, unconfirmed.statusCode());
      assertTrue(unconfirmed.asString().contains("only when you confirm"));
      assertTrue(
          services.findAll(getRequestedFor(urlEqualTo(EXPORT + "?cardNumbers=full"))).isEmpty());

      Files.delete(saved);
      browser.waitFor(By.id("export-confirm")).click();
      browser.button("Download with full card numbers").click();
      awaitFile(browser, saved, full.getBytes(StandardCharsets.UTF_8).length);
      assertEquals(full, Files.readString(saved, StandardCharsets.UTF_8));
      services.verify(
          getRequestedFor(urlEqualTo(EXPORT + "?cardNumbers=full"))
              .withHeader("Authorization", matching("Bearer .+")));
      scrollTo(browser, By.id("export-heading"));
      browser.screenshots("admin-jobs-export");
      assertEquals(List.of(), browser.consoleErrors());
    } finally {
      try (var files = Files.list(downloads)) {
        for (Path left : files.toList()) {
          Files.deleteIfExists(left);
        }
      }
      Files.deleteIfExists(downloads);
    }
  }

  @Test
  void aServiceRefusingTheExportIsAPageNotAFile() {
    services.stubFor(
        get(urlEqualTo(EXPORT)).willReturn(problem(406, "not_acceptable", "Accept text/csv")));
    try (Browser browser = browser("en")) {
      browser.visit("/admin/jobs").signIn("acme-admin", "lanyard");
      // The session's cookies are read once the signed-in page is there; a redirect to the sign-in
      // page (cookies read too early) must show as itself, not as the login page's 200.
      browser.waitFor(By.id("export-heading"));
      Response answer =
          given()
              .redirects()
              .follow(false)
              .cookies(cookies(browser))
              .get("/admin/credentials-export");
      assertEquals(502, answer.statusCode(), answer.asString());
      assertTrue(answer.contentType().startsWith("text/html"));
      assertTrue(answer.asString().contains("Accept text/csv"));
    }
  }

  @Test
  void aPersonWhoIsNotAnAdminGetsTheForbiddenPage() {
    try (Browser browser = browser("en")) {
      browser.visit("/admin/jobs").signIn("acme-user", "lanyard");
      assertEquals("Not for you", browser.text(By.tagName("h1")));
      assertTrue(browser.text(By.tagName("main")).contains("lanyard-admin"));
      assertFalse(browser.text(By.tagName("body")).contains("Jobs"));
      browser.screenshots("admin-jobs-forbidden");
      Response export = given().cookies(cookies(browser)).get("/admin/credentials-export");
      assertEquals(403, export.statusCode());
      assertTrue(services.findAll(getRequestedFor(urlPathEqualTo(EXPORT))).isEmpty());
      assertTrue(services.findAll(getRequestedFor(urlPathEqualTo(JOBS))).isEmpty());
      // The failed load of the page meant to answer 403 is the one error allowed.
      assertEquals(List.of(), browser.consoleErrors("403"));
    }
  }

  @Test
  void aJobsOwnPageCancelsInPlaceAndAPlainFormIsSentBackWhereItCameFrom() {
    String path = "/admin/jobs/regenerations/" + JOB;
    services.stubFor(
        get(urlPathEqualTo(JOBS + "/" + JOB))
            .inScenario("cancel")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(okJson(job("running", 1, 0, results()))));
    services.stubFor(
        delete(urlEqualTo(JOBS + "/" + JOB))
            .inScenario("cancel")
            .willReturn(okJson(job("cancelled", 1, 0, null)))
            .willSetStateTo("cancelled"));
    services.stubFor(
        get(urlPathEqualTo(JOBS + "/" + JOB))
            .inScenario("cancel")
            .whenScenarioStateIs("cancelled")
            .willReturn(okJson(job("cancelled", 1, 0, results()))));
    try (Browser browser = browser("en")) {
      browser.visit(path).signIn("acme-admin", "lanyard");
      browser.waitForText(By.id("job-status"), "Running");
      // The form's token, read again if the polled part is swapped while it is read.
      String token =
          new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
              .ignoring(StaleElementReferenceException.class)
              .until(
                  driver ->
                      driver
                          .findElement(By.cssSelector("#detail form input[name=csrf-token]"))
                          .getAttribute("value"));

      // With scripts: the job in place, the address unchanged.
      browser.button("Cancel").click();
      browser.waitForText(By.id("notice"), "The job is cancelled");
      browser.waitForText(By.id("job-status"), "Cancelled");
      assertTrue(browser.currentUrl().endsWith(path), browser.currentUrl());
      services.verify(1, deleteRequestedFor(urlEqualTo(JOBS + "/" + JOB)));

      // Without scripts: a 303 back to the job's page (at its page of results), or to the list,
      // never anywhere else; a job that had ended is said so there.
      services.stubFor(
          delete(urlEqualTo(JOBS + "/" + JOB))
              .willReturn(problem(409, "job_finished", "the job had ended")));
      Map<String, String> cookies = cookies(browser);
      assertEquals(
          path + "?page=1&cancel=ended",
          locationPath(cancelWithoutScripts(cookies, token, path, Map.of("page", "1"))));
      assertEquals(
          "/admin/jobs?cancel=ended",
          locationPath(cancelWithoutScripts(cookies, token, path, Map.of("back", "jobs"))));
      assertEquals(
          path + "?page=0&cancel=ended",
          locationPath(
              cancelWithoutScripts(
                  cookies, token, path, Map.of("back", "https://elsewhere.example/"))));
      String landed =
          given().cookies(cookies).get(path + "?page=0&cancel=ended").then().extract().asString();
      assertTrue(landed.contains("The job had already ended"), landed);

      // Any other refusal is a page saying so, not a redirect.
      services.stubFor(
          delete(urlEqualTo(JOBS + "/" + JOB))
              .willReturn(problem(404, "job_not_found", "no such job")));
      Response missing = cancelWithoutScripts(cookies, token, path, Map.of());
      assertEquals(404, missing.statusCode());
      assertTrue(missing.asString().contains("no such job"), missing.asString());
      assertEquals(List.of(), browser.consoleErrors());
    }
  }

  @Test
  void anImportsOwnPageShowsItsLinesAndPagesThroughThem() {
    String path = "/admin/jobs/imports/" + IMPORT;
    services.stubFor(
        get(urlPathEqualTo(IMPORTS + "/" + IMPORT))
            .withQueryParam("page", equalTo("0"))
            .willReturn(
                okJson(
                    importJob(
                        "completed",
                        52,
                        52,
                        "{\"items\":["
                            + "{\"line\":2,\"userId\":\"0b6f1f5e-4d3a-4c1e-9a57-1a0c0a000021\",\"outcome\":\"created\"},"
                            + "{\"line\":3,\"outcome\":\"refused\",\"reason\":\"duplicate_username\"}"
                            + "],\"page\":0,\"size\":50,\"total\":52}"))));
    services.stubFor(
        get(urlPathEqualTo(IMPORTS + "/" + IMPORT))
            .withQueryParam("page", equalTo("1"))
            .willReturn(
                okJson(
                    importJob(
                        "completed",
                        52,
                        52,
                        "{\"items\":["
                            + "{\"line\":53,\"outcome\":\"refused\",\"reason\":\"invalid_email\"}"
                            + "],\"page\":1,\"size\":50,\"total\":52}"))));
    try (Browser browser = browser("en")) {
      browser.visit(path).signIn("acme-admin", "lanyard");
      assertEquals("User import", browser.text(By.tagName("h1")));
      assertEquals("Completed", browser.text(By.id("job-status")));
      assertTrue(browser.text(By.cssSelector(".facts")).contains("Line by line"));
      assertEquals("Line", browser.text(By.cssSelector("#results thead th:first-child")));
      List<WebElement> created = cells(browser, 1);
      assertEquals("2", created.get(0).getText());
      assertEquals(
          "/admin/users/0b6f1f5e-4d3a-4c1e-9a57-1a0c0a000021",
          created.get(1).findElement(By.tagName("a")).getDomAttribute("href"));
      assertEquals("Created", created.get(2).getText());
      List<WebElement> refused = cells(browser, 2);
      assertEquals("3", refused.get(0).getText());
      assertEquals("", refused.get(1).getText());
      assertEquals("Refused", refused.get(2).getText());
      assertEquals("duplicate_username", refused.get(3).getText());
      assertTrue(browser.driver().findElements(By.linkText("Previous")).isEmpty());
      services.verify(getRequestedFor(urlEqualTo(IMPORTS + "/" + IMPORT + "?page=0&size=50")));
      // At 375 px, without the header, the bare numbers and codes say what they are.
      browser.driver().manage().window().setSize(new Dimension(375, 900));
      assertEquals("Line: 3", cells(browser, 2).get(0).getText());
      assertEquals("Reason: duplicate_username", cells(browser, 2).get(3).getText());
      browser.driver().manage().window().setSize(new Dimension(1280, 900));
      scrollTo(browser, By.id("results-heading"));
      browser.screenshots("admin-job-import-results");

      // The second page of 50: asked of identity-service as page=1&size=50.
      browser.waitFor(By.linkText("Next")).click();
      browser.waitForText(By.id("results"), "invalid_email");
      assertTrue(browser.currentUrl().endsWith(path + "?page=1"), browser.currentUrl());
      services.verify(getRequestedFor(urlEqualTo(IMPORTS + "/" + IMPORT + "?page=1&size=50")));
      assertEquals("53", cells(browser, 1).get(0).getText());
      assertTrue(browser.driver().findElements(By.linkText("Next")).isEmpty());
      browser.waitFor(By.linkText("Previous"));
      assertEquals(List.of(), browser.consoleErrors());
    }
  }

  @Test
  void theJobsPageSpeaksGerman() {
    services.stubFor(
        get(urlPathEqualTo(JOBS)).willReturn(okJson(list(job("running", 1, 0, null)))));
    services.stubFor(
        get(urlPathEqualTo(IMPORTS)).willReturn(okJson(list(importJob("completed", 2, 2)))));
    try (Browser browser = browser("de")) {
      browser.visit("/admin/jobs").signIn("acme-admin", "lanyard");
      assertEquals("Aufträge", browser.text(By.tagName("h1")));
      assertEquals("Code-Neuerzeugungen", browser.text(By.id("regenerations-heading")));
      browser.waitForText(By.id("regenerations"), "Läuft");
      assertTrue(browser.text(By.id("regenerations")).contains("1 von 4"));
      assertTrue(browser.text(By.id("imports")).contains("Abgeschlossen"));
      assertTrue(browser.text(By.id("imports")).contains("Zeile für Zeile"));
      browser.button("Abbrechen");
      browser.button("Codes neu erzeugen");
      browser.driver().manage().window().setSize(new Dimension(375, 900));
      awaitText(
          browser,
          By.cssSelector("#regenerations tbody td:nth-child(4)"),
          "Benutzer benachrichtigt: Nein");
      awaitText(
          browser, By.cssSelector("#imports tbody td:nth-child(4)"), "Modus: Zeile für Zeile");
      assertEquals(
          "", overflowing(browser), "nothing wider than the phone's screen in German either");
      browser.driver().manage().window().setSize(new Dimension(1280, 900));
      browser.screenshots("admin-jobs-de");
      assertEquals(List.of(), browser.consoleErrors());
    }
  }

  /** What sticks out past the right edge of the window, or "" when nothing does. */
  private static String overflowing(Browser browser) {
    return (String)
        browser
            .driver()
            .executeScript(
                "var w = document.documentElement.clientWidth, out = [];"
                    + " document.querySelectorAll('body *').forEach(function (e) {"
                    + "   if (e.getBoundingClientRect().right > w + 0.5) {"
                    + "     out.push(e.tagName + (e.id ? '#' + e.id : '') + ' '"
                    + "         + (e.textContent || '').trim().substring(0, 40));"
                    + "   }"
                    + " });"
                    + " return out.join(' | ');");
  }

  /** The plain form's post (no HX-Request), its redirect not followed. */
  private static Response cancelWithoutScripts(
      Map<String, String> cookies, String token, String path, Map<String, String> fields) {
    return given()
        .redirects()
        .follow(false)
        .cookies(cookies)
        .contentType("application/x-www-form-urlencoded")
        .formParam("csrf-token", token)
        .formParams(fields)
        .post(path + "/cancel");
  }

  /** Where a 303 sends the browser, without the scheme and host. */
  private static String locationPath(Response answer) {
    assertEquals(303, answer.statusCode(), answer.asString());
    URI location = URI.create(answer.header("Location"));
    return location.getRawPath()
        + (location.getRawQuery() == null ? "" : "?" + location.getRawQuery());
  }

  /** The cells of a row of the results (1 is the first), read again if the part was swapped. */
  private static List<WebElement> cells(Browser browser, int row) {
    return browser
        .waitFor(By.cssSelector("#results tbody tr:nth-child(" + row + ")"))
        .findElements(By.tagName("td"));
  }

  /** Waits for an element's whole visible text (the lists are swapped in place every 2 s). */
  private static void awaitText(Browser browser, By what, String text) {
    new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
        .ignoring(StaleElementReferenceException.class)
        .until(driver -> text.equals(driver.findElement(what).getText()));
  }

  private static Map<String, String> cookies(Browser browser) {
    Map<String, String> cookies = new HashMap<>();
    browser.driver().manage().getCookies().forEach(c -> cookies.put(c.getName(), c.getValue()));
    return cookies;
  }

  /** A download is written by the browser in its own time; wait until all of it is there. */
  private static void awaitFile(Browser browser, Path file, long size) {
    new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
        .until(
            driver -> {
              try {
                return Files.exists(file) && Files.size(file) == size;
              } catch (IOException notYet) {
                return false;
              }
            });
  }

  private static String list(String job) {
    return "{\"items\":[" + job + "],\"page\":0,\"size\":20,\"total\":1}";
  }

  private static String job(String status, int done, int failed, String results) {
    return "{\"id\":\""
        + JOB
        + "\",\"kind\":\"regenerate_codes\",\"notify\":false,\"status\":\""
        + status
        + "\",\"total\":4,\"done\":"
        + done
        + ",\"failed\":"
        + failed
        + ",\"createdAt\":\"2026-12-03T10:00:00Z\",\"updatedAt\":\"2026-12-03T10:00:05Z\""
        + (results == null ? "" : ",\"results\":" + results)
        + "}";
  }

  private static String results() {
    return "{\"items\":["
        + "{\"userId\":\"0b6f1f5e-4d3a-4c1e-9a57-1a0c0a000009\",\"outcome\":\"regenerated\"},"
        + "{\"userId\":\"0b6f1f5e-4d3a-4c1e-9a57-1a0c0a000010\",\"outcome\":\"skipped\",\"reason\":\"directory_managed\"},"
        + "{\"userId\":\"0b6f1f5e-4d3a-4c1e-9a57-1a0c0a000011\",\"outcome\":\"regenerated\"}"
        + "],\"page\":0,\"size\":50,\"total\":3}";
  }

  private static String importJob(String status, int done, int total) {
    return importJob(status, done, total, null);
  }

  private static String importJob(String status, int done, int total, String results) {
    return "{\"id\":\""
        + IMPORT
        + "\",\"kind\":\"user_import\","
        + "\"mode\":\"per_line\",\"status\":\""
        + status
        + "\",\"total\":"
        + total
        + ",\"done\":"
        + done
        + ",\"failed\":0,\"createdAt\":\"2026-12-03T11:00:00Z\",\"updatedAt\":\"2026-12-03T11:00:01Z\""
        + (results == null ? "" : ",\"results\":" + results)
        + "}";
  }
}
