package io.lanyard.directory;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * identity-service's and credential-service's internal APIs and an OIDC token endpoint, faked: the
 * module's tests run without the owning services (the end-to-end module runs them all). Tests set
 * the answers they need with {@link #server()}.
 */
public class FakeOwners implements QuarkusTestResourceLifecycleManager {

  private static WireMockServer server;

  public static WireMockServer server() {
    return server;
  }

  @Override
  public Map<String, String> start() {
    server = new WireMockServer(wireMockConfig().dynamicPort().globalTemplating(true));
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
        "quarkus.rest-client.identity-service.url", url,
        "quarkus.rest-client.credential-service.url", url,
        "quarkus.oidc-client.auth-server-url", url,
        "quarkus.oidc-client.discovery-enabled", "false",
        "quarkus.oidc-client.token-path", "/token");
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop();
    }
  }
}
