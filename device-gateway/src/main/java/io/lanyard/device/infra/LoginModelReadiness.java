package io.lanyard.device.infra;

import io.lanyard.device.feed.ModelFeed;
import io.lanyard.device.model.CurrentLoginModel;
import io.lanyard.device.model.LoginModel;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only once the login model has caught up with the topics and the lockouts are mirrored: a
 * replica that answered before would refuse codes that work elsewhere.
 */
@Readiness
@ApplicationScoped
public class LoginModelReadiness implements HealthCheck {

  private final ModelFeed feed;
  private final LockoutMirror lockouts;
  private final CurrentLoginModel model;

  LoginModelReadiness(ModelFeed feed, LockoutMirror lockouts, CurrentLoginModel model) {
    this.feed = feed;
    this.lockouts = lockouts;
    this.model = model;
  }

  @Override
  public HealthCheckResponse call() {
    LoginModel.Stats stats = model.get().stats();
    return HealthCheckResponse.named("login-model")
        .status(feed.caughtUp() && lockouts.loaded())
        .withData("caughtUp", feed.caughtUp())
        .withData("catchUpMillis", feed.caughtUpAfterMillis())
        .withData("lag", feed.lag())
        .withData("lockoutsMirrored", lockouts.loaded())
        .withData("users", stats.users())
        .withData("codes", stats.codes())
        .withData("cards", stats.cards())
        .withData("devices", stats.devices())
        .withData("guests", stats.guests())
        .build();
  }
}
