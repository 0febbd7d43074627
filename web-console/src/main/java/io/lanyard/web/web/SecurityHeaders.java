package io.lanyard.web.web;

import jakarta.ws.rs.container.ContainerResponseContext;
import java.net.URI;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Headers every page carries: a Content-Security-Policy that allows the console's own scripts and
 * styles only (no inline script, no third-party host), no framing, no sniffing, no referrer to
 * other sites. A form may post only to the console, or be sent on to the identity provider when a
 * session has ended.
 */
public class SecurityHeaders {

  private final String policy;

  SecurityHeaders(@ConfigProperty(name = "quarkus.oidc.auth-server-url") String authServer) {
    URI server = URI.create(authServer);
    String origin =
        server.getScheme()
            + "://"
            + server.getHost()
            + (server.getPort() < 0 ? "" : ":" + server.getPort());
    this.policy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none';"
            + " form-action 'self' "
            + origin;
  }

  @ServerResponseFilter
  public void headers(ContainerResponseContext response) {
    response.getHeaders().putSingle("Content-Security-Policy", policy);
    response.getHeaders().putSingle("X-Content-Type-Options", "nosniff");
    response.getHeaders().putSingle("X-Frame-Options", "DENY");
    response.getHeaders().putSingle("Referrer-Policy", "same-origin");
    // Every page is one person's, and may show a code or a token: no browser or proxy keeps one
    // (Back after signing out must not bring a shown code back from the browser's cache).
    response.getHeaders().putSingle("Cache-Control", "no-store");
  }
}
