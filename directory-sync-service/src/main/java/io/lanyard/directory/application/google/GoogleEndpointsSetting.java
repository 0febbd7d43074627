package io.lanyard.directory.application.google;

import io.lanyard.directory.domain.google.GoogleEndpoints;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Which endpoints Google connections may call: Google's only, unless {@code
 * lanyard.directory.google.allow-loopback} lets a local fake of Google on 127.0.0.1 stand in (on in
 * the dev and test profiles, in {@code ./lanyard up} and the system tests; off in production).
 */
@ApplicationScoped
public class GoogleEndpointsSetting {

  public static final String ALLOW_LOOPBACK = "lanyard.directory.google.allow-loopback";
  private static final Logger LOG = Logger.getLogger(GoogleEndpointsSetting.class);

  @Produces
  @Singleton
  GoogleEndpoints endpoints(
      @ConfigProperty(name = ALLOW_LOOPBACK, defaultValue = "false") boolean allowLoopback) {
    if (allowLoopback) {
      LOG.warnf(
          "%s is on: Google connections may call http://%s (a local fake of Google), which a"
              + " production deployment must never allow",
          ALLOW_LOOPBACK, GoogleEndpoints.LOOPBACK);
      return GoogleEndpoints.allowingLoopback();
    }
    return GoogleEndpoints.googleOnly();
  }
}
