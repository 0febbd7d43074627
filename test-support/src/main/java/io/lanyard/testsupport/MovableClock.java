package io.lanyard.testsupport;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A service's clock in its tests: the system's, until a test moves it ahead ({@link #moveBy}) to
 * see a deadline pass without waiting, or stops it at an instant ({@link #stopAt}) to act exactly
 * at a deadline; {@link #reset()} gives back the system's time. Being a {@link Clock} bean, it
 * takes the place of service-runtime's default one for the whole test application, background loops
 * included; a module's tests get it by indexing this module (see the README).
 */
@Singleton
public class MovableClock extends Clock {

  private volatile Duration ahead = Duration.ZERO;
  private volatile Instant stoppedAt;

  /** Moves the time ahead (or back, with a negative duration); a stopped clock stays stopped. */
  public synchronized void moveBy(Duration duration) {
    Instant stopped = stoppedAt;
    if (stopped != null) {
      stoppedAt = stopped.plus(duration);
    } else {
      ahead = ahead.plus(duration);
    }
  }

  /** Stops the time at {@code instant} until the next {@link #reset()} or {@code stopAt}. */
  public void stopAt(Instant instant) {
    stoppedAt = instant;
  }

  /** The system's time again. */
  public synchronized void reset() {
    stoppedAt = null;
    ahead = Duration.ZERO;
  }

  @Override
  public Instant instant() {
    Instant stopped = stoppedAt;
    return stopped != null ? stopped : Instant.now().plus(ahead);
  }

  @Override
  public long millis() {
    return instant().toEpochMilli();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  /** This clock seen in another zone: moved and stopped with it. */
  @Override
  public Clock withZone(ZoneId zone) {
    MovableClock moving = this;
    return new Clock() {
      @Override
      public Instant instant() {
        return moving.instant();
      }

      @Override
      public ZoneId getZone() {
        return zone;
      }

      @Override
      public Clock withZone(ZoneId other) {
        return moving.withZone(other);
      }
    };
  }
}
