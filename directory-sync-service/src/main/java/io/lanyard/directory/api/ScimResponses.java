package io.lanyard.directory.api;

import io.lanyard.directory.application.ScimException;
import io.lanyard.directory.client.DirectoryWrites;
import io.lanyard.kernel.DomainException;
import io.lanyard.runtime.api.DependencyUnavailable;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/** SCIM's media type and error body (RFC 7644 §3.12), and every failure turned into one. */
public final class ScimResponses {

  public static final String MEDIA_TYPE = "application/scim+json";
  public static final String ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";
  private static final Logger LOG = Logger.getLogger(ScimResponses.class);

  private ScimResponses() {}

  public static Response ok(Object body) {
    return Response.ok(body, MEDIA_TYPE).build();
  }

  public static Response error(int status, String scimType, String detail) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("schemas", List.of(ERROR_SCHEMA));
    body.put("status", Integer.toString(status));
    if (scimType != null) {
      body.put("scimType", scimType);
    }
    body.put("detail", detail);
    Response.ResponseBuilder response = Response.status(status).type(MEDIA_TYPE).entity(body);
    if (status == 401) {
      response.header("WWW-Authenticate", "Bearer realm=\"scim\"");
    }
    return response.build();
  }

  /**
   * Any failure of a SCIM request as SCIM's error; the unexpected as 500, detail in the log only.
   */
  public static Response failure(Throwable failure) {
    if (failure instanceof ScimException scim) {
      return error(scim.status(), scim.scimType(), scim.getMessage());
    }
    if (failure instanceof DomainException domain) {
      return switch (domain.kind()) {
        case INVALID -> error(400, "invalidValue", domain.getMessage());
        case NOT_FOUND -> error(404, null, domain.getMessage());
        case CONFLICT -> error(409, "uniqueness", domain.getMessage());
        case FORBIDDEN -> error(403, null, domain.getMessage());
      };
    }
    if (failure instanceof DirectoryWrites.Unavailable unavailable) {
      return error(503, null, unavailable.getMessage() + "; try again later");
    }
    if (DependencyUnavailable.causes(failure)) {
      // PostgreSQL restarting or a service refusing connections: Entra retries a 503 later.
      LOG.warnf("SCIM request unavailable: %s", failure.toString());
      return Response.fromResponse(
              error(503, null, "the service is unavailable for the moment; try again later"))
          .header("Retry-After", "1")
          .build();
    }
    LOG.error("SCIM request failed", failure);
    return error(500, null, "the request could not be completed");
  }
}
