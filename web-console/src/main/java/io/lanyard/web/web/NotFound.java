package io.lanyard.web.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A path the console does not serve: a page in its layout, with a way home, not a bare 404. */
public class NotFound {

  @Inject Pages pages;

  @ServerExceptionMapper
  public Response missing(NotFoundException notFound) {
    Messages text = pages.messages();
    return pages.problem(404, text.not_found_title(), text.not_found_text());
  }
}
