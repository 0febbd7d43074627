package io.lanyard.runtime.api;

import io.lanyard.kernel.Text;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Path segments and query parameters follow {@link Text}'s rule as bodies do, before anything reads
 * them: a NUL or another control character in an id or a search would otherwise reach PostgreSQL,
 * which refuses it with an error of its own (a 500).
 */
public class HostileUriFilter {

  /** Ids, slugs and searches are short; a longer segment is refused before any lookup. */
  static final int MOST_IN_A_SEGMENT = 1024;

  @ServerRequestFilter(preMatching = true)
  public Response check(HttpServerRequest request) {
    // The raw request line as Vert.x read it: the JAX-RS view (UriInfo) parses it with
    // java.net.URI, which throws on a raw '{', '|' or a bare '%' and turned such a request into a
    // 500.
    String rawPath = request.path() == null ? "" : request.path();
    boolean scim = rawPath.startsWith("/scim/");
    if (!legal(rawPath, false)) {
      return refused(scim, "invalid_path", "the path holds characters a URL may not carry");
    }
    for (String raw : rawPath.split("/")) {
      String segment = decoded(raw, false);
      if (segment == null) {
        return refused(scim, "invalid_path", "a segment of the path is not properly encoded UTF-8");
      }
      String problem = Text.lineProblem(segment, MOST_IN_A_SEGMENT);
      if (problem != null) {
        return refused(scim, "invalid_path", "a segment of the path " + problem);
      }
    }
    String query = request.query();
    if (query == null) {
      return null;
    }
    if (!legal(query, true)) {
      return refused(scim, "invalid_query", "the query holds characters a URL may not carry");
    }
    for (String parameter : query.split("&")) {
      int equals = parameter.indexOf('=');
      String name = decoded(equals < 0 ? parameter : parameter.substring(0, equals), true);
      String value = equals < 0 ? "" : decoded(parameter.substring(equals + 1), true);
      String problem =
          name == null || value == null
              ? "is not properly encoded"
              : Text.problem(name, MOST_IN_A_SEGMENT) != null
                  ? Text.problem(name, MOST_IN_A_SEGMENT)
                  : Text.problem(value, Text.MOST_CHARACTERS);
      if (problem != null) {
        return refused(
            scim, "invalid_query", "query parameter '" + printable(name) + "' " + problem);
      }
    }
    return null;
  }

  /**
   * RFC 3986's characters of a path or query: unreserved, sub-delims, ':', '@', '/', '%' (escapes
   * are checked when decoded) and, in a query, '?'. Anything else would break the URI parsers
   * further in.
   */
  static boolean legal(String raw, boolean query) {
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      boolean allowed =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "-._~!$&'()*+,;=:@/%".indexOf(c) >= 0
              || (query && c == '?');
      if (!allowed) {
        return false;
      }
    }
    return true;
  }

  /**
   * Percent-decoded as strict UTF-8; null when the escapes or the bytes are broken. A '+' is a
   * space only in a query (form encoding); in a path it is itself.
   */
  static String decoded(String raw, boolean plusIsSpace) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= raw.length()) {
          return null;
        }
        int high = Character.digit(raw.charAt(i + 1), 16);
        int low = Character.digit(raw.charAt(i + 2), 16);
        if (high < 0 || low < 0) {
          return null;
        }
        bytes.write(high * 16 + low);
        i += 2;
      } else if (c == '+' && plusIsSpace) {
        bytes.write(' ');
      } else {
        bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException broken) {
      return null;
    }
  }

  /**
   * Lanyard's error body; on SCIM's paths, SCIM's (RFC 7644 §3.12): its clients read only that, and
   * this filter runs before any SCIM resource could answer in its own way.
   */
  private static Response refused(boolean scim, String code, String message) {
    if (scim) {
      return Response.status(400)
          .type("application/scim+json")
          .entity(
              java.util.Map.of(
                  "schemas",
                  java.util.List.of("urn:ietf:params:scim:api:messages:2.0:Error"),
                  "status",
                  "400",
                  "scimType",
                  "invalidValue",
                  "detail",
                  message))
          .build();
    }
    return ApiExceptionMappers.error(400, code, message);
  }

  private static String printable(String name) {
    return name != null && Text.problem(name, 64) == null ? name : "?";
  }
}
