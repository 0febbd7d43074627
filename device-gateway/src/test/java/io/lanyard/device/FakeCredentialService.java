package io.lanyard.device;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * credential-service's internal API and an OIDC token endpoint, faked: the gateway's module tests
 * run without the other services (the end-to-end module runs them all). What the fake answers is
 * set per test with {@link #server()}; the events credential-service would publish, the tests
 * publish to the real broker themselves.
 */
public class FakeCredentialService implements QuarkusTestResourceLifecycleManager {

  private static WireMockServer server;

  public static WireMockServer server() {
    return server;
  }

  @Override
  public Map<String, String> start() {
    server = new WireMockServer(wireMockConfig().dynamicPort());
    server.start();
    server.stubFor(
        post(urlEqualTo("/token"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"access_token\":\"service-token\",\"token_type\":\"Bearer\","
                            + "\"expires_in\":300}")));
    String url = "http://127.0.0.1:" + server.port();
    return Map.of(
        "quarkus.rest-client.credential-service.url",
        url,
        "quarkus.oidc-client.auth-server-url",
        url,
        "quarkus.oidc-client.discovery-enabled",
        "false",
        "quarkus.oidc-client.token-path",
        "/token");
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop();
    }
  }
}
