package io.lanyard.runtime.client;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Optional;

/**
 * Another Lanyard service's refusal of a command: its 4xx status and the {@code error} and {@code
 * message} of its body. Anything else (5xx, no answer, 401/403 of our own identity) is not a
 * refusal of the command but the other service being unavailable.
 */
public record RemoteRefusal(int status, String error, String message) {

  /** The refusal in a REST client's failure, if it is one. */
  public static Optional<RemoteRefusal> of(Throwable failure) {
    if (failure instanceof WebApplicationException http && http.getResponse() != null) {
      Response response = http.getResponse();
      int status = response.getStatus();
      if (status >= 400 && status < 500 && status != 401 && status != 403) {
        Map<?, ?> body = body(response);
        return Optional.of(
            new RemoteRefusal(
                status, String.valueOf(body.get("error")), String.valueOf(body.get("message"))));
      }
    }
    return Optional.empty();
  }

  private static Map<?, ?> body(Response response) {
    try {
      return response.readEntity(Map.class);
    } catch (RuntimeException e) {
      return Map.of("error", "refused", "message", "refused with " + response.getStatus());
    }
  }
}
