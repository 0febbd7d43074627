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
      server.createContext("/admin/directory/v1/users", fake::users);
      server.createContext("/admin/directory_v1/channels/stop", fake::stop);
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
    return settings("manual", source, orgUnits, deleteRemovedUsers);
  }

  public String settings(
      String syncMode, String source, List<String> orgUnits, boolean deleteRemovedUsers) {
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
    settings.put("syncMode", syncMode);
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

  /** An open push channel, as {@code users.watch} made it. */
  public record Channel(String id, String resourceId, String address, String token) {}

  private final Map<String, Channel> channels = new LinkedHashMap<>();

  public synchronized List<Channel> openChannels() {
    return List.copyOf(channels.values());
  }

  /**
   * What Google does when a user changes: a notification to every open channel, with its id and
   * token; answers the HTTP statuses the receivers gave.
   */
  public List<Integer> push(String state) {
    List<Integer> statuses = new ArrayList<>();
    for (Channel channel : openChannels()) {
      statuses.add(notify(channel, channel.token(), state));
    }
    return statuses;
  }

  /** A notification with a token of the caller's choosing (a forger's). */
  public int notify(Channel channel, String token, String state) {
    try {
      var request =
          java.net.http.HttpRequest.newBuilder(java.net.URI.create(channel.address()))
              .header("X-Goog-Channel-ID", channel.id())
              .header("X-Goog-Channel-Token", token)
              .header("X-Goog-Resource-ID", channel.resourceId())
              .header("X-Goog-Resource-State", state)
              .header("X-Goog-Message-Number", "1")
              .header("Content-Type", "application/json; charset=UTF-8")
              .POST(
                  java.net.http.HttpRequest.BodyPublishers.ofString(
                      "{\"kind\":\"admin#directory#user\"}"))
              .build();
      return java.net.http.HttpClient.newHttpClient()
          .send(request, java.net.http.HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void users(HttpExchange exchange) throws IOException {
    if (exchange.getRequestURI().getPath().endsWith("/watch")) {
      watch(exchange);
    } else {
      list(exchange);
    }
  }

  private void watch(HttpExchange exchange) throws IOException {
    var body = JSON.readTree(body(exchange));
    Channel channel =
        new Channel(
            body.path("id").asText(),
            "resource-" + body.path("id").asText(),
            body.path("address").asText(),
            body.path("token").asText());
    synchronized (this) {
      channels.put(channel.id(), channel);
    }
    ObjectNode answer = JSON.createObjectNode();
    answer.put("kind", "api#channel");
    answer.put("id", channel.id());
    answer.put("resourceId", channel.resourceId());
    answer.put("resourceUri", rootUrl() + "admin/directory/v1/users?alt=json");
    answer.put("expiration", String.valueOf(body.path("expiration").asLong()));
    answer(exchange, 200, answer.toString());
  }

  /** A request's body; Google's client gzips what it posts. */
  private static byte[] body(HttpExchange exchange) throws IOException {
    var in = exchange.getRequestBody();
    if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
      in = new java.util.zip.GZIPInputStream(in);
    }
    return in.readAllBytes();
  }

  private void stop(HttpExchange exchange) throws IOException {
    var body = JSON.readTree(body(exchange));
    synchronized (this) {
      channels.remove(body.path("id").asText());
    }
    exchange.sendResponseHeaders(204, -1);
    exchange.close();
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
