package io.lanyard.testsupport;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Walks every operation of a service's own {@code /q/openapi} document with inputs no client should
 * send (control characters and broken characters in path segments, queries and body fields;
 * malformed JSON, duplicate keys, wrong types, deep nesting, huge numbers and strings) and lists
 * every answer that is not a 4xx with the JSON error body (or SCIM's) in Lanyard's own words: a
 * 5xx, a 2xx (bad data accepted), or a message passing a parser's or framework's text through.
 */
public final class HostileInputs {

  /** One request that was answered wrongly. */
  public record Finding(String request, int status, String body) {
    @Override
    public String toString() {
      return request
          + " -> "
          + status
          + " "
          + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final Pattern PARAMETER = Pattern.compile("\\{([^}/]+)}");
  private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

  /** What no message may show: a class, a package, SQL, a stack frame, a parser's own words. */
  private static final List<String> INTERNALS =
      List.of(
          "Exception",
          "java.",
          "jakarta.",
          "com.fasterxml",
          "org.jboss",
          "io.vertx",
          "io.lanyard",
          "SQL",
          "syntax error",
          "\tat ",
          "Unrecognized token",
          "Cannot deserialize",
          "Unexpected character",
          "JSON parse error",
          "Duplicate field",
          "line: ",
          "column: ",
          "NullPointer",
          "ERROR:");

  private static final List<String> HOSTILE_SEGMENTS =
      List.of("%00", "a%0Ab", "%ED%A0%80", "%C3%28", "x".repeat(2000));

  private static final List<String> HOSTILE_QUERY_VALUES =
      List.of("%00", "%ED%A0%80", "%1F", "x".repeat(9000));

  /** What no number parameter may be (a page, a size). */
  private static final List<String> HOSTILE_NUMBERS =
      List.of("abc", "-1", "1.5", "99999999999999999999", "0x10");

  /**
   * Characters no URL may carry raw, and broken escapes: java.net.URI (so any HTTP client that
   * builds one) refuses to send them, so they go over a plain socket.
   */
  private static final List<String> RAW_HOSTILE =
      List.of(
          "a{b",
          "a|b",
          "a\\b",
          "a^b",
          "a<b>",
          "a\"b",
          "a`b",
          "%",
          "%zz",
          "a%4",
          "a[b]",
          "a#b",
          "\u00e9t\u00e9");

  private HostileInputs() {}

  /**
   * The {@code Authorization} header the paths of DESIGN.md take: an operator's token on {@code
   * /ops}, a service's on {@code /internal} (device-gateway's for card registration,
   * directory-sync's for the rest), a user's on {@code /me}, an admin's elsewhere; {@code others}
   * (by path prefix) first, for the device and SCIM tokens a test made itself.
   */
  public static Function<String, String> tokens(String tenant, Map<String, String> others) {
    return path -> {
      for (Map.Entry<String, String> other : others.entrySet()) {
        if (path.startsWith(other.getKey())) {
          return other.getValue() == null ? null : "Bearer " + other.getValue();
        }
      }
      return "Bearer "
          + (path.startsWith("/ops")
              ? TestTokens.operator()
              : path.contains("/cards/by-code")
                  ? TestTokens.service("device-gateway")
                  : path.startsWith("/internal")
                      ? TestTokens.service("directory-sync-service")
                      : path.startsWith("/me")
                          ? TestTokens.user(tenant)
                          : TestTokens.admin(tenant));
    };
  }

  /** Walks the document and fails, listing every bad answer, if there is any. */
  public static void assertEveryOperationAnswersWell(
      String tenant, Function<String, String> authorization) throws Exception {
    List<Finding> findings = walk(tenant, authorization);
    findings.forEach(finding -> System.out.println("bad answer: " + finding));
    org.junit.jupiter.api.Assertions.assertTrue(
        findings.isEmpty(),
        findings.size()
            + " bad answers:\n"
            + String.join("\n", findings.stream().map(Finding::toString).toList()));
  }

  /**
   * @param authorization the {@code Authorization} header for a path, or null for none
   */
  public static List<Finding> walk(String tenant, Function<String, String> authorization)
      throws Exception {
    JsonNode document =
        JSON.readTree(given().accept("application/json").get("/q/openapi?format=json").asString());
    List<Finding> findings = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      if (path.getKey().startsWith("/q/")) {
        continue;
      }
      for (Iterator<Map.Entry<String, JsonNode>> operations = path.getValue().fields();
          operations.hasNext(); ) {
        Map.Entry<String, JsonNode> operation = operations.next();
        if (METHODS.contains(operation.getKey())) {
          walkOperation(
              document,
              tenant,
              operation.getKey().toUpperCase(java.util.Locale.ROOT),
              path.getKey(),
              operation.getValue(),
              authorization,
              findings);
        }
      }
    }
    return findings;
  }

  private static void walkOperation(
      JsonNode document,
      String tenant,
      String method,
      String template,
      JsonNode operation,
      Function<String, String> authorization,
      List<Finding> findings) {
    String header = authorization.apply(template);
    List<String> names = new ArrayList<>();
    Matcher matcher = PARAMETER.matcher(template);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    String valid = fill(template, tenant, names, null, null);
    for (String name : names) {
      for (String hostile : HOSTILE_SEGMENTS) {
        check(method, fill(template, tenant, names, name, hostile), header, null, null, findings);
      }
      for (String hostile : RAW_HOSTILE) {
        checkRaw(method, fill(template, tenant, names, name, hostile), header, findings);
      }
    }
    for (JsonNode parameter : operation.path("parameters")) {
      if ("query".equals(parameter.path("in").asText())) {
        for (String hostile : RAW_HOSTILE) {
          checkRaw(
              method,
              valid + "?" + parameter.path("name").asText() + "=" + hostile,
              header,
              findings);
        }
        boolean number =
            Set.of("integer", "number")
                .contains(resolve(document, parameter.path("schema")).path("type").asText());
        for (String hostile :
            number ? concat(HOSTILE_QUERY_VALUES, HOSTILE_NUMBERS) : HOSTILE_QUERY_VALUES) {
          check(
              method,
              valid + "?" + parameter.path("name").asText() + "=" + hostile,
              header,
              null,
              null,
              findings);
        }
      }
    }
    JsonNode content = operation.path("requestBody").path("content");
    if (content.isMissingNode() || !content.fields().hasNext()) {
      return;
    }
    String mediaType = content.fieldNames().next();
    if (!mediaType.contains("json")) {
      return;
    }
    for (String body : hostileBodies(document, content.path(mediaType).path("schema"))) {
      check(method, valid, header, mediaType, body, findings);
    }
  }

  private static List<String> hostileBodies(JsonNode document, JsonNode schema) {
    List<String> bodies = new ArrayList<>();
    bodies.add("{");
    bodies.add("{\"a\":1,\"a\":1}");
    bodies.add("[[[[[[[[[[");
    bodies.add("[".repeat(5000) + "]".repeat(5000));
    bodies.add("{\"a\":".repeat(5000) + "1" + "}".repeat(5000));
    bodies.add("1e99999999");
    bodies.add("\"\\u0000\"");
    bodies.add("null");
    bodies.add("[null]");
    bodies.add("{}");
    JsonNode resolved = resolve(document, schema);
    List<String> properties = new ArrayList<>();
    resolved.path("properties").fieldNames().forEachRemaining(properties::add);
    if (!properties.isEmpty()) {
      for (String value :
          List.of(
              "\"\\u0000\"",
              "\"a\\u0007b\"",
              "\"\\ud800\"",
              "\"" + "x".repeat(100_000) + "\"",
              "[[[[]]]]",
              "{\"$ref\":{}}",
              "99999999999999999999999999",
              "null",
              "[null]",
              "[{}]",
              "[{\"a\":null}]")) {
        Map<String, String> fields = new LinkedHashMap<>();
        properties.forEach(property -> fields.put(property, value));
        StringBuilder body = new StringBuilder("{");
        fields.forEach(
            (name, fieldValue) ->
                body.append(body.length() > 1 ? "," : "")
                    .append('"')
                    .append(name)
                    .append("\":")
                    .append(fieldValue));
        bodies.add(body.append('}').toString());
      }
      // A list of objects whose every field is null: batches read each element's fields.
      for (String property : properties) {
        JsonNode items =
            resolve(
                document,
                resolve(document, resolved.path("properties").path(property)).path("items"));
        List<String> nested = new ArrayList<>();
        items.path("properties").fieldNames().forEachRemaining(nested::add);
        if (!nested.isEmpty()) {
          bodies.add(
              "{\""
                  + property
                  + "\":[{"
                  + String.join(",", nested.stream().map(name -> "\"" + name + "\":null").toList())
                  + "}]}");
        }
      }
      // The first field given twice.
      bodies.add("{\"" + properties.get(0) + "\":\"a\",\"" + properties.get(0) + "\":\"b\"}");
    }
    return bodies;
  }

  private static JsonNode resolve(JsonNode document, JsonNode schema) {
    String ref = schema.path("$ref").asText("");
    if (ref.startsWith("#/components/schemas/")) {
      return document
          .path("components")
          .path("schemas")
          .path(ref.substring("#/components/schemas/".length()));
    }
    return schema;
  }

  private static String fill(
      String template, String tenant, List<String> names, String hostileName, String value) {
    String path = template;
    for (String name : names) {
      String replacement =
          name.equals(hostileName)
              ? value
              : name.toLowerCase(java.util.Locale.ROOT).contains("tenant")
                  ? tenant
                  : UUID.randomUUID().toString();
      path = path.replace("{" + name + "}", replacement);
    }
    return path;
  }

  private static void check(
      String method,
      String path,
      String authorization,
      String mediaType,
      String body,
      List<Finding> findings) {
    // Plain HTTP, not RestAssured: it re-encodes what it is given and chokes on deep bodies, and
    // what is sent here must reach the service byte for byte.
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    if (body != null) {
      request.header("Content-Type", mediaType);
    }
    int status;
    String answer;
    try {
      HttpResponse<String> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      status = response.statusCode();
      answer = response.body();
    } catch (java.io.IOException e) {
      status = 0;
      answer = "no answer: " + e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    judge(method, path, body, status, answer, findings);
  }

  /** Sends the request line exactly as given, over a socket: no client would send it so. */
  private static void checkRaw(
      String method, String path, String authorization, List<Finding> findings) {
    String request =
        method
            + " "
            + path
            + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Length: 0\r\n"
            + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
            + "\r\n";
    int status;
    String answer;
    try (Socket socket = new Socket("localhost", RestAssured.port)) {
      socket.setSoTimeout(30_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
      String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int headersEnd = response.indexOf("\r\n\r\n");
      String head = headersEnd < 0 ? response : response.substring(0, headersEnd);
      String[] statusLine = head.split(" ", 3);
      status = statusLine.length > 1 ? Integer.parseInt(statusLine[1]) : 0;
      String rest = headersEnd < 0 ? "" : response.substring(headersEnd + 4);
      answer =
          head.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")
              ? unchunked(rest)
              : rest;
    } catch (java.io.IOException | NumberFormatException e) {
      status = 0;
      answer = "no answer: " + e;
    }
    if (status == 400 && answer.isEmpty()) {
      // Refused by the HTTP codec (Vert.x) before any code of Lanyard's ran: the connection is
      // closed and no body can be given; a refusal all the same.
      return;
    }
    judge(method, path, null, status, answer, findings);
  }

  private static String unchunked(String chunked) {
    StringBuilder body = new StringBuilder();
    int at = 0;
    while (at < chunked.length()) {
      int lineEnd = chunked.indexOf("\r\n", at);
      if (lineEnd < 0) {
        break;
      }
      int size = Integer.parseInt(chunked.substring(at, lineEnd).trim().split(";")[0], 16);
      if (size == 0) {
        break;
      }
      // Sizes count bytes; the error bodies are ASCII, where bytes and characters agree.
      body.append(chunked, lineEnd + 2, Math.min(chunked.length(), lineEnd + 2 + size));
      at = lineEnd + 2 + size + 2;
    }
    return body.toString();
  }

  private static void judge(
      String method, String path, String body, int status, String answer, List<Finding> findings) {
    String shown =
        method
            + " "
            + (path.length() > 120 ? path.substring(0, 120) + "…" : path)
            + (body == null ? "" : " " + (body.length() > 80 ? body.substring(0, 80) + "…" : body));
    if (status < 400 || status >= 500 || !wellWorded(answer)) {
      findings.add(new Finding(shown, status, answer));
    }
  }

  /** The JSON error body (or SCIM's), with a message that shows no internals. */
  private static boolean wellWorded(String answer) {
    JsonNode error;
    try {
      error = JSON.readTree(answer);
    } catch (Exception notJson) {
      return false;
    }
    String message =
        error.has("error") ? error.path("message").asText(null) : error.path("detail").asText(null);
    if (message == null || message.isBlank()) {
      return false;
    }
    return INTERNALS.stream().noneMatch(message::contains);
  }

  private static List<String> concat(List<String> first, List<String> second) {
    List<String> both = new ArrayList<>(first);
    both.addAll(second);
    return both;
  }
}
