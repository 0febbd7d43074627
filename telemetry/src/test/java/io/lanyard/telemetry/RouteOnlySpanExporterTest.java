package io.lanyard.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;

class RouteOnlySpanExporterTest {

  private static final String FILTER = "filter=userName%20eq%20%22tia%40traced.example%22";

  @Test
  void aServerSpanKeepsItsRouteAndLosesThePathsAndQuerysValues() {
    SpanData exported =
        exportedOf(
            SpanKind.SERVER,
            Attributes.builder()
                .put("http.route", "/scim/v2/tenants/{tenantId}/Users")
                .put("url.path", "/scim/v2/tenants/acme/Users")
                .put("url.query", FILTER)
                .put("http.target", "/scim/v2/tenants/acme/Users?" + FILTER)
                .put("http.response.status_code", 200L)
                .build());

    Attributes attributes = exported.getAttributes();
    assertEquals("/scim/v2/tenants/{tenantId}/Users", attributes.get(RouteOnlySpanExporter.PATH));
    assertNull(attributes.get(RouteOnlySpanExporter.QUERY));
    assertNull(attributes.get(AttributeKey.stringKey("http.target")));
    assertEquals(200L, attributes.get(AttributeKey.longKey("http.response.status_code")));
    assertEquals(attributes.size(), exported.getTotalAttributeCount());
    assertFalse(attributes.toString().contains("tia"), attributes.toString());
  }

  @Test
  void aClientSpansUrlIsCutToItsOriginAndAPathWithoutARouteIsDropped() {
    SpanData exported =
        exportedOf(
            SpanKind.CLIENT,
            Attributes.builder()
                .put(
                    "url.full",
                    "http://svc:secret@identity:8080/internal/users/by-external-id/scim/"
                        + "tia@traced.example?x=1")
                .put("url.path", "/internal/users/by-external-id/scim/tia@traced.example")
                .put("http.request.method", "GET")
                .build());

    Attributes attributes = exported.getAttributes();
    assertEquals("http://identity:8080", attributes.get(RouteOnlySpanExporter.FULL));
    assertNull(attributes.get(RouteOnlySpanExporter.PATH));
    assertEquals("GET", attributes.get(AttributeKey.stringKey("http.request.method")));
    assertFalse(attributes.toString().contains("tia"), attributes.toString());
    assertFalse(attributes.toString().contains("secret"), attributes.toString());
  }

  @Test
  void aSpanWithoutAUrlGoesOnAsItIs() {
    SpanData exported =
        exportedOf(
            SpanKind.PRODUCER, Attributes.of(AttributeKey.stringKey("messaging.system"), "kafka"));

    assertEquals("kafka", exported.getAttributes().get(AttributeKey.stringKey("messaging.system")));
  }

  private static SpanData exportedOf(SpanKind kind, Attributes attributes) {
    InMemorySpanExporter received = InMemorySpanExporter.create();
    SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(new RouteOnlySpanExporter(received)))
            .build();
    provider
        .get("test")
        .spanBuilder("span")
        .setSpanKind(kind)
        .setAllAttributes(attributes)
        .startSpan()
        .end();
    // Read before closing: the in-memory exporter forgets its spans when shut down.
    SpanData exported = received.getFinishedSpanItems().get(0);
    provider.close();
    return exported;
  }
}
