package io.lanyard.e2e;

import static org.awaitility.Awaitility.await;

import io.lanyard.e2e.CodeChanges.Codes;
import io.lanyard.e2e.CodeChanges.Outcome;
import io.lanyard.e2e.CodeChanges.User;
import io.lanyard.systemtest.harness.Pause;
import io.lanyard.systemtest.harness.ServiceProcess;
import io.lanyard.systemtest.harness.Tenant;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An admin's steady stream of code changes on a thread of its own, round robin over the users and
 * over credential-service's replicas, as a load balancer without health checks spreads them: a dead
 * replica refuses its share (no answer, nothing sent), the others go on.
 */
final class ReplicaChangeStream implements AutoCloseable {

  /** Between attempts a replica refused or did not answer: it is restarting, no need to spin. */
  private static final Duration BACK_OFF = Duration.ofMillis(50);

  private final Tenant tenant;
  private final List<ServiceProcess> replicas;
  private final List<User> users;
  private final Codes codes;
  private final AtomicInteger applied = new AtomicInteger();
  private final Map<ServiceProcess, AtomicInteger> appliedBy = new ConcurrentHashMap<>();
  private final Thread thread;
  private volatile boolean running = true;

  ReplicaChangeStream(Tenant tenant, List<ServiceProcess> replicas, List<User> users, Codes codes) {
    this.tenant = tenant;
    this.replicas = List.copyOf(replicas);
    this.users = List.copyOf(users);
    this.codes = codes;
    replicas.forEach(replica -> appliedBy.put(replica, new AtomicInteger()));
    this.thread = new Thread(this::run, "code-change-stream");
    thread.setDaemon(true);
    thread.start();
  }

  int applied() {
    return applied.get();
  }

  int appliedBy(ServiceProcess replica) {
    return appliedBy.get(replica).get();
  }

  void awaitApplied(int count) {
    await(count + " changes applied")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> applied.get() >= count || !thread.isAlive());
  }

  /** Until {@code replica} answered {@code count} more changes with a 2xx. */
  void awaitAppliedBy(ServiceProcess replica, int count) {
    int target = appliedBy(replica) + count;
    await(count + " changes applied by " + replica.url(""))
        .atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> appliedBy(replica) >= target || !thread.isAlive());
  }

  private void run() {
    for (int attempt = 0; running; attempt++) {
      User user = users.get(attempt % users.size());
      ServiceProcess replica = replicas.get(attempt % replicas.size());
      Outcome outcome = CodeChanges.change(tenant, replica, user, codes.next(), false);
      if (outcome == Outcome.APPLIED) {
        applied.incrementAndGet();
        appliedBy.get(replica).incrementAndGet();
      } else {
        Pause.of(BACK_OFF);
      }
    }
  }

  /** Ends the stream after the change in flight. */
  @Override
  public void close() {
    running = false;
    try {
      thread.join(Duration.ofSeconds(60).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
