package io.lanyard.credential;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** An internal endpoint whose author forgot to name its callers: it must accept no service. */
@Path("/internal/v1/test/unnamed-callers")
@RolesAllowed("lanyard-service")
public class UnnamedCallersResource {

  @GET
  public String open() {
    return "open";
  }
}
