package io.lanyard.identity.api;

import io.lanyard.identity.domain.DomainException;
import io.lanyard.runtime.api.ApiExceptionMappers;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The domain's refusals as API errors: invalid → 400, unknown → 404, conflicting → 409. */
public class DomainExceptionMapper {

  @ServerExceptionMapper
  public Response refused(DomainException e) {
    int status =
        switch (e.kind()) {
          case INVALID -> 400;
          case NOT_FOUND -> 404;
          case CONFLICT -> 409;
        };
    return ApiExceptionMappers.error(status, e.code(), e.getMessage());
  }
}
