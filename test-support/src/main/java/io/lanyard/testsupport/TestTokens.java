package io.lanyard.testsupport;

import io.smallrye.jwt.build.Jwt;
import java.util.Set;

/**
 * Bearer tokens as the local Keycloak realm issues them (roles, {@code tenant_id}, {@code email}),
 * signed by the in-JVM OIDC server that {@link ServicePlatformResource} starts.
 */
public final class TestTokens {

  private TestTokens() {}

  public static String admin(String tenant) {
    return token(
        tenant + "-admin", tenant, "admin@" + tenant + ".example", Set.of("lanyard-admin"));
  }

  public static String user(String tenant) {
    return token(tenant + "-user", tenant, "user@" + tenant + ".example", Set.of());
  }

  public static String operator() {
    return token("operator", null, "operator@lanyard.example", Set.of("lanyard-operator"));
  }

  public static String service(String service) {
    return token("service-account-" + service, null, null, Set.of("lanyard-service"));
  }

  public static String token(String username, String tenant, String email, Set<String> roles) {
    var claims =
        Jwt.preferredUserName(username)
            .groups(roles)
            .issuer("https://server.example.com")
            .audience("https://service.example.com");
    if (tenant != null) {
      claims.claim("tenant_id", tenant);
    }
    if (email != null) {
      claims.claim("email", email);
    }
    return claims.jws().keyId("1").sign("privateKey.jwk");
  }
}
