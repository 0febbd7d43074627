package io.lanyard.testplatform;

import java.util.List;
import java.util.Map;

/**
 * Which services a service's OIDC client may call: the audiences its tokens carry, as the local
 * Keycloak realm's audience mappers give them (deploy/local/keycloak/lanyard-realm.json). The test
 * OIDC servers issue service tokens the same way.
 */
public final class ServiceClients {

  private static final Map<String, List<String>> AUDIENCES =
      Map.of(
          "directory-sync-service", List.of("identity-service", "credential-service"),
          "device-gateway", List.of("credential-service", "identity-service"),
          "credential-service", List.of("identity-service"),
          "identity-service", List.of("credential-service"),
          // Only users' data keys (identity's POST /internal/v1/data-keys), as every caller above.
          "notification-service", List.of("identity-service"));

  private ServiceClients() {}

  public static List<String> audiencesOf(String client) {
    return AUDIENCES.getOrDefault(client, List.of());
  }
}
