package io.lanyard.identity.application;

import io.lanyard.eventstore.LeaderLock;
import io.lanyard.eventstore.LeaderLoop;
import io.lanyard.identity.infra.GuestDeadlines;
import io.lanyard.identity.infra.GuestDeadlines.Due;
import io.lanyard.runtime.events.LanyardInfrastructure;
import io.lanyard.runtime.metrics.SchedulerMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Time acting on guests without a request: every {@code lanyard.identity.schedule.every}, on the
 * one replica that holds its lock, a pass suspends each active guest whose window has ended ({@code
 * UserSuspended}, reason {@code guest_window_ended}) and deletes each guest whose window ended the
 * tenant's {@code guestRetentionDays} ago ({@code UserDeleted}, reason {@code guest_retention}).
 *
 * <p>A pass selects what is due at its "now" ({@code deadline <= now}), so the first pass after any
 * downtime catches up. Each action is its own transaction that decides from the guest's stream and
 * appends with the version it loaded: a guest already suspended or deleted decides nothing, and a
 * lost race is decided again from the winner's event, so neither repeated passes nor a second
 * replica (say, while the lock changes hands) act twice on one deadline.
 */
@ApplicationScoped
public class GuestScheduler {

  private static final Logger LOG = Logger.getLogger(GuestScheduler.class);
  private static final Duration DB_TIMEOUT = Duration.ofSeconds(30);

  /** What one pass did. */
  public record Pass(int suspended, int deleted) {}

  private final GuestDeadlines deadlines;
  private final UserCommands commands;
  private final Clock clock;
  private final int batchSize;
  private final LeaderLoop loop;
  private final SchedulerMetrics metrics;
  private final Counter suspensions;
  private final Counter deletions;

  GuestScheduler(
      GuestDeadlines deadlines,
      UserCommands commands,
      Clock clock,
      Vertx vertx,
      LanyardInfrastructure infrastructure,
      MeterRegistry registry,
      @ConfigProperty(name = "lanyard.identity.schedule.every", defaultValue = "5s") Duration every,
      @ConfigProperty(name = "lanyard.identity.schedule.batch-size", defaultValue = "100")
          int batchSize) {
    this.deadlines = deadlines;
    this.commands = commands;
    this.clock = clock;
    this.batchSize = batchSize;
    // A pass walks everything due, so none is owed at once after it: each waits for the next.
    this.loop =
        new LeaderLoop(
            "guest-scheduler",
            new LeaderLock(vertx, infrastructure.connectOptions(), "guest-scheduler"),
            every,
            () -> {
              pass();
              return false;
            });
    this.metrics = new SchedulerMetrics(registry);
    this.suspensions = metrics.action("guest_suspended");
    this.deletions = metrics.action("guest_deleted");
  }

  void onStart(@Observes StartupEvent started) {
    start();
  }

  void onStop(@Observes ShutdownEvent stopping) {
    stop();
  }

  /** Runs passes from now on (the application does so from its start). */
  public void start() {
    loop.start();
  }

  /** Stops the passes and lets another replica take the lock (at shutdown; tests: downtime). */
  public void stop() {
    loop.stop();
  }

  /**
   * One pass over everything due at the clock's now. Public so that a test can run passes beside
   * the loop's, as a second replica would.
   */
  public Pass pass() {
    Instant now = clock.instant();
    int suspended =
        walk(
            after -> deadlines.toSuspend(now, after, batchSize),
            due -> commands.suspendIfWindowEnded(due.tenantId(), due.userId().toString(), now),
            suspensions);
    int deleted =
        walk(
            after -> deadlines.toDelete(now, after, batchSize),
            due ->
                commands.deleteIfRetentionEnded(
                    due.tenantId(), due.userId().toString(), now, due.settings()),
            deletions);
    metrics.passed();
    return new Pass(suspended, deleted);
  }

  /** Acts on every guest the selection finds, a page at a time; answers how many it acted on. */
  private int walk(
      Function<Due, Uni<List<Due>>> selection, Function<Due, Uni<Boolean>> act, Counter acted) {
    int count = 0;
    Due after = Due.START;
    while (true) {
      List<Due> page = selection.apply(after).await().atMost(DB_TIMEOUT);
      for (Due guest : page) {
        try {
          if (act.apply(guest).await().atMost(DB_TIMEOUT)) {
            count++;
            acted.increment();
          }
        } catch (RuntimeException e) {
          // This guest waits for the next pass; the others need not.
          LOG.warnf("guest scheduler: user %s not done: %s", guest.userId(), e.toString());
        }
      }
      if (page.size() < batchSize || !loop.isRunning()) {
        break;
      }
      after = page.get(page.size() - 1);
    }
    return count;
  }
}
