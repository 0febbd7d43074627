package io.lanyard.testsupport;

import io.lanyard.testplatform.ServiceClients;
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

  /** A service's client-credentials token: its client id and the audiences it may call. */
  public static String service(String service) {
    return service(service, ServiceClients.audiencesOf(service));
  }

  public static String service(String client, java.util.Collection<String> audiences) {
    return Jwt.preferredUserName("service-account-" + client)
        .groups(Set.of("lanyard-service"))
        .issuer("https://server.example.com")
        .audience(Set.copyOf(audiences))
        .claim("azp", client)
        .jws()
        .keyId("1")
        .sign("privateKey.jwk");
  }

  public static String token(String username, String tenant, String email, Set<String> roles) {
    return person(username, tenant, email, email != null, roles);
  }

  /**
   * A person's token as the identity provider issues it: {@code subject} is who they are there,
   * {@code emailVerified} whether it vouches for the email.
   */
  public static String person(
      String subject, String tenant, String email, boolean emailVerified, Set<String> roles) {
    var claims =
        Jwt.preferredUserName(subject)
            .subject(subject)
            .groups(roles)
            .issuer("https://server.example.com")
            .audience("https://service.example.com");
    if (tenant != null) {
      claims.claim("tenant_id", tenant);
    }
    if (email != null) {
      claims.claim("email", email);
      claims.claim("email_verified", emailVerified);
    }
    return claims.jws().keyId("1").sign("privateKey.jwk");
  }
}
