package io.lanyard.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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
 * An operator reads every service's projections (the services share one fake here, so each shows
 * the same) and rebuilds one: the page follows the rebuild until its checksum agrees.
 */
@QuarkusTest
class OpsProjectionsPageTest extends ConsoleTest {

  private static final String LIST = "/ops/v1/projections";

  @BeforeEach
  void answers() {
    services.stubFor(get(urlEqualTo(LIST)).willReturn(okJson(projections(null))));
  }

  @Test
  void anOperatorRebuildsAProjectionAndWatchesItFinish() {
    services.stubFor(
        post(urlEqualTo(LIST + "/users/rebuild"))
            .willReturn(
                aResponse()
                    .withStatus(202)
                    .withHeader("Content-Type", "application/json")
                    .withBody(rebuild("READING", 40, null))));
    try (Browser browser = browser("en")) {
      browser.visit("/ops/projections").signIn("operator", "lanyard");
      assertTrue(browser.text(By.id("content")).contains("identity-service"));
      assertTrue(browser.text(By.id("content")).contains("device-gateway"));
      services.stubFor(
          get(urlEqualTo(LIST)).willReturn(okJson(projections(rebuild("READING", 40, null)))));
      browser
          .driver()
          .findElements(By.xpath("//button[normalize-space(.)='Rebuild']"))
          .get(0)
          .click();
      browser.waitForText(By.id("notice"), "rebuild of users");
      // The operator's own token, on a client built for each service.
      services.verify(
          postRequestedFor(urlEqualTo(LIST + "/users/rebuild"))
              .withHeader(
                  "Authorization",
                  com.github.tomakehurst.wiremock.client.WireMock.matching("Bearer .+")));
      browser.screenshots("ops-projections-rebuilding");
      // The rebuild ends while the page is open: it comes back for news by itself.
      services.stubFor(
          get(urlEqualTo(LIST)).willReturn(okJson(projections(rebuild("DONE", 100, "c1")))));
      browser.waitForText(By.id("content"), "same checksum as the live model");
      assertEquals(List.of(), browser.consoleErrors());
    }
  }

  private static String projections(String rebuild) {
    return "{\"items\":[{\"name\":\"users\",\"topics\":[\"lanyard.identity.events\"],\"active\":true,"
        + "\"position\":{\"lanyard.identity.events-0\":120,\"lanyard.identity.events-1\":80},"
        + "\"lag\":0,\"checksum\":\"c1\",\"rebuild\":"
        + rebuild
        + "}]}";
  }

  private static String rebuild(String state, long read, String rebuilt) {
    return "{\"projection\":\"users\",\"state\":\""
        + state
        + "\",\"eventsRead\":"
        + read
        + ",\"eventsTotal\":100,\"eventsPerSecond\":50,\"secondsLeft\":1,\"liveChecksum\":\"c1\","
        + "\"rebuiltChecksum\":"
        + (rebuilt == null ? "null" : "\"" + rebuilt + "\"")
        + ",\"error\":null}";
  }
}
