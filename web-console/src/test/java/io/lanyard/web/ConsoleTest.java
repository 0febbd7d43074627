package io.lanyard.web;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.lanyard.browser.Browser;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import java.net.URL;
import org.junit.jupiter.api.BeforeEach;

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

  /** A headless Chromium preferring {@code language}, at the console. */
  protected Browser browser(String language) {
    String url = console.toString();
    return Browser.open(url.endsWith("/") ? url.substring(0, url.length() - 1) : url, language);
  }
}
