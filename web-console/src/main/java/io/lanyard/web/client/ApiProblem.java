package io.lanyard.web.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/**
 * A service's refusal, as its error body says it ({@code {"error","message"}}): the page shows the
 * message, next to the field it names ({@code invalid_<field>}) when it names one.
 */
public record ApiProblem(int status, String code, String message) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public static ApiProblem of(WebApplicationException refused) {
    Response response = refused.getResponse();
    int status = response == null ? 500 : response.getStatus();
    String body = null;
    try {
      if (response != null && response.hasEntity()) {
        body = response.readEntity(String.class);
      }
    } catch (Exception unreadable) {
      // Nothing to read: the status alone must do.
    }
    return of(status, body);
  }

  /** A refusal read from its status and body (a call made without a REST client). */
  public static ApiProblem of(int status, String body) {
    String code = "error";
    String message = null;
    try {
      if (body != null && !body.isBlank()) {
        JsonNode json = JSON.readTree(body);
        code = json.path("error").asText(code);
        message = json.path("message").asText(null);
      }
    } catch (Exception unreadable) {
      // Not our error body (a proxy's page, say): the status alone must do.
    }
    return new ApiProblem(status, code, message);
  }

  /** The field in snake case the refusal names, or null. */
  public String field() {
    return code.startsWith("invalid_") ? code.substring("invalid_".length()) : null;
  }

  /**
   * The field the message starts with, as the services word it ({@code "validUntil: must be after
   * validFrom"}), or null: refusals coded {@code invalid_field} name their field only there.
   */
  public String subject() {
    if (message == null) {
      return null;
    }
    int colon = message.indexOf(':');
    String head = colon < 1 ? "" : message.substring(0, colon);
    return head.matches("[A-Za-z][A-Za-z0-9]{0,40}") ? head : null;
  }

  /** What the service said, or its status when it said nothing readable. */
  public String said() {
    return message == null ? "HTTP " + status : message;
  }

  public boolean is(String errorCode) {
    return code.equals(errorCode);
  }
}
