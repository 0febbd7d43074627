package io.lanyard.directory.api;

import io.lanyard.runtime.api.ApiError;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Every error under {@code /scim/}, whoever answered it, in SCIM's error schema (RFC 7644 §3.12) as
 * {@code application/scim+json}: the framework's own answers too (an unknown path, a method a
 * resource does not have, a body or {@code Accept} type it does not take), which the shared mappers
 * write in the admin API's format. A SCIM client reads SCIM's errors only.
 */
public class ScimErrorFilter {

  static final String SCIM_PATHS = "/scim/";

  @ServerResponseFilter
  public void scimErrors(ContainerRequestContext request, ContainerResponseContext response) {
    int status = response.getStatus();
    if (status < 400 || !request.getUriInfo().getPath().startsWith(SCIM_PATHS)) {
      return;
    }
    MediaType type = response.getMediaType();
    if (type != null
        && ScimResponses.MEDIA_TYPE.startsWith(type.getType() + "/" + type.getSubtype())
        && response.getEntity() instanceof Map<?, ?>) {
      return; // already SCIM's
    }
    String detail =
        response.getEntity() instanceof ApiError error ? error.message() : defaultDetail(status);
    var scim = ScimResponses.error(status, scimType(status), detail);
    response.setEntity(scim.getEntity(), null, MediaType.valueOf(ScimResponses.MEDIA_TYPE));
    response.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, ScimResponses.MEDIA_TYPE);
    if (status == 401) {
      response.getHeaders().putSingle("WWW-Authenticate", "Bearer realm=\"scim\"");
    }
    if (status == 405 && !response.getHeaders().containsKey(HttpHeaders.ALLOW)) {
      // RFC 9110 §15.5.6: a 405 names the methods the resource takes; the framework's does not.
      response.getHeaders().putSingle(HttpHeaders.ALLOW, allowed(request.getUriInfo().getPath()));
    }
  }

  /** The methods a SCIM path takes: a user's every write, the collection's create, else reads. */
  private static String allowed(String path) {
    if (path.matches(".*/Users/[^/]+")) {
      return "GET, PUT, PATCH, DELETE";
    }
    return path.endsWith("/Users") ? "GET, POST" : "GET";
  }

  /** RFC 7644 §3.12 gives scimType for 400s; the framework's 400s are requests it cannot read. */
  private static String scimType(int status) {
    return status == 400 ? "invalidSyntax" : null;
  }

  private static String defaultDetail(int status) {
    return switch (status) {
      case 404 ->
          "no such resource: this SCIM server serves /Users, /ServiceProviderConfig,"
              + " /ResourceTypes and /Schemas";
      case 405 -> "this method is not allowed on this resource";
      case 406 -> "this server answers application/scim+json (or application/json)";
      case 415 -> "a body is application/scim+json (or application/json)";
      default -> status >= 500 ? "the request could not be completed" : "the request failed";
    };
  }
}
