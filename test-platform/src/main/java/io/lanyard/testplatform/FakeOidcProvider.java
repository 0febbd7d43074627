package io.lanyard.testplatform;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * An OIDC provider of the tests' own, shaped like the local Keycloak realm: discovery, the signing
 * key, a token endpoint (client credentials for services; authorization code with PKCE and refresh
 * for the console), a login page with Keycloak's field ids ({@code #username}, {@code #password},
 * {@code #kc-login}) so that a browser test signs in the same way against either, and the end of a
 * session. Admin, user and operator tokens can also be minted directly ({@link #token}), with the
 * claims the realm puts in them ({@code tenant_id}, {@code email}, roles in {@code groups} and
 * {@code realm_access}).
 */
public final class FakeOidcProvider implements AutoCloseable {

  /** Everyone's password on the login page, as in the local realm. */
  public static final String PASSWORD = "lanyard";

  private static final String REALM_PATH = "/realms/lanyard";

  /** A person who may sign in on the login page. */
  public record Person(String username, String tenant, String email, Set<String> roles) {}

  private record Grant(
      String clientId, String redirectUri, String nonce, String challenge, Person person) {}

  private final HttpServer server;
  private final RsaJsonWebKey key;
  private final String issuer;
  private final Map<String, Person> people = new ConcurrentHashMap<>();
  private final Map<String, Grant> codes = new ConcurrentHashMap<>();
  private final Map<String, Grant> refreshTokens = new ConcurrentHashMap<>();
  private final AtomicInteger endedSessions = new AtomicInteger();

  private FakeOidcProvider(HttpServer server, RsaJsonWebKey key) {
    this.server = server;
    this.key = key;
    this.issuer = "http://127.0.0.1:" + server.getAddress().getPort() + REALM_PATH;
    for (String tenant : List.of("acme", "globex")) {
      addPerson(
          new Person(
              tenant + "-admin", tenant, "admin@" + tenant + ".example", Set.of("lanyard-admin")));
      addPerson(new Person(tenant + "-user", tenant, "user@" + tenant + ".example", Set.of()));
    }
    addPerson(new Person("operator", null, "operator@lanyard.example", Set.of("lanyard-operator")));
  }

  public static FakeOidcProvider start() {
    try {
      RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
      key.setKeyId("lanyard-tests");
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      FakeOidcProvider provider = new FakeOidcProvider(server, key);
      String oidc = REALM_PATH + "/protocol/openid-connect";
      server.createContext(REALM_PATH + "/.well-known/openid-configuration", provider::discovery);
      server.createContext(oidc + "/certs", provider::keys);
      server.createContext(oidc + "/token", provider::tokenEndpoint);
      server.createContext(oidc + "/auth", provider::loginPage);
      server.createContext(oidc + "/login", provider::login);
      server.createContext(oidc + "/logout", provider::logout);
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

  /** Someone else who may sign in (password {@link #PASSWORD}). */
  public void addPerson(Person person) {
    people.put(person.username(), person);
  }

  /** How many sessions were ended at the provider (a console's sign-out ends its session here). */
  public int endedSessions() {
    return endedSessions.get();
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
    claims.setClaim("realm_access", Map.of("roles", List.copyOf(roles)));
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
         "authorization_endpoint":"%s/auth","end_session_endpoint":"%s/logout",
         "id_token_signing_alg_values_supported":["RS256"],
         "code_challenge_methods_supported":["S256"],
         "response_types_supported":["code"],
         "grant_types_supported":["client_credentials","authorization_code","refresh_token"]}"""
            .formatted(issuer, base, base, base, base));
  }

  private void keys(HttpExchange exchange) throws IOException {
    answer(
        exchange,
        200,
        "{\"keys\":[" + key.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY) + "]}");
  }

  /** The login page, carrying the authorization request along in hidden fields. */
  private void loginPage(HttpExchange exchange) throws IOException {
    Map<String, String> request = form(exchange.getRequestURI().getRawQuery());
    if (!"S256".equals(request.get("code_challenge_method"))) {
      html(exchange, 400, "<p>PKCE (S256) is required.</p>");
      return;
    }
    html(exchange, 200, loginForm(request, null));
  }

  private String loginForm(Map<String, String> request, String error) {
    StringBuilder hidden = new StringBuilder();
    for (String name :
        List.of(
            "client_id",
            "redirect_uri",
            "state",
            "nonce",
            "code_challenge",
            "code_challenge_method")) {
      hidden
          .append("<input type=\"hidden\" name=\"")
          .append(name)
          .append("\" value=\"")
          .append(escape(request.getOrDefault(name, "")))
          .append("\">");
    }
    return "<!DOCTYPE html><html lang=\"en\"><head><title>Sign in to lanyard</title><link rel=\"icon\" href=\"data:,\"></head><body>"
        + (error == null ? "" : "<p id=\"input-error\">" + error + "</p>")
        + "<form method=\"post\" action=\""
        + issuer
        + "/protocol/openid-connect/login\">"
        + hidden
        + "<label for=\"username\">Username</label><input id=\"username\" name=\"username\">"
        + "<label for=\"password\">Password</label>"
        + "<input id=\"password\" name=\"password\" type=\"password\">"
        + "<input id=\"kc-login\" type=\"submit\" value=\"Sign In\"></form></body></html>";
  }

  private void login(HttpExchange exchange) throws IOException {
    Map<String, String> posted =
        form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    Person person = people.get(posted.getOrDefault("username", ""));
    if (person == null || !PASSWORD.equals(posted.get("password"))) {
      html(exchange, 200, loginForm(posted, "Invalid username or password."));
      return;
    }
    String code = UUID.randomUUID().toString();
    codes.put(
        code,
        new Grant(
            posted.get("client_id"),
            posted.get("redirect_uri"),
            posted.get("nonce"),
            posted.get("code_challenge"),
            person));
    String redirect = posted.get("redirect_uri");
    redirect(
        exchange,
        redirect
            + (redirect.contains("?") ? "&" : "?")
            + "code="
            + code
            + "&state="
            + URLEncoder.encode(posted.getOrDefault("state", ""), StandardCharsets.UTF_8));
  }

  private void logout(HttpExchange exchange) throws IOException {
    endedSessions.incrementAndGet();
    String after = form(exchange.getRequestURI().getRawQuery()).get("post_logout_redirect_uri");
    if (after == null) {
      html(exchange, 200, "<p>You are signed out.</p>");
    } else {
      redirect(exchange, after);
    }
  }

  private void tokenEndpoint(HttpExchange exchange) throws IOException {
    Map<String, String> posted =
        form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    String client = clientOf(exchange, posted);
    if (client == null) {
      answer(exchange, 401, "{\"error\":\"invalid_client\"}");
      return;
    }
    String grantType = posted.getOrDefault("grant_type", "client_credentials");
    if (grantType.equals("authorization_code")) {
      Grant grant = codes.remove(posted.getOrDefault("code", ""));
      if (grant == null
          || !grant.clientId().equals(client)
          || !grant.redirectUri().equals(posted.get("redirect_uri"))
          || !grant.challenge().equals(challengeOf(posted.get("code_verifier")))) {
        answer(exchange, 400, "{\"error\":\"invalid_grant\"}");
        return;
      }
      answer(exchange, 200, tokensFor(grant));
      return;
    }
    if (grantType.equals("refresh_token")) {
      Grant grant = refreshTokens.remove(posted.getOrDefault("refresh_token", ""));
      if (grant == null || !grant.clientId().equals(client)) {
        answer(exchange, 400, "{\"error\":\"invalid_grant\"}");
        return;
      }
      answer(exchange, 200, tokensFor(grant));
      return;
    }
    String token = serviceToken(client);
    answer(
        exchange,
        200,
        "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":14400}");
  }

  private String tokensFor(Grant grant) {
    Person person = grant.person();
    JwtClaims access = claims(person.username(), person.tenant(), person.email(), person.roles());
    access.setClaim("azp", grant.clientId());
    JwtClaims id = claims(person.username(), person.tenant(), person.email(), person.roles());
    id.setAudience(grant.clientId());
    id.setClaim("azp", grant.clientId());
    if (grant.nonce() != null && !grant.nonce().isEmpty()) {
      id.setClaim("nonce", grant.nonce());
    }
    String refresh = UUID.randomUUID().toString();
    refreshTokens.put(refresh, grant);
    return "{\"access_token\":\""
        + sign(access)
        + "\",\"id_token\":\""
        + sign(id)
        + "\",\"refresh_token\":\""
        + refresh
        + "\",\"token_type\":\"Bearer\",\"expires_in\":14400,\"refresh_expires_in\":14400}";
  }

  private static String challengeOf(String verifier) {
    if (verifier == null) {
      return "";
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String clientOf(HttpExchange exchange, Map<String, String> posted) {
    String basic = exchange.getRequestHeaders().getFirst("Authorization");
    if (basic != null && basic.startsWith("Basic ")) {
      String pair =
          new String(Base64.getDecoder().decode(basic.substring(6)), StandardCharsets.UTF_8);
      return URLDecoder.decode(pair.substring(0, pair.indexOf(':')), StandardCharsets.UTF_8);
    }
    return posted.get("client_id");
  }

  private static Map<String, String> form(String encoded) {
    Map<String, String> fields = new HashMap<>();
    if (encoded == null || encoded.isEmpty()) {
      return fields;
    }
    for (String field : encoded.split("&")) {
      int equals = field.indexOf('=');
      if (equals > 0) {
        fields.put(
            URLDecoder.decode(field.substring(0, equals), StandardCharsets.UTF_8),
            URLDecoder.decode(field.substring(equals + 1), StandardCharsets.UTF_8));
      }
    }
    return fields;
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
  }

  private static void redirect(HttpExchange exchange, String location) throws IOException {
    exchange.getResponseHeaders().set("Location", location);
    exchange.sendResponseHeaders(302, -1);
    exchange.close();
  }

  private static void html(HttpExchange exchange, int status, String html) throws IOException {
    send(exchange, status, "text/html; charset=utf-8", html);
  }

  private static void answer(HttpExchange exchange, int status, String json) throws IOException {
    send(exchange, status, "application/json", json);
  }

  private static void send(HttpExchange exchange, int status, String type, String text)
      throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
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
