package io.lanyard.directory.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.ws.rs.core.Response;
import java.net.ConnectException;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * SCIM's answer while PostgreSQL or a peer service is away: a 503 that Entra retries later, in
 * SCIM's error format, never a 500 for the outage of a moment.
 */
class ScimResponsesTest {

  @Test
  void aDependencyAwayIsA503ToTryAgainInScimsFormat() {
    Response answer =
        ScimResponses.failure(
            new CompletionException(new ConnectException("Connection refused: /127.0.0.1:5432")));

    assertEquals(503, answer.getStatus());
    assertEquals("1", answer.getHeaderString("Retry-After"));
    assertEquals(ScimResponses.MEDIA_TYPE, answer.getMediaType().toString());
    Map<?, ?> body = (Map<?, ?>) answer.getEntity();
    assertEquals("503", body.get("status"));
  }

  @Test
  void aBugIsStillA500() {
    assertEquals(500, ScimResponses.failure(new IllegalStateException("a bug")).getStatus());
  }
}
