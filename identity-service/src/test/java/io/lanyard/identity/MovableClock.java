package io.lanyard.identity;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The service's clock in its tests: the system's until a test stops it at an instant (a guest's
 * deadline, to the second), and the system's again after {@link #reset()}. Replaces the runtime's
 * default {@link Clock} bean for the whole test application.
 */
@Singleton
public class MovableClock extends Clock {

  private volatile Instant stoppedAt;

  public void stopAt(Instant instant) {
    stoppedAt = instant;
  }

  public void reset() {
    stoppedAt = null;
  }

  @Override
  public Instant instant() {
    Instant stopped = stoppedAt;
    return stopped != null ? stopped : Instant.now();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return Clock.fixed(instant(), zone);
  }

  /** Now, as the service sees it, plus {@code later}: for windows that must lie in the future. */
  public Instant in(Duration later) {
    return instant().plus(later);
  }
}
