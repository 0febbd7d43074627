package io.lanyard.eventstore;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Work that one replica of a service does at a time, again and again (a scheduler, a job worker): a
 * {@link BackgroundLoop} whose rounds run only while this replica holds the {@link LeaderLock}. A
 * round answers whether more work waits; if it does, the next round follows at once, else the loop
 * waits {@code every} or until {@link #wake()}. The other replicas try the lock every {@code
 * every}, to take over should its holder go.
 *
 * <p>A round that throws is logged with the loop's name and followed by the usual wait, so a
 * database that is away is not hammered. {@link #stop()} cuts the wait short, lets the round under
 * way finish and lets the lock go, so another replica (or this one, started again) goes on.
 */
public final class LeaderLoop {

  /** One round of the work, on the replica holding the lock. */
  @FunctionalInterface
  public interface Round {

    /** Does some work; answers whether more waits (the next round then follows at once). */
    boolean run();
  }

  private static final Logger LOG = Logger.getLogger(LeaderLoop.class);

  private final String name;
  private final LeaderLock lock;
  private final Duration every;
  private final Round round;
  private final Runnable standby;
  private final BackgroundLoop loop;
  private final Semaphore wakeUps = new Semaphore(0);

  public LeaderLoop(String name, LeaderLock lock, Duration every, Round round) {
    this(name, lock, every, round, () -> {});
  }

  /**
   * @param standby run on each round where another replica holds the lock: to zero what this
   *     replica would otherwise go on showing (a gauge of work waiting)
   */
  public LeaderLoop(String name, LeaderLock lock, Duration every, Round round, Runnable standby) {
    this.name = name;
    this.lock = lock;
    this.every = every;
    this.round = round;
    this.standby = standby;
    this.loop = new BackgroundLoop(name, this::cycle);
  }

  /** Runs rounds from now on; a no-op while running. */
  public synchronized void start() {
    if (loop.isRunning()) {
      return;
    }
    // A wake-up left from the last stop would only cut the first wait short.
    wakeUps.drainPermits();
    loop.start();
  }

  /** Ends the wait, waits for the round under way and lets the lock go. */
  public synchronized void stop() {
    loop.stop(wakeUps::release);
    lock.close();
  }

  /** Work arrived on this replica: the loop need not wait for its next look. */
  public void wake() {
    wakeUps.release();
  }

  /** Between {@link #start()} and {@link #stop()}: a round may check it to stop early. */
  public boolean isRunning() {
    return loop.isRunning();
  }

  /** Whether this replica holds the lock. */
  public boolean isLeader() {
    return lock.isHeld();
  }

  /** Whether this replica is the one doing the work: running and holding the lock. */
  public boolean isActive() {
    return isRunning() && isLeader();
  }

  private void cycle() {
    boolean more = false;
    try {
      if (lock.tryAcquire()) {
        more = round.run();
      } else {
        standby.run();
      }
    } catch (RuntimeException e) {
      LOG.warnf("%s: a round failed, trying again: %s", name, e.toString());
    }
    if (!more) {
      pause();
    }
  }

  private void pause() {
    try {
      wakeUps.tryAcquire(every.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
