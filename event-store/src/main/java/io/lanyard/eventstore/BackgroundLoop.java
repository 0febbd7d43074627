package io.lanyard.eventstore;

import java.time.Duration;

/**
 * Runs one round of some work again and again on a daemon thread of its own, from {@link #start()}
 * until {@link #stop(Runnable)}: the shape of the relay and of the consumers.
 */
public final class BackgroundLoop {

  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final String name;
  private final Runnable round;
  private volatile boolean running;
  private Thread thread;

  public BackgroundLoop(String name, Runnable round) {
    this.name = name;
    this.round = round;
  }

  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    thread =
        new Thread(
            () -> {
              while (running) {
                round.run();
              }
            },
            name);
    thread.setDaemon(true);
    thread.start();
  }

  public boolean isRunning() {
    return running;
  }

  /** Asks the loop to end, runs {@code wakeUp} to cut short a wait, and waits for the round. */
  public synchronized void stop(Runnable wakeUp) {
    running = false;
    wakeUp.run();
    if (thread != null && thread != Thread.currentThread()) {
      try {
        thread.join(STOP_TIMEOUT.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Waits before a retry; a back-off, so an interruption only ends it early. */
  public static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
