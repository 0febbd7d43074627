package io.lanyard.credential.application;

import io.lanyard.eventstore.LeaderLock;
import io.lanyard.eventstore.LeaderLoop;
import io.lanyard.runtime.events.LanyardInfrastructure;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs {@link CodeSchedulePass} every {@code lanyard.credential.schedule.every} on the one replica
 * that holds the scheduler's {@link LeaderLock} (a {@link LeaderLoop}); the others wait to take
 * over should it go. A pass that used its whole batch is followed by another at once. Nothing
 * depends on the lock for correctness: each action checks the user's stream, so even two schedulers
 * would not act twice.
 */
@ApplicationScoped
public class CodeScheduler {

  private final boolean enabled;
  private final LeaderLoop loop;

  CodeScheduler(
      CodeSchedulePass pass,
      Vertx vertx,
      LanyardInfrastructure infrastructure,
      @ConfigProperty(name = "lanyard.credential.schedule.every", defaultValue = "5s")
          Duration every,
      @ConfigProperty(name = "lanyard.credential.schedule.enabled", defaultValue = "true")
          boolean enabled) {
    this.enabled = enabled;
    this.loop =
        new LeaderLoop(
            "credential-scheduler",
            new LeaderLock(vertx, infrastructure.connectOptions(), "credential-scheduler"),
            every,
            () -> pass.run().budgetSpent());
  }

  void start(@Observes StartupEvent started) {
    if (enabled) {
      loop.start();
    }
  }

  void stop(@Observes ShutdownEvent stopping) {
    loop.stop();
  }

  /** Whether this replica is the one running the passes. */
  public boolean isActive() {
    return loop.isActive();
  }
}
