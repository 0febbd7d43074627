package io.lanyard.systemtest.harness;

import java.time.Duration;

/**
 * A deliberate pause: an outage's length, a wait past a limit, the gap between two polls or two
 * requests. Never a wait for something to happen; that polls until it has happened.
 */
public final class Pause {

  private Pause() {}

  public static void of(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
