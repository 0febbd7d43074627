package io.lanyard.web.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A service that does not answer: a clear banner, never a stack trace. A part of a page asked for
 * by htmx gets the banner in the page's banner area (200, so that htmx swaps it in rather than
 * logging an error); a whole page answers 503.
 */
public class ServiceDown {

  private static final Logger LOG = Logger.getLogger(ServiceDown.class);

  @Inject Pages pages;

  @Inject
  @Location("unavailable.html")
  Template unavailable;

  @ServerExceptionMapper
  public Response unanswered(ProcessingException failure) {
    LOG.warnf("a service did not answer: %s", failure.getMessage());
    if (pages.partial()) {
      return Response.ok(pages.render(unavailable.getFragment("banner").instance()).render())
          .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
          .header("HX-Retarget", "#banner")
          .header("HX-Reswap", "innerHTML")
          .build();
    }
    return Response.status(503)
        .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
        .entity(pages.render(unavailable.instance()).render())
        .build();
  }
}
