package io.lanyard.testsupport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Other Lanyard services a module calls, faked with WireMock, and an OIDC token endpoint for the
 * module's client-credentials identity: a module's tests run without the services it calls (the
 * end-to-end module runs them all). The {@value #CLIENTS_ARG} argument names the REST clients to
 * point here (comma separated config keys, e.g. {@code identity-service,credential-service}); tests
 * set the answers they need on {@link #server()}. identity-service's key APIs (users' data keys,
 * tenants' keys) are always answered, from {@link FakeDataKeys}.
 */
public class FakeServices implements QuarkusTestResourceLifecycleManager {

  public static final String CLIENTS_ARG = "clients";

  private static WireMockServer server;
  private String[] clients = new String[0];

  public static WireMockServer server() {
    return server;
  }

  @Override
  public void init(Map<String, String> initArgs) {
    String named = initArgs.get(CLIENTS_ARG);
    if (named == null || named.isBlank()) {
      throw new IllegalArgumentException("FakeServices needs a '" + CLIENTS_ARG + "' argument");
    }
    clients = named.split(",");
  }

  @Override
  public Map<String, String> start() {
    server =
        new WireMockServer(
            wireMockConfig()
                .dynamicPort()
                .globalTemplating(true)
                .extensions(new FakeDataKeys.Answer()));
    server.start();
    server.stubFor(
        post(urlEqualTo(FakeDataKeys.PATH))
            .willReturn(aResponse().withTransformers(FakeDataKeys.TRANSFORMER)));
    server.stubFor(
        any(urlEqualTo(FakeDataKeys.TENANT_KEYS_PATH))
            .willReturn(aResponse().withTransformers(FakeDataKeys.TRANSFORMER)));
    server.stubFor(
        post(urlEqualTo("/token"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"access_token\":\"service-token\",\"token_type\":\"Bearer\","
                            + "\"expires_in\":300}")));
    String url = "http://127.0.0.1:" + server.port();
    Map<String, String> config = new HashMap<>();
    for (String client : clients) {
      config.put("quarkus.rest-client." + client.strip() + ".url", url);
    }
    config.put("quarkus.oidc-client.auth-server-url", url);
    config.put("quarkus.oidc-client.discovery-enabled", "false");
    config.put("quarkus.oidc-client.token-path", "/token");
    return config;
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop();
    }
  }
}
