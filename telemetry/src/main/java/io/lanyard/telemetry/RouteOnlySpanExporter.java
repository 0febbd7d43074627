package io.lanyard.telemetry;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.DelegatingSpanData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.net.URI;
import java.util.Collection;
import java.util.List;

/**
 * Sends spans on with each request's route and never the values in its path or query: SCIM filters
 * hold user names and emails, and an external id in a path may be an email. A trace store is
 * outside what a person's erasure (ADR 7) reaches, so what it never receives cannot outlive them.
 */
final class RouteOnlySpanExporter implements SpanExporter {

  static final AttributeKey<String> QUERY = AttributeKey.stringKey("url.query");
  static final AttributeKey<String> PATH = AttributeKey.stringKey("url.path");
  static final AttributeKey<String> FULL = AttributeKey.stringKey("url.full");
  static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");

  /**
   * Every attribute that may hold a request's values, the older semantic conventions' names too
   * (which some instrumentations still set): dropped, and the route or origin put back.
   */
  static final List<AttributeKey<String>> WITH_VALUES =
      List.of(
          QUERY,
          PATH,
          FULL,
          AttributeKey.stringKey("http.url"),
          AttributeKey.stringKey("http.target"));

  private final SpanExporter next;

  RouteOnlySpanExporter(SpanExporter next) {
    this.next = next;
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    return next.export(spans.stream().map(RouteOnlySpanExporter::shaped).toList());
  }

  @Override
  public CompletableResultCode flush() {
    return next.flush();
  }

  @Override
  public CompletableResultCode shutdown() {
    return next.shutdown();
  }

  static SpanData shaped(SpanData span) {
    Attributes attributes = span.getAttributes();
    if (WITH_VALUES.stream().allMatch(key -> attributes.get(key) == null)) {
      return span;
    }
    Attributes shaped = shaped(attributes);
    return new DelegatingSpanData(span) {
      @Override
      public Attributes getAttributes() {
        return shaped;
      }

      @Override
      public int getTotalAttributeCount() {
        return shaped.size();
      }
    };
  }

  /**
   * The attributes with the path replaced by its route (dropped when there is none) and a full URL
   * cut to its origin: the server's span on the other side names the route.
   */
  static Attributes shaped(Attributes attributes) {
    AttributesBuilder shaped = attributes.toBuilder();
    WITH_VALUES.forEach(shaped::remove);
    String route = attributes.get(ROUTE);
    if (attributes.get(PATH) != null && route != null) {
      shaped.put(PATH, route);
    }
    String full = attributes.get(FULL);
    if (full != null) {
      shaped.put(FULL, origin(full));
    }
    return shaped.build();
  }

  private static String origin(String url) {
    try {
      URI uri = URI.create(url);
      if (uri.getScheme() == null || uri.getHost() == null) {
        return "";
      }
      // Without user information, which a URL may carry too.
      return uri.getScheme()
          + "://"
          + uri.getHost()
          + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    } catch (IllegalArgumentException e) {
      return "";
    }
  }
}
