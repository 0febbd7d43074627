package io.lanyard.systemtest.harness;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Google's side of a sync, as the real Google client sees it: an OAuth token endpoint that takes a
 * service account's signed assertion, and the Admin SDK Directory API's {@code users.list} with
 * {@code projection=custom}, paged with {@code nextPageToken}. Users are changed between runs by
 * the test; a rate-limit answer can be put in front of the next list call.
 */
public final class FakeGoogleDirectory implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "ya29.fake-google-token";

  /** A Google user with the PaperCut custom schema's fields (null: the field is empty). */
  public record GoogleUser(
      String id,
      String primaryEmail,
      String fullName,
      String orgUnitPath,
      boolean suspended,
      String accessCode,
      String cardNumber) {

    public GoogleUser withAccessCode(String code) {
      return new GoogleUser(id, primaryEmail, fullName, orgUnitPath, suspended, code, cardNumber);
    }

    public GoogleUser withCardNumber(String card) {
      return new GoogleUser(id, primaryEmail, fullName, orgUnitPath, suspended, accessCode, card);
    }

    public GoogleUser suspended(boolean suspended) {
      return new GoogleUser(
          id, primaryEmail, fullName, orgUnitPath, suspended, accessCode, cardNumber);
    }

    public GoogleUser inOrgUnit(String unit) {
      return new GoogleUser(id, primaryEmail, fullName, unit, suspended, accessCode, cardNumber);
    }
  }

  private final HttpServer server;
  private final Map<String, GoogleUser> users = new LinkedHashMap<>();
  private final AtomicInteger rateLimitsToAnswer = new AtomicInteger();
  private final AtomicInteger listCalls = new AtomicInteger();
  private final AtomicInteger tokensIssued = new AtomicInteger();
  private final String privateKeyPem;
  private volatile long listDelayMillis;

  private FakeGoogleDirectory(HttpServer server) {
    this.server = server;
    this.privateKeyPem = newPrivateKey();
  }

  public static FakeGoogleDirectory start(int port) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
      FakeGoogleDirectory fake = new FakeGoogleDirectory(server);
      server.createContext("/token", fake::token);
      server.createContext("/admin/directory/v1/users", fake::list);
      server.start();
      return fake;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String rootUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  /** A service account key file whose {@code token_uri} is this fake's token endpoint. */
  public String serviceAccountKey() {
    ObjectNode key = JSON.createObjectNode();
    key.put("type", "service_account");
    key.put("project_id", "lanyard-fake");
    key.put("private_key_id", "fake-key-1");
    key.put("private_key", privateKeyPem);
    key.put("client_email", "lanyard-sync@lanyard-fake.iam.gserviceaccount.com");
    key.put("client_id", "100000000000000000001");
    key.put("token_uri", rootUrl() + "token");
    return key.toString();
  }

  /** The settings an admin PUTs to connect to this fake. */
  public String settings(String source, List<String> orgUnits, boolean deleteRemovedUsers) {
    ObjectNode settings = JSON.createObjectNode();
    settings.put("customerId", "my_customer");
    settings.putNull("domain");
    settings.put("adminSubject", "admin@example.com");
    try {
      settings.set("serviceAccountKey", JSON.readTree(serviceAccountKey()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    settings.put("apiRootUrl", rootUrl());
    settings.put("syncMode", "manual");
    settings.put("intervalMinutes", 60);
    settings.put("source", source);
    ArrayNode units = settings.putArray("orgUnits");
    orgUnits.forEach(units::add);
    settings.put("deleteRemovedUsers", deleteRemovedUsers);
    settings.put("syncAccessCodes", true);
    settings.put("syncCardNumbers", true);
    return settings.toString();
  }

  public synchronized void put(GoogleUser user) {
    users.put(user.id(), user);
  }

  public synchronized void remove(String id) {
    users.remove(id);
  }

  public synchronized GoogleUser user(String id) {
    return users.get(id);
  }

  /** The next {@code count} list calls answer 429 (or 403 rateLimitExceeded, alternately). */
  public void answerRateLimits(int count) {
    rateLimitsToAnswer.set(count);
  }

  public int listCalls() {
    return listCalls.get();
  }

  public int tokensIssued() {
    return tokensIssued.get();
  }

  private void token(HttpExchange exchange) throws IOException {
    Map<String, String> form =
        form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type"))
        || form.get("assertion") == null) {
      answer(exchange, 400, "{\"error\":\"invalid_grant\"}");
      return;
    }
    tokensIssued.incrementAndGet();
    answer(
        exchange,
        200,
        "{\"access_token\":\"" + TOKEN + "\",\"expires_in\":3600,\"token_type\":\"Bearer\"}");
  }

  /** Every list call from now on waits this long before it answers (a slow directory). */
  public void delayListCalls(java.time.Duration delay) {
    listDelayMillis = delay.toMillis();
  }

  private void list(HttpExchange exchange) throws IOException {
    listCalls.incrementAndGet();
    if (listDelayMillis > 0) {
      try {
        Thread.sleep(listDelayMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      answer(exchange, 401, error(401, "authError", "Invalid Credentials"));
      return;
    }
    int limit = rateLimitsToAnswer.getAndUpdate(n -> Math.max(0, n - 1));
    if (limit > 0) {
      if (limit % 2 == 0) {
        answer(exchange, 403, error(403, "rateLimitExceeded", "Rate Limit Exceeded"));
      } else {
        answer(exchange, 429, error(429, "rateLimitExceeded", "Too Many Requests"));
      }
      return;
    }
    Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
    if (!"custom".equals(query.get("projection"))
        || !"PaperCut".equals(query.get("customFieldMask"))) {
      answer(
          exchange,
          400,
          error(400, "invalid", "expected projection=custom&customFieldMask=PaperCut"));
      return;
    }
    int size = Integer.parseInt(query.getOrDefault("maxResults", "100"));
    int from = query.containsKey("pageToken") ? Integer.parseInt(query.get("pageToken")) : 0;
    List<GoogleUser> all;
    synchronized (this) {
      all = new ArrayList<>(users.values());
    }
    ObjectNode page = JSON.createObjectNode();
    page.put("kind", "admin#directory#users");
    ArrayNode list = page.putArray("users");
    for (GoogleUser user :
        all.subList(Math.min(from, all.size()), Math.min(from + size, all.size()))) {
      list.add(json(user));
    }
    if (from + size < all.size()) {
      page.put("nextPageToken", String.valueOf(from + size));
    }
    answer(exchange, 200, page.toString());
  }

  private static ObjectNode json(GoogleUser user) {
    ObjectNode node = JSON.createObjectNode();
    node.put("kind", "admin#directory#user");
    node.put("id", user.id());
    node.put("primaryEmail", user.primaryEmail());
    ObjectNode name = node.putObject("name");
    name.put("fullName", user.fullName());
    node.put("suspended", user.suspended());
    node.put("orgUnitPath", user.orgUnitPath());
    if (user.accessCode() != null || user.cardNumber() != null) {
      ObjectNode papercut = node.putObject("customSchemas").putObject("PaperCut");
      if (user.accessCode() != null) {
        papercut.put("accessCode", user.accessCode());
      }
      if (user.cardNumber() != null) {
        papercut.put("cardNumber", user.cardNumber());
      }
    }
    return node;
  }

  private static String error(int code, String reason, String message) {
    return """
        {"error":{"code":%d,"message":"%s","errors":[{"domain":"usageLimits","reason":"%s","message":"%s"}]}}"""
        .formatted(code, message, reason, message);
  }

  private static Map<String, String> form(String encoded) {
    Map<String, String> fields = new HashMap<>();
    if (encoded == null || encoded.isEmpty()) {
      return fields;
    }
    for (String pair : encoded.split("&")) {
      int at = pair.indexOf('=');
      if (at > 0) {
        fields.put(
            URLDecoder.decode(pair.substring(0, at), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(at + 1), StandardCharsets.UTF_8));
      }
    }
    return fields;
  }

  private static void answer(HttpExchange exchange, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
    exchange.sendResponseHeaders(status, body.length);
    try (var out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static String newPrivateKey() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
      return "-----BEGIN PRIVATE KEY-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
              .encodeToString(pkcs8)
          + "\n-----END PRIVATE KEY-----\n";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
