package io.lanyard.runtime.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.lanyard.eventstore.ConcurrencyConflictException;
import io.lanyard.kernel.DomainException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error leaves as {@code {"error","message"}}: our own, security's, the framework's (unknown
 * path, wrong method or media type, unreadable JSON), PostgreSQL or a peer away (503, try again),
 * and the unexpected (500, details only in the log).
 */
public class ApiExceptionMappers {

  private static final Logger LOG = Logger.getLogger(ApiExceptionMappers.class);

  public static Response error(int status, String code, String message) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(new ApiError(code, message))
        .build();
  }

  @ServerExceptionMapper
  public Response api(ApiException e) {
    Response.ResponseBuilder response =
        Response.status(e.status())
            .type(MediaType.APPLICATION_JSON_TYPE)
            .entity(new ApiError(e.code(), e.getMessage()));
    e.headers().forEach(response::header);
    return response.build();
  }

  /** The domain's refusals: invalid → 400, unknown → 404, conflicting → 409, forbidden → 403. */
  @ServerExceptionMapper
  public Response refused(DomainException e) {
    int status =
        switch (e.kind()) {
          case INVALID -> 400;
          case NOT_FOUND -> 404;
          case CONFLICT -> 409;
          case FORBIDDEN -> 403;
        };
    return error(status, e.code(), e.getMessage());
  }

  @ServerExceptionMapper
  public Response conflict(ConcurrencyConflictException e) {
    return error(
        409,
        "concurrent_modification",
        "the resource was changed by another request at the same time; try again");
  }

  @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
  public Response unauthorized(RuntimeException e) {
    return error(401, "unauthorized", "a valid bearer token is required");
  }

  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e) {
    return error(403, "forbidden", "the token's roles do not allow this");
  }

  @ServerExceptionMapper
  public Response unreadable(JsonProcessingException e) {
    if (e instanceof HostileJson.UnacceptableText text) {
      String field = pathOf(text);
      return refused(
          DomainException.invalidField(
              field.isEmpty() ? "body" : field, text.getOriginalMessage()));
    }
    return error(400, "invalid_json", describe(e));
  }

  /** Named apart: Quarkus REST has a mapper of its own for this exact type, without our body. */
  @ServerExceptionMapper
  public Response mismatched(MismatchedInputException e) {
    return unreadable(e);
  }

  @ServerExceptionMapper
  public Response web(WebApplicationException e) {
    int status = e.getResponse().getStatus();
    if (e.getCause() instanceof JsonProcessingException json) {
      return unreadable(json);
    }
    String code =
        switch (status) {
          case 400 -> "bad_request";
          case 404 -> "not_found";
          case 405 -> "method_not_allowed";
          case 406 -> "not_acceptable";
          case 415 -> "unsupported_media_type";
          default -> status >= 500 ? "internal_error" : "request_failed";
        };
    String message = status >= 500 ? "the server failed to answer" : e.getMessage();
    return error(status, code, message);
  }

  @ServerExceptionMapper
  public Response unexpected(Exception e) {
    if (DependencyUnavailable.causes(e)) {
      // PostgreSQL restarting or away: expected for a while, and /q/health/ready says so too.
      LOG.warnf("unavailable: %s", e.toString());
      return Response.fromResponse(
              error(
                  503,
                  "unavailable",
                  "the database or a service this needs is unavailable for the moment; try again"
                      + " (a change in flight may or may not have been made: read it back)"))
          .header("Retry-After", "1")
          .build();
    }
    LOG.error("unexpected failure", e);
    return error(500, "internal_error", "the server failed to answer; the failure is logged");
  }

  private static String pathOf(com.fasterxml.jackson.databind.JsonMappingException e) {
    return e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining("."));
  }

  private static String describe(JsonProcessingException e) {
    if (e instanceof UnrecognizedPropertyException unknown) {
      return "unknown field '" + unknown.getPropertyName() + "'";
    }
    if (e instanceof InvalidFormatException || e instanceof MismatchedInputException) {
      String field = pathOf((MismatchedInputException) e);
      return field.isEmpty()
          ? "the body has the wrong shape"
          : "field '" + field + "' has the wrong type";
    }
    if (e instanceof InputCoercionException) {
      return "a number in the body is out of range";
    }
    if (e instanceof StreamConstraintsException) {
      return "the body is nested too deeply or too large";
    }
    if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")) {
      return "a field is given twice";
    }
    return "the body is not valid JSON";
  }
}
