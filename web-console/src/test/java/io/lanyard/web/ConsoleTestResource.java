package io.lanyard.web;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.lanyard.testplatform.FakeOidcProvider;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * What the console talks to, in the test JVM: an OIDC provider with a login page (the authorization
 * code flow, as Keycloak's) and the five services faked by WireMock, answering as each test sets.
 * The whole system behind a real Keycloak is e2e-tests' part.
 */
public class ConsoleTestResource implements QuarkusTestResourceLifecycleManager {

  private static FakeOidcProvider oidc;
  private static WireMockServer services;

  public static FakeOidcProvider oidc() {
    return oidc;
  }

  public static WireMockServer services() {
    return services;
  }

  @Override
  public Map<String, String> start() {
    oidc = FakeOidcProvider.start();
    services = new WireMockServer(wireMockConfig().dynamicPort());
    services.start();
    Map<String, String> config = new HashMap<>();
    config.put("quarkus.oidc.auth-server-url", oidc.issuer());
    for (String service :
        new String[] {
          "identity-service",
          "credential-service",
          "directory-sync-service",
          "notification-service",
          "device-gateway"
        }) {
      config.put("quarkus.rest-client." + service + ".url", services.baseUrl());
    }
    return config;
  }

  @Override
  public void stop() {
    if (services != null) {
      services.stop();
    }
    if (oidc != null) {
      oidc.close();
    }
  }
}
