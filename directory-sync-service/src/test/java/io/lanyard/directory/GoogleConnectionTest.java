package io.lanyard.directory;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.lanyard.contracts.IdentityEvents;
import io.lanyard.directory.domain.google.GoogleConnection;
import io.lanyard.directory.domain.google.GoogleSettings;
import io.lanyard.directory.infra.GoogleConnectionRecords;
import io.lanyard.secrets.SecretCipher;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 18: a Google connection calls Google's endpoints only (127.0.0.1 here, where the test
 * profile allows a fake), a connection stored before that rule calls nothing, and a run's failure
 * says what failed in our words, never what the other side answered.
 */
@QuarkusTest
class GoogleConnectionTest {

  static final ObjectMapper JSON = new ObjectMapper();

  /** What the fake puts in every error it answers: it must never reach an admin. */
  static final String MARKER = "SECRET-INTERNAL-" + UUID.randomUUID();

  static FakeGoogle google;

  @Inject Pool pool;
  @Inject GoogleConnectionRecords records;
  @Inject SecretCipher cipher;

  @BeforeAll
  static void startGoogle() {
    google = FakeGoogle.start();
  }

  @AfterAll
  static void stopGoogle() {
    google.close();
  }

  /** A tenant of the test's own, known to the service (identity's TenantCreated). */
  static String tenant() throws Exception {
    String tenant = "g-" + UUID.randomUUID().toString().substring(0, 8);
    ScimHardeningTest.publishTenantEvent(IdentityEvents.TENANT_CREATED, tenant, 1);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> admin(tenant).get("/admin/v1/directory/google").statusCode() == 404);
    return tenant;
  }

  static RequestSpecification admin(String tenant) {
    return ScimTokenTest.admin(tenant);
  }

  static ObjectNode settings(String apiRootUrl, String tokenUri) {
    ObjectNode settings = JSON.createObjectNode();
    settings.put("customerId", "my_customer");
    settings.put("adminSubject", "admin@example.com");
    settings.set("serviceAccountKey", google.key(tokenUri));
    settings.put("apiRootUrl", apiRootUrl);
    settings.put("syncMode", "manual");
    settings.put("source", "all");
    return settings;
  }

  /** Starts a run and waits for its end; answers the run as the admin reads it. */
  static JsonPath run(String tenant) {
    String runId =
        admin(tenant)
            .post("/admin/v1/directory/google/sync")
            .then()
            .statusCode(202)
            .extract()
            .path("runId");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                !"running"
                    .equals(
                        admin(tenant)
                            .get("/admin/v1/directory/sync-runs/" + runId)
                            .then()
                            .extract()
                            .path("status")));
    String body = admin(tenant).get("/admin/v1/directory/sync-runs/" + runId).asString();
    assertFalse(body.contains(MARKER), "the run repeats Google's answer: " + body);
    return JsonPath.from(body);
  }

  @Test
  void onlyGooglesEndpointsAreAcceptedAndTheLocalFakeWhereAllowed() throws Exception {
    String tenant = tenant();
    for (String root :
        List.of(
            "https://evil.example/",
            "http://admin.googleapis.com/",
            "https://admin.googleapis.com.evil.example/",
            "https://www.googleapis.com@evil.example/",
            "http://localhost:" + google.port() + "/",
            "http://[::1]:" + google.port() + "/",
            "http://2130706433:" + google.port() + "/",
            "http://169.254.169.254/")) {
      admin(tenant)
          .body(settings(root, google.tokenUri()).toString())
          .put("/admin/v1/directory/google")
          .then()
          .statusCode(400)
          .body("error", equalTo("invalid_api_root_url"))
          .body("message", startsWith("apiRootUrl:"));
    }
    for (String tokenUri :
        List.of(
            "https://evil.example/token",
            "http://oauth2.googleapis.com/token",
            "http://localhost:" + google.port() + "/token",
            "https://oauth2.googleapis.com@evil.example/token")) {
      admin(tenant)
          .body(settings(google.rootUrl(), tokenUri).toString())
          .put("/admin/v1/directory/google")
          .then()
          .statusCode(400)
          .body("error", equalTo("invalid_token_uri"))
          .body("message", startsWith("serviceAccountKey.token_uri:"));
    }
    admin(tenant).get("/admin/v1/directory/google").then().statusCode(404);

    admin(tenant)
        .body(settings("https://admin.googleapis.com/", null).toString())
        .put("/admin/v1/directory/google")
        .then()
        .statusCode(200)
        .body("apiRootUrl", equalTo("https://admin.googleapis.com/"));
    // The test profile, like ./lanyard up, lets a fake of Google on 127.0.0.1 stand in.
    admin(tenant)
        .body(settings(google.rootUrl(), google.tokenUri()).toString())
        .put("/admin/v1/directory/google")
        .then()
        .statusCode(200);
    google.answer(200, 200);
    assertEquals("succeeded", run(tenant).getString("status"));
  }

  @Test
  void aRunsFailureSaysWhatFailedInOurWordsNeverGooglesAnswer() throws Exception {
    String tenant = tenant();
    admin(tenant)
        .body(settings(google.rootUrl(), google.tokenUri()).toString())
        .put("/admin/v1/directory/google")
        .then()
        .statusCode(200);

    google.answer(401, 200);
    JsonPath refused = run(tenant);
    assertEquals("failed", refused.getString("status"));
    assertTrue(
        refused
            .getString("failure")
            .startsWith("Google refused the service account's credentials (HTTP 401)"),
        refused.prettify());

    google.answer(200, 403);
    assertTrue(
        run(tenant)
            .getString("failure")
            .startsWith("Google's Directory API refused access (HTTP 403)"));

    google.answer(200, 500);
    assertTrue(run(tenant).getString("failure").contains("kept failing (HTTP 500)"));

    google.answer(200, 299); // 200 with a body that is not the Directory API's JSON
    assertTrue(run(tenant).getString("failure").startsWith("Google's Directory API"));

    admin(tenant)
        .body(settings("http://127.0.0.1:" + closedPort() + "/", google.tokenUri()).toString())
        .put("/admin/v1/directory/google")
        .then()
        .statusCode(200);
    google.answer(200, 200);
    assertEquals("Google's Directory API could not be reached", run(tenant).getString("failure"));
  }

  @Test
  void aRedirectIsNeverFollowedAndFailsTheRunInOurWords() throws Exception {
    String tenant = tenant();
    admin(tenant)
        .body(settings(google.rootUrl(), google.tokenUri()).toString())
        .put("/admin/v1/directory/google")
        .then()
        .statusCode(200);
    // Where the redirects point: another port, standing for an address inside the cluster, that
    // would answer as Google does and counts every call it gets.
    try (FakeGoogle inside = FakeGoogle.start()) {
      google.redirectTo(inside.rootUrl());
      for (int status : List.of(301, 302, 303, 307, 308)) {
        google.answer(status, 200);
        JsonPath token = run(tenant);
        assertEquals("failed", token.getString("status"), token.prettify());
        assertEquals(
            "Google's token endpoint answered with a redirect (HTTP "
                + status
                + "), which is not followed: check the key file's token_uri",
            token.getString("failure"));

        google.answer(200, status);
        JsonPath list = run(tenant);
        assertEquals("failed", list.getString("status"), list.prettify());
        assertEquals(
            "Google's Directory API answered with a redirect (HTTP "
                + status
                + "), which is not followed: check apiRootUrl",
            list.getString("failure"));
      }
      assertEquals(0, inside.calls(), "a redirect was followed");
    } finally {
      google.redirectTo(null);
      google.answer(200, 200);
    }
  }

  @Test
  void aConnectionStoredBeforeTheRuleCallsNothing() throws Exception {
    String tenant = tenant();
    google.answer(200, 200);
    int calls = google.calls();

    store(tenant, "http://localhost:" + google.port() + "/", google.tokenUri());
    JsonPath root = run(tenant);
    assertEquals("failed", root.getString("status"));
    assertTrue(
        root.getString("failure")
            .startsWith("the saved Google connection is not accepted (apiRootUrl:"),
        root.prettify());

    store(tenant, google.rootUrl(), "http://localhost:" + google.port() + "/token");
    JsonPath token = run(tenant);
    assertTrue(
        token
            .getString("failure")
            .startsWith(
                "the saved Google connection is not accepted (serviceAccountKey.token_uri:"),
        token.prettify());

    store(tenant, "https://evil.example/", google.tokenUri());
    assertTrue(run(tenant).getString("failure").contains("apiRootUrl:"));
    assertEquals(calls, google.calls(), "a refused connection called its endpoints");
  }

  /** A connection as one saved before the rule on Google's endpoints left it. */
  void store(String tenant, String apiRootUrl, String tokenUri) {
    String key = google.key(tokenUri).toString();
    var configured =
        new GoogleConnection.Event.GoogleConnectionConfigured(
            tenant,
            "my_customer",
            null,
            "admin@example.com",
            apiRootUrl,
            GoogleSettings.SyncMode.MANUAL,
            60,
            GoogleSettings.Source.ALL,
            List.of(),
            false,
            true,
            true,
            "sync@lanyard-test.iam.gserviceaccount.com",
            cipher.encrypt(tenant, "google-service-account-key", key),
            "legacy");
    pool.withTransaction(tx -> records.apply(tx, configured)).await().indefinitely();
  }

  @Test
  void settingsWithControlCharactersOrHugeValuesNameTheField() throws Exception {
    String tenant = tenant();
    record Bad(String field, Object value, String error) {}
    // Strings with NUL, other control characters or over 8,192 characters are refused by
    // service-runtime's body check before the settings are read; the settings' own rules refuse
    // the rest (line breaks, tabs, lengths below that) and name the field the same way.
    for (Bad bad :
        List.of(
            new Bad("adminSubject", "ad\u0000min@example.com", "invalid_admin_subject"),
            new Bad("adminSubject", "ad\tmin@example.com", "invalid_admin_subject"),
            new Bad("adminSubject", "a".repeat(100_000) + "@example.com", "invalid_admin_subject"),
            new Bad("adminSubject", "a".repeat(8000) + "@example.com", "invalid_admin_subject"),
            new Bad("customerId", "my_customer\n", "invalid_customer_id"),
            new Bad("customerId", "C".repeat(8000), "invalid_customer_id"),
            new Bad("domain", "example.com\u0007", "invalid_domain"),
            new Bad("domain", "example.com\r", "invalid_domain"),
            new Bad("apiRootUrl", google.rootUrl() + "\r\nX-Evil: 1", "invalid_api_root_url"),
            new Bad("apiRootUrl", google.rootUrl() + "a".repeat(5000), "invalid_api_root_url"),
            new Bad("orgUnits", List.of("/Sta\u0000ff"), "invalid_org_units"),
            new Bad("orgUnits", List.of("/Sta\nff"), "invalid_org_units"),
            new Bad("orgUnits", List.of("/" + "a".repeat(5000)), "invalid_org_units"))) {
      ObjectNode settings = settings(google.rootUrl(), google.tokenUri());
      settings.set(bad.field(), JSON.valueToTree(bad.value()));
      if (bad.field().equals("orgUnits")) {
        settings.put("source", "org_units");
      }
      admin(tenant)
          .body(settings.toString())
          .put("/admin/v1/directory/google")
          .then()
          .statusCode(400)
          .body("error", startsWith(bad.error()))
          .body("message", startsWith(bad.field()));
    }
    for (String name : List.of("no such setting!", "x".repeat(5000))) {
      ObjectNode oddName = settings(google.rootUrl(), google.tokenUri());
      oddName.put(name, true);
      admin(tenant)
          .body(oddName.toString())
          .put("/admin/v1/directory/google")
          .then()
          .statusCode(400)
          .body("error", equalTo("invalid_setting"));
    }
    ObjectNode hugeKey = settings(google.rootUrl(), google.tokenUri());
    for (int i = 0; i < 4; i++) {
      ((ObjectNode) hugeKey.get("serviceAccountKey")).put("padding" + i, "x".repeat(8000));
    }
    admin(tenant)
        .body(hugeKey.toString())
        .put("/admin/v1/directory/google")
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_service_account_key"));
    ObjectNode lineBreakInKey = settings(google.rootUrl(), google.tokenUri());
    ((ObjectNode) lineBreakInKey.get("serviceAccountKey")).put("client_email", "a\n@b.c");
    admin(tenant)
        .body(lineBreakInKey.toString())
        .put("/admin/v1/directory/google")
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_service_account_key"));
    admin(tenant).get("/admin/v1/directory/google").then().statusCode(404);
  }

  @Test
  void syncRunIdsAndSizesThatAreNoneAre400NamingTheField() throws Exception {
    String tenant = tenant();
    for (String runId : List.of("not-a-run", "a".repeat(1000), UUID.randomUUID() + "x")) {
      admin(tenant)
          .get("/admin/v1/directory/sync-runs/" + runId)
          .then()
          .statusCode(400)
          .body("error", equalTo("invalid_run_id"))
          .body("message", startsWith("runId:"));
    }
    // Control characters and longer segments: service-runtime refuses the path before routing.
    for (String runId : List.of("%00", "%0d%0a", "a".repeat(3000))) {
      admin(tenant)
          .urlEncodingEnabled(false)
          .get("/admin/v1/directory/sync-runs/" + runId)
          .then()
          .statusCode(400)
          .body("error", startsWith("invalid_"));
    }
    admin(tenant).get("/admin/v1/directory/sync-runs/" + UUID.randomUUID()).then().statusCode(404);
    for (String size : List.of("many", "99999999999", "-1", "1.5")) {
      admin(tenant)
          .queryParam("size", size)
          .get("/admin/v1/directory/sync-runs")
          .then()
          .statusCode(400)
          .body("error", equalTo("invalid_size"));
    }
    admin(tenant)
        .queryParam("size", 1000)
        .get("/admin/v1/directory/sync-runs")
        .then()
        .statusCode(200)
        .body("size", equalTo(100));
  }

  @Test
  void pushNotificationsForSomethingThatIsNoTenantIdAre401() {
    for (String tenant : List.of("a%22b", "a%5Cb", "x".repeat(41), "ACME")) {
      io.restassured.RestAssured.given()
          .urlEncodingEnabled(false)
          .header("X-Goog-Channel-ID", "c")
          .header("X-Goog-Channel-Token", "t")
          .post("/webhooks/google/" + tenant)
          .then()
          .statusCode(401)
          .body("error", equalTo("unknown_channel"));
    }
  }

  static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Google's side, as Google's Java client sees it: the token endpoint of the key file and the
   * Directory API's {@code users.list}, answering what the test asks, every error with {@link
   * #MARKER} in its body.
   */
  static final class FakeGoogle implements AutoCloseable {

    private final HttpServer server;
    private final String privateKey = privateKey();
    private final AtomicInteger calls = new AtomicInteger();
    private volatile int tokenStatus = 200;
    private volatile int listStatus = 200;
    private volatile String redirectTo;
    private volatile Duration listDelay = Duration.ZERO;

    private FakeGoogle(HttpServer server) {
      this.server = server;
    }

    static FakeGoogle start() {
      try {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        FakeGoogle fake = new FakeGoogle(server);
        server.createContext("/token", fake::token);
        server.createContext("/admin/directory/v1/users", fake::list);
        server.start();
        return fake;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    int port() {
      return server.getAddress().getPort();
    }

    String rootUrl() {
      return "http://127.0.0.1:" + port() + "/";
    }

    String tokenUri() {
      return rootUrl() + "token";
    }

    int calls() {
      return calls.get();
    }

    /** Every users.list call waits this long before it answers (a slow Google). */
    void delayList(Duration delay) {
      listDelay = delay;
    }

    /** Where a 3xx answer points: the same path under this root URL. */
    void redirectTo(String rootUrl) {
      redirectTo = rootUrl;
    }

    /**
     * What the token endpoint and users.list answer (299: 200 with a body that is no JSON; 3xx: a
     * redirect to {@link #redirectTo}).
     */
    void answer(int token, int list) {
      tokenStatus = token;
      listStatus = list;
    }

    /** A service account key file; token_uri null leaves it out (Google's then). */
    ObjectNode key(String tokenUri) {
      ObjectNode key = JSON.createObjectNode();
      key.put("type", "service_account");
      key.put("project_id", "lanyard-test");
      key.put("private_key_id", "test-key-1");
      key.put("private_key", privateKey);
      key.put("client_email", "sync@lanyard-test.iam.gserviceaccount.com");
      key.put("client_id", "100000000000000000002");
      if (tokenUri != null) {
        key.put("token_uri", tokenUri);
      }
      return key;
    }

    private void token(HttpExchange exchange) throws IOException {
      calls.incrementAndGet();
      exchange.getRequestBody().readAllBytes();
      if (redirects(exchange, tokenStatus)) {
        return;
      }
      if (tokenStatus != 200) {
        answer(
            exchange,
            tokenStatus,
            "{\"error\":\"invalid_grant\",\"error_description\":\"" + MARKER + "\"}");
        return;
      }
      answer(
          exchange,
          200,
          "{\"access_token\":\"ya29.test\",\"expires_in\":3600,\"token_type\":\"Bearer\"}");
    }

    private void list(HttpExchange exchange) throws IOException {
      calls.incrementAndGet();
      try {
        Thread.sleep(listDelay.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      int status = listStatus;
      if (redirects(exchange, status)) {
        return;
      }
      if (status == 200) {
        answer(exchange, 200, "{\"kind\":\"admin#directory#users\",\"users\":[]}");
      } else if (status == 299) {
        answer(exchange, 200, "<html>" + MARKER + "</html>");
      } else {
        answer(
            exchange,
            status,
            "{\"error\":{\"code\":"
                + status
                + ",\"message\":\""
                + MARKER
                + "\",\"errors\":[{\"domain\":\"global\",\"reason\":\"forbidden\",\"message\":\""
                + MARKER
                + "\"}]}}");
      }
    }

    private boolean redirects(HttpExchange exchange, int status) throws IOException {
      if (status < 300 || status >= 400) {
        return false;
      }
      String location = redirectTo + exchange.getRequestURI().toString().substring(1);
      exchange.getResponseHeaders().set("Location", location);
      answer(exchange, status, "{\"moved\":\"" + MARKER + "\"}");
      return true;
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
      exchange.sendResponseHeaders(status, bytes.length);
      try (var out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }

    private static String privateKey() {
      try {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
