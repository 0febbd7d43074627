package io.lanyard.systemtest.harness;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.lanyard.testplatform.ServiceClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * An OIDC provider of the system tests' own, shaped like the local Keycloak realm: discovery, the
 * signing key, and a token endpoint that answers every client-credentials request with a service
 * token. Admin, user and operator tokens are minted directly ({@link #token}), with the claims the
 * realm puts in them ({@code tenant_id}, {@code email}, roles in {@code groups}).
 */
public final class FakeOidcProvider implements AutoCloseable {

  private static final String REALM_PATH = "/realms/lanyard";

  private final HttpServer server;
  private final RsaJsonWebKey key;
  private final String issuer;

  private FakeOidcProvider(HttpServer server, RsaJsonWebKey key) {
    this.server = server;
    this.key = key;
    this.issuer = "http://127.0.0.1:" + server.getAddress().getPort() + REALM_PATH;
  }

  public static FakeOidcProvider start() {
    try {
      RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
      key.setKeyId("system-tests");
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      FakeOidcProvider provider = new FakeOidcProvider(server, key);
      server.createContext(REALM_PATH + "/.well-known/openid-configuration", provider::discovery);
      server.createContext(REALM_PATH + "/protocol/openid-connect/certs", provider::keys);
      server.createContext(REALM_PATH + "/protocol/openid-connect/token", provider::tokenEndpoint);
      server.start();
      return provider;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (JoseException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The {@code quarkus.oidc.auth-server-url} of every service. */
  public String issuer() {
    return issuer;
  }

  public String admin(String tenant) {
    return token(
        tenant + "-admin", tenant, "admin@" + tenant + ".example", Set.of("lanyard-admin"));
  }

  public String operator() {
    return token("operator", null, "operator@lanyard.example", Set.of("lanyard-operator"));
  }

  public String token(String username, String tenant, String email, Set<String> roles) {
    return sign(claims(username, tenant, email, roles));
  }

  /** As Keycloak issues it: the client id in {@code azp}, the services it may call as audience. */
  public String serviceToken(String client) {
    JwtClaims claims = claims("service-account-" + client, null, null, Set.of("lanyard-service"));
    claims.setClaim("azp", client);
    claims.setAudience(ServiceClients.audiencesOf(client));
    return sign(claims);
  }

  private JwtClaims claims(String username, String tenant, String email, Set<String> roles) {
    JwtClaims claims = new JwtClaims();
    claims.setIssuer(issuer);
    claims.setSubject(username);
    claims.setClaim("preferred_username", username);
    claims.setStringListClaim("groups", List.copyOf(roles));
    if (tenant != null) {
      claims.setClaim("tenant_id", tenant);
    }
    if (email != null) {
      claims.setClaim("email", email);
      claims.setClaim("email_verified", true);
    }
    claims.setIssuedAtToNow();
    claims.setExpirationTimeMinutesInTheFuture(240);
    claims.setGeneratedJwtId();
    return claims;
  }

  private String sign(JwtClaims claims) {
    JsonWebSignature signature = new JsonWebSignature();
    signature.setPayload(claims.toJson());
    signature.setKey(key.getPrivateKey());
    signature.setKeyIdHeaderValue(key.getKeyId());
    signature.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
    try {
      return signature.getCompactSerialization();
    } catch (JoseException e) {
      throw new IllegalStateException(e);
    }
  }

  private void discovery(HttpExchange exchange) throws IOException {
    String base = issuer + "/protocol/openid-connect";
    answer(
        exchange,
        200,
        """
        {"issuer":"%s","jwks_uri":"%s/certs","token_endpoint":"%s/token",
         "id_token_signing_alg_values_supported":["RS256"],
         "grant_types_supported":["client_credentials","password"]}"""
            .formatted(issuer, base, base));
  }

  private void keys(HttpExchange exchange) throws IOException {
    answer(
        exchange,
        200,
        "{\"keys\":[" + key.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY) + "]}");
  }

  /** Client credentials from a service's OIDC client: a token with the service role. */
  private void tokenEndpoint(HttpExchange exchange) throws IOException {
    String client = clientOf(exchange);
    if (client == null) {
      answer(exchange, 401, "{\"error\":\"invalid_client\"}");
      return;
    }
    String token = serviceToken(client);
    answer(
        exchange,
        200,
        "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":14400}");
  }

  private static String clientOf(HttpExchange exchange) throws IOException {
    String basic = exchange.getRequestHeaders().getFirst("Authorization");
    if (basic != null && basic.startsWith("Basic ")) {
      String pair =
          new String(Base64.getDecoder().decode(basic.substring(6)), StandardCharsets.UTF_8);
      return pair.substring(0, pair.indexOf(':'));
    }
    String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    for (String field : form.split("&")) {
      if (field.startsWith("client_id=")) {
        return URLDecoder.decode(field.substring(10), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private static void answer(HttpExchange exchange, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    try (var out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
