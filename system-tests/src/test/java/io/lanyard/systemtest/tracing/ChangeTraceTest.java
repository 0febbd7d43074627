package io.lanyard.systemtest.tracing;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lanyard.systemtest.harness.Device;
import io.lanyard.systemtest.harness.LanyardSystem;
import io.lanyard.systemtest.harness.Service;
import io.lanyard.systemtest.harness.SystemExtension;
import io.lanyard.systemtest.harness.Tenant;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * "I changed the code and the printer still refuses it": one SCIM create, followed through Zipkin's
 * API as an operator would, is one trace with spans of all five services, each caused by the one
 * before: the SCIM request in directory-sync-service, its calls to identity-service and
 * credential-service, their events' publications, and the applications of those events by
 * notification-service (the code's email) and device-gateway (the login model).
 */
@ExtendWith(SystemExtension.class)
class ChangeTraceTest {

  private static final Duration WITHIN = Duration.ofSeconds(30);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aScimCreateIsOneTraceThroughAllFiveServicesInCausalOrder(LanyardSystem system) {
    Tenant tenant = system.createTenant("traced");
    Tenant.ScimEndpoint scim = tenant.issueScimToken();
    Device device = tenant.registerDevice("Traced MFD");
    String traceId = hex(16);
    String callerSpan = hex(8);

    scim.createUser(
            "tia@traced.example",
            "Tia",
            "T1AC0D",
            Map.of("traceparent", "00-" + traceId + "-" + callerSpan + "-01"))
        .expect(201);
    device.awaitCodeLogin("T1AC0D", 200);
    system.mailbox().await("tia@traced.example", 1, WITHIN);

    Map<String, JsonNode> spans = awaitWholeTraceOfAllFive(system, traceId, callerSpan);
    System.out.println("the SCIM create's trace " + traceId + ":\n" + tree(spans, callerSpan, ""));
    JsonNode scimRequest =
        spans.values().stream()
            .filter(span -> callerSpan.equals(text(span, "parentId")))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no span continues the caller's: " + spans));
    assertEquals("directory-sync-service", service(scimRequest));
    assertEquals("SERVER", text(scimRequest, "kind"));

    for (JsonNode span : spans.values()) {
      if (span == scimRequest) {
        continue;
      }
      JsonNode parent = spans.get(text(span, "parentId"));
      assertNotNull(parent, "every span hangs from one of the trace: " + span);
      assertTrue(
          span.get("timestamp").asLong() >= parent.get("timestamp").asLong(),
          "a span starts after its cause: " + span + " after " + parent);
    }
    for (String service : List.of("identity-service", "credential-service")) {
      JsonNode first = firstOf(spans, service);
      assertTrue(
          ancestors(spans, first).contains(scimRequest), service + " works for the SCIM request");
    }
    for (String service : List.of("notification-service", "device-gateway")) {
      JsonNode applied =
          spans.values().stream()
              .filter(span -> service.equals(service(span)))
              .filter(span -> "CONSUMER".equals(text(span, "kind")))
              .findFirst()
              .orElseThrow(() -> new AssertionError(service + " applied nothing of the trace"));
      JsonNode published = spans.get(text(applied, "parentId"));
      assertEquals("PRODUCER", text(published, "kind"), service + " applies a published event");
      assertTrue(
          Set.of("identity-service", "credential-service").contains(service(published)),
          service + " applies an event of identity or credential: " + published);
      assertTrue(ancestors(spans, published).contains(scimRequest));
    }
    for (JsonNode published : spans.values()) {
      if ("PRODUCER".equals(text(published, "kind"))) {
        JsonNode command = spans.get(text(published, "parentId"));
        assertEquals(service(published), service(command), "published by its own service");
        assertTrue(
            text(command, "name").matches("\\S+ (append|start)"),
            "an event is published from the command that appended it: " + command);
      }
    }
    assertFalse(spans.values().toString().contains("T1AC0D"), "no span carries the access code");
  }

  @Test
  void aLogLineLeadsToItsTraceAndHoldsNoCode(LanyardSystem system) throws IOException {
    Tenant tenant = system.createTenant("logged");
    Tenant.ScimEndpoint scim = tenant.issueScimToken();
    scim.createUser("lou@logged.example", "Lou", "L0GC0D").expect(201);
    String traceId = hex(16);

    scim.createUser(
            "lea@logged.example",
            "Lea",
            "L0GC0D",
            Map.of("traceparent", "00-" + traceId + "-" + hex(8) + "-01"))
        .expect(409);

    Path log = system.service(Service.DIRECTORY_SYNC).log();
    JsonNode line = awaitLogLine(log, traceId, "removing the user");
    String spanId = line.path("mdc").path("spanId").asText();
    assertTrue(spanId.matches("[0-9a-f]{16}"), "the line names its span: " + line);
    assertEquals("INFO", line.path("level").asText());
    Set<String> spansOfTheTrace = awaitSpan(system, traceId, spanId);
    assertTrue(spansOfTheTrace.contains(spanId), "the line's span is one of the trace");
    assertFalse(Files.readString(log).contains("L0GC0D"), "no line holds the access code");
  }

  @Test
  void aSearchsTraceHoldsItsRouteAndNotWhomItSearchedFor(LanyardSystem system) {
    Tenant tenant = system.createTenant("searched");
    Tenant.ScimEndpoint scim = tenant.issueScimToken();
    scim.createUser("sought.person@searched.example", "Sought", null).expect(201);
    String traceId = hex(16);

    scim.findUsers(
            "userName eq \"sought.person@searched.example\"",
            Map.of("traceparent", "00-" + traceId + "-" + hex(8) + "-01"))
        .expect(200);

    JsonNode search = awaitServerSpan(system, traceId);
    assertEquals(
        "/scim/v2/tenants/{tenantId}/Users",
        search.path("tags").path("url.path").asText(),
        "the search's route: " + search);
    String trace = system.zipkin().trace(traceId).toString();
    assertFalse(trace.contains("sought"), "the trace names nobody: " + trace);
  }

  /** The first JSON line of the trace that says {@code message}, once there is one. */
  private static JsonNode awaitLogLine(Path log, String traceId, String message) {
    JsonNode line =
        waiting("a JSON line of trace " + traceId + " saying '" + message + "'")
            .until(() -> jsonLine(log, traceId, message), Optional::isPresent)
            .get();
    assertEquals(traceId, line.path("mdc").path("traceId").asText(), "the line's trace");
    return line;
  }

  private static Optional<JsonNode> jsonLine(Path log, String traceId, String message)
      throws IOException {
    for (String text : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      if (text.startsWith("{") && text.contains(traceId) && text.contains(message)) {
        return Optional.of(JSON.readTree(text));
      }
    }
    return Optional.empty();
  }

  private static Set<String> awaitSpan(LanyardSystem system, String traceId, String spanId) {
    return waiting("span " + spanId + " in trace " + traceId)
        .until(() -> byId(system.zipkin().trace(traceId)).keySet(), ids -> ids.contains(spanId));
  }

  private static JsonNode awaitServerSpan(LanyardSystem system, String traceId) {
    return waiting("the search's span")
        .until(
            () ->
                byId(system.zipkin().trace(traceId)).values().stream()
                    .filter(span -> "SERVER".equals(text(span, "kind")))
                    .filter(span -> "directory-sync-service".equals(service(span)))
                    .findFirst(),
            Optional::isPresent)
        .get();
  }

  /**
   * The trace once it has spans of all five services and every span's parent is there: each service
   * sends its spans in batches of its own, so the SCIM request's span, which ends last, may arrive
   * after its descendants.
   */
  private static Map<String, JsonNode> awaitWholeTraceOfAllFive(
      LanyardSystem system, String traceId, String callerSpan) {
    Set<String> five =
        Set.of(Service.values()).stream().map(Service::module).collect(Collectors.toSet());
    return waiting("trace " + traceId + ", whole, with all five services")
        .until(
            () -> byId(system.zipkin().trace(traceId)),
            spans ->
                spans.values().stream()
                        .map(ChangeTraceTest::service)
                        .collect(Collectors.toSet())
                        .containsAll(five)
                    && spans.values().stream()
                        .map(span -> text(span, "parentId"))
                        .allMatch(
                            parent -> callerSpan.equals(parent) || spans.containsKey(parent)));
  }

  private static ConditionFactory waiting(String what) {
    return await(what).atMost(WITHIN).pollInterval(Duration.ofMillis(300));
  }

  /** The trace as an operator reads it: service, kind and name, children indented. */
  private static String tree(Map<String, JsonNode> spans, String parentId, String indent) {
    StringBuilder out = new StringBuilder();
    spans.values().stream()
        .filter(span -> parentId.equals(text(span, "parentId")))
        .sorted((a, b) -> Long.compare(a.get("timestamp").asLong(), b.get("timestamp").asLong()))
        .forEach(
            span ->
                out.append(indent)
                    .append(service(span))
                    .append(' ')
                    .append(span.path("kind").asText("INTERNAL"))
                    .append(' ')
                    .append(text(span, "name"))
                    .append('\n')
                    .append(tree(spans, text(span, "id"), indent + "  ")));
    return out.toString();
  }

  private static Map<String, JsonNode> byId(JsonNode trace) {
    Map<String, JsonNode> spans = new HashMap<>();
    trace.forEach(span -> spans.put(span.get("id").asText(), span));
    return spans;
  }

  private static JsonNode firstOf(Map<String, JsonNode> spans, String service) {
    return spans.values().stream()
        .filter(span -> service.equals(service(span)))
        .min((a, b) -> Long.compare(a.get("timestamp").asLong(), b.get("timestamp").asLong()))
        .orElseThrow();
  }

  private static List<JsonNode> ancestors(Map<String, JsonNode> spans, JsonNode span) {
    List<JsonNode> chain = new java.util.ArrayList<>();
    for (JsonNode at = spans.get(text(span, "parentId"));
        at != null;
        at = spans.get(text(at, "parentId"))) {
      chain.add(at);
    }
    return chain;
  }

  private static String service(JsonNode span) {
    return span.path("localEndpoint").path("serviceName").asText();
  }

  private static String text(JsonNode span, String field) {
    JsonNode value = span.get(field);
    return value == null ? null : value.asText();
  }

  private static String hex(int bytes) {
    byte[] random = new byte[bytes];
    RANDOM.nextBytes(random);
    return HexFormat.of().formatHex(random);
  }
}
