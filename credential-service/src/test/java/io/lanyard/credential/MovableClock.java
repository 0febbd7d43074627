package io.lanyard.credential;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The service's clock in its tests: the system's, until a test moves it forward to see what the
 * scheduler does with time (and moves it back after). It takes the place of service-runtime's
 * default {@code Clock} for the whole test application.
 */
@Singleton
public class MovableClock extends Clock {

  private volatile Duration ahead = Duration.ZERO;

  public void moveBy(Duration duration) {
    ahead = ahead.plus(duration);
  }

  public void reset() {
    ahead = Duration.ZERO;
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(ahead);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
