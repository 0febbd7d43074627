package io.lanyard.identity.application;

import io.lanyard.eventstore.BackgroundLoop;
import io.lanyard.eventstore.LeaderLock;
import io.lanyard.identity.infra.GuestDeadlines;
import io.lanyard.identity.infra.GuestDeadlines.Due;
import io.lanyard.runtime.events.LanyardInfrastructure;
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
  private final Duration every;
  private final int batchSize;
  private final LeaderLock lock;
  private final BackgroundLoop loop;
  private final Counter passes;
  private final Counter suspensions;
  private final Counter deletions;
  private volatile boolean stopping;

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
    this.every = every;
    this.batchSize = batchSize;
    this.lock = new LeaderLock(vertx, infrastructure.connectOptions(), "guest-scheduler");
    this.loop = new BackgroundLoop("guest-scheduler", this::round);
    this.passes =
        Counter.builder("lanyard.scheduler.passes")
            .description("passes of the scheduler on the replica holding its lock")
            .register(registry);
    this.suspensions = action(registry, "guest_suspended");
    this.deletions = action(registry, "guest_deleted");
  }

  private static Counter action(MeterRegistry registry, String action) {
    return Counter.builder("lanyard.scheduler.actions")
        .description("what the scheduler did, one count per user acted on")
        .tag("action", action)
        .register(registry);
  }

  void onStart(@Observes StartupEvent started) {
    start();
  }

  void onStop(@Observes ShutdownEvent stopping) {
    stop();
  }

  /** Runs passes from now on (the application does so from its start). */
  public void start() {
    stopping = false;
    loop.start();
  }

  /** Stops the passes and lets another replica take the lock (at shutdown; tests: downtime). */
  public void stop() {
    stopping = true;
    loop.stop(() -> {});
    lock.close();
  }

  private void round() {
    try {
      if (lock.isHeld() || lock.tryAcquire()) {
        pass();
      }
    } catch (RuntimeException e) {
      LOG.warnf("guest scheduler: %s; trying again next pass", e.toString());
    }
    BackgroundLoop.pause(every);
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
    passes.increment();
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
      if (page.size() < batchSize || stopping) {
        break;
      }
      after = page.get(page.size() - 1);
    }
    return count;
  }
}
