package io.lanyard.e2e;

import static org.awaitility.Awaitility.await;

import io.lanyard.systemtest.harness.Api;
import io.lanyard.systemtest.harness.ServiceProcess;
import io.lanyard.systemtest.harness.Tenant;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

  enum Outcome {
    APPLIED,
    REFUSED,
    UNKNOWN
  }

  record Change(String code, Outcome outcome) {}

  /** A user and every change of their code the stream asked for, in order. */
  static final class StreamUser {
    final String id;
    final String email;
    private final List<Change> changes = new ArrayList<>();

    StreamUser(String id, String email, String firstCode) {
      this.id = id;
      this.email = email;
      if (firstCode != null) {
        changes.add(new Change(firstCode, Outcome.APPLIED));
      }
    }

    synchronized void add(Change change) {
      changes.add(change);
    }

    /** The codes one of which must work now: the last applied, or a later one without answer. */
    synchronized List<String> candidates() {
      List<String> candidates = new ArrayList<>();
      for (Change change : changes) {
        if (change.outcome() == Outcome.APPLIED) {
          candidates.clear();
          candidates.add(change.code());
        } else if (change.outcome() == Outcome.UNKNOWN) {
          candidates.add(change.code());
        }
      }
      return candidates;
    }

    /** The last change that got a 2xx before {@code code}'s, if any. */
    synchronized Optional<String> appliedBefore(String code) {
      String previous = null;
      for (Change change : changes) {
        if (change.code().equals(code)) {
          return Optional.ofNullable(previous);
        }
        if (change.outcome() == Outcome.APPLIED) {
          previous = change.code();
        }
      }
      throw new IllegalArgumentException(code + " was never asked for");
    }
  }

  private final Tenant tenant;
  private final List<ServiceProcess> replicas;
  private final List<StreamUser> users;
  private final CrashTest.Codes codes;
  private final AtomicInteger applied = new AtomicInteger();
  private final Map<ServiceProcess, AtomicInteger> appliedBy = new ConcurrentHashMap<>();
  private final Thread thread;
  private volatile boolean running = true;

  ReplicaChangeStream(
      Tenant tenant, List<ServiceProcess> replicas, List<StreamUser> users, CrashTest.Codes codes) {
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
      StreamUser user = users.get(attempt % users.size());
      ServiceProcess replica = replicas.get(attempt % replicas.size());
      String code = codes.next();
      Outcome outcome = change(replica, user, code);
      user.add(new Change(code, outcome));
      if (outcome == Outcome.APPLIED) {
        applied.incrementAndGet();
        appliedBy.get(replica).incrementAndGet();
      } else {
        pause();
      }
    }
  }

  private Outcome change(ServiceProcess replica, StreamUser user, String code) {
    try {
      Api.Answer answer =
          Api.send(
              "PUT",
              replica.url("/admin/v1/credentials/" + user.id + "/access-code"),
              tenant.adminToken(),
              "application/json",
              "{\"code\":\"" + code + "\",\"notifyUser\":false}");
      if (answer.status() == 200) {
        return Outcome.APPLIED;
      }
      return answer.status() >= 500 ? Outcome.UNKNOWN : Outcome.REFUSED;
    } catch (UncheckedIOException e) {
      // Refused connection: nothing was sent. Anything else: it may have been applied.
      return e.getCause() instanceof ConnectException ? Outcome.REFUSED : Outcome.UNKNOWN;
    }
  }

  private static void pause() {
    try {
      Thread.sleep(BACK_OFF.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
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
