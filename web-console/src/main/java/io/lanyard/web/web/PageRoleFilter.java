package io.lanyard.web.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Enforces {@link PageRole}: the 403 page names the role the page needs. */
public class PageRoleFilter {

  @Inject SecurityIdentity identity;
  @Inject Pages pages;

  @Inject
  @Location("forbidden.html")
  Template forbidden;

  @ServerRequestFilter
  public Response check(ResourceInfo resource) {
    Method method = resource.getResourceMethod();
    if (method == null) {
      return null;
    }
    PageRole role = method.getAnnotation(PageRole.class);
    if (role == null) {
      role = method.getDeclaringClass().getAnnotation(PageRole.class);
    }
    if (role == null || identity.hasRole(role.value())) {
      return null;
    }
    return Response.status(403)
        .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
        .entity(pages.render(forbidden.data("role", role.value())).render())
        .build();
  }
}
