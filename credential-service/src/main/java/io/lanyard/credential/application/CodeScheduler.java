package io.lanyard.credential.application;

import io.lanyard.eventstore.BackgroundLoop;
import io.lanyard.eventstore.LeaderLock;
import io.lanyard.runtime.events.LanyardInfrastructure;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs {@link CodeSchedulePass} every {@code lanyard.credential.schedule.every} on the one replica
 * that holds the scheduler's {@link LeaderLock}; the others wait to take over should it go. A pass
 * that used its whole batch is followed by another at once. Nothing depends on the lock for
 * correctness: each action checks the user's stream, so even two schedulers would not act twice.
 */
@ApplicationScoped
public class CodeScheduler {

  private static final Logger LOG = Logger.getLogger(CodeScheduler.class);

  private final CodeSchedulePass pass;
  private final Duration every;
  private final boolean enabled;
  private final LeaderLock lock;
  private final BackgroundLoop loop;
  private final Semaphore wakeUps = new Semaphore(0);

  CodeScheduler(
      CodeSchedulePass pass,
      Vertx vertx,
      LanyardInfrastructure infrastructure,
      @ConfigProperty(name = "lanyard.credential.schedule.every", defaultValue = "5s")
          Duration every,
      @ConfigProperty(name = "lanyard.credential.schedule.enabled", defaultValue = "true")
          boolean enabled) {
    this.pass = pass;
    this.every = every;
    this.enabled = enabled;
    this.lock = new LeaderLock(vertx, infrastructure.connectOptions(), "credential-scheduler");
    this.loop = new BackgroundLoop("credential-scheduler", this::round);
  }

  void start(@Observes StartupEvent started) {
    if (enabled) {
      loop.start();
    }
  }

  void stop(@Observes ShutdownEvent stopping) {
    loop.stop(wakeUps::release);
    lock.close();
  }

  /** Whether this replica is the one running the passes. */
  public boolean isActive() {
    return loop.isRunning() && lock.isHeld();
  }

  private void round() {
    try {
      if (!lock.tryAcquire()) {
        pause();
        return;
      }
      if (!pass.run().budgetSpent()) {
        pause();
      }
    } catch (RuntimeException e) {
      LOG.warnf("scheduler pass failed, trying again: %s", e.toString());
      pause();
    }
  }

  /** Waits for the next pass; a shutdown cuts it short. */
  private void pause() {
    try {
      wakeUps.tryAcquire(every.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
