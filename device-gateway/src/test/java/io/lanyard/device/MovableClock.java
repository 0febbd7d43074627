package io.lanyard.device;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The gateway's clock in its tests: the system's, until a test moves it ahead to see a deadline
 * pass without waiting (and puts it back when done). Being a {@link Clock} bean, it takes the place
 * of service-runtime's default one.
 */
@Singleton
public class MovableClock extends Clock {

  private volatile long aheadMillis;

  public void moveAhead(Duration by) {
    aheadMillis += by.toMillis();
  }

  public void reset() {
    aheadMillis = 0;
  }

  @Override
  public long millis() {
    return System.currentTimeMillis() + aheadMillis;
  }

  @Override
  public Instant instant() {
    return Instant.now().plusMillis(aheadMillis);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return Clock.offset(Clock.system(zone), Duration.ofMillis(aheadMillis));
  }
}
