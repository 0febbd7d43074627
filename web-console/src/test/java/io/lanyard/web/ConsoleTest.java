package io.lanyard.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.lanyard.browser.Browser;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import java.net.URL;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * What every page test of the console starts from: the app (one for all test classes), the faked
 * services with no answers left from another test, and a browser pointed at the app.
 */
@QuarkusTestResource(ConsoleTestResource.class)
abstract class ConsoleTest {

  @TestHTTPResource("/")
  URL console;

  protected WireMockServer services;

  @BeforeEach
  void freshServices() {
    services = ConsoleTestResource.services();
    services.resetAll();
  }

  /**
   * Sets a {@code datetime-local} input as its picker would ({@code 2026-12-10T09:00}): typing into
   * one depends on the browser's locale (the fields' order, AM/PM), the value does not.
   */
  protected static void pick(Browser browser, By input, String value) {
    WebElement field = browser.waitFor(input);
    browser
        .driver()
        .executeScript(
            "arguments[0].value = arguments[1];"
                + " arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
                + " arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
            field,
            value);
  }

  /** Brings a part of a long page into view, for a screenshot that shows it. */
  protected static void scrollTo(Browser browser, By what) {
    browser
        .driver()
        .executeScript("arguments[0].scrollIntoView({block: 'start'});", browser.waitFor(what));
  }

  /** The problem body a service answers a refusal with. */
  protected static ResponseDefinitionBuilder problem(int status, String code, String message) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\":\"" + code + "\",\"message\":\"" + message + "\"}");
  }

  /** A headless Chromium preferring {@code language}, at the console. */
  protected Browser browser(String language) {
    String url = console.toString();
    return Browser.open(url.endsWith("/") ? url.substring(0, url.length() - 1) : url, language);
  }
}
