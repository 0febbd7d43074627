package io.lanyard.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanyard.e2e.CodeChanges.Outcome;
import io.lanyard.e2e.CodeChanges.User;
import io.lanyard.systemtest.harness.Api;
import io.lanyard.systemtest.harness.Device;
import io.lanyard.systemtest.harness.LanyardSystem;
import io.lanyard.systemtest.harness.Pause;
import io.lanyard.systemtest.harness.Service;
import io.lanyard.systemtest.harness.Tenant;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * PostgreSQL, which every service keeps its events and models in, restarted under a steady load of
 * admin code changes and device logins: first {@code pg_ctl restart -m fast} (back at once), then
 * stopped fast and started again after {@link #OUTAGE}. While it is away the services say they are
 * not ready; once it is back they are ready again by themselves, no restart; and every change an
 * admin got a 2xx for is the code that works at the printer.
 *
 * <p>The system runs on a private cluster of this class's own ({@link PrivatePostgres}, run {@code
 * pgrestart}), never on the server the other tests share.
 */
@ExtendWith(Summary.class)
class PostgresRestartTest {

  private static final int USERS = 20;
  private static final int STEADY_USERS = 5;
  private static final String DOMAIN = "@pgrestart.example";
  private static final Duration OUTAGE = Duration.ofSeconds(6);
  private static final Duration RECOVERY = Duration.ofSeconds(60);
  private static final Duration BACK_OFF = Duration.ofMillis(50);

  private static PrivatePostgres postgres;
  private static LanyardSystem system;
  private static Tenant tenant;
  private static Device device;
  private static final List<User> users = new ArrayList<>();
  private static final List<String> steadyCodes = new ArrayList<>();

  /**
   * What the admin's changes got other than 200: while PostgreSQL is away, 503 and nothing else.
   */
  private static final List<String> otherAnswers = new CopyOnWriteArrayList<>();

  private static final AtomicInteger unavailable = new AtomicInteger();
  private static final CodeChanges.Codes codes = new CodeChanges.Codes();

  @BeforeAll
  static void start() {
    postgres = PrivatePostgres.start(Path.of("target/pg-restart"));
    system = LanyardSystem.start("pgrestart", LanyardSystem.SMALL_JVM, postgres.server());
    tenant = system.createTenant("pgrestart");
    device = tenant.registerDevice("PostgreSQL restart MFD");
    Tenant.ScimEndpoint scim = tenant.issueScimToken();
    users.addAll(CodeChanges.createUsers(scim, 0, USERS, DOMAIN, codes, User::new));
    steadyCodes.addAll(
        CodeChanges.createUsers(
            scim, USERS, USERS + STEADY_USERS, DOMAIN, codes, (id, email, code) -> code));
    Quiet.await(system);
  }

  @AfterAll
  static void stop() {
    try {
      if (system != null) {
        system.close();
      }
    } finally {
      if (postgres != null) {
        postgres.close();
      }
    }
  }

  @Test
  void servicesAreNotReadyWhilePostgresIsAwayRecoverByThemselvesAndLoseNoAcknowledgedChange() {
    Load load = new Load();
    load.start();
    try {
      Pause.of(Duration.ofSeconds(2));
      long restartAt = System.nanoTime();
      postgres.restartFast();
      long restartRecovery = awaitAllReady(restartAt);
      Pause.of(Duration.ofSeconds(2));

      Readiness readiness = new Readiness();
      readiness.start();
      int loginsBefore = load.logins.get();
      int refusedBefore = load.loginsRefused.get();
      postgres.stopFast();
      long awayAt = System.nanoTime();
      Pause.of(OUTAGE);
      int loginsAway = load.logins.get() - loginsBefore;
      int refusedAway = load.loginsRefused.get() - refusedBefore;
      long backAt = System.nanoTime();
      postgres.startAgain();
      long recovery = awaitAllReady(backAt);
      readiness.stop();
      for (Service service : Service.values()) {
        assertTrue(
            readiness.sawNotReady(service),
            service.module() + " kept answering ready while PostgreSQL was away");
      }
      assertEquals(List.of(), readiness.notLive, "liveness failed: Kubernetes would restart them");
      Pause.of(Duration.ofSeconds(2));
      load.stop();

      assertEquals(List.of(), otherAnswers, "changes answered other than 200 or 503 + Retry-After");
      assertTrue(unavailable.get() > 0, "no change met PostgreSQL away");
      int applied = verify();
      Summary.changesChecked(applied);
      Summary.line(
          ("PostgreSQL restarted (-m fast) under load: every service ready again %d ms after;"
                  + " stopped for %d s: every service not ready within %d ms, ready again %d ms"
                  + " after it was back (no restart); %d changes 2xx'd, each the code at the"
                  + " device, %d answered 503 to try again; steady users' logins while it was"
                  + " away: %d answered 200, %d not")
              .formatted(
                  restartRecovery,
                  OUTAGE.toSeconds(),
                  readiness.slowestToNotice(awayAt),
                  recovery,
                  applied,
                  unavailable.get(),
                  loginsAway - refusedAway,
                  refusedAway));
    } finally {
      load.stop();
    }
  }

  /** Until every service answers ready; answers how long that took, in ms, from {@code since}. */
  private static long awaitAllReady(long since) {
    await("every service ready again, by itself")
        .atMost(RECOVERY)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              for (Service service : Service.values()) {
                if (!system.service(service).ready()) {
                  return false;
                }
              }
              return true;
            });
    return (System.nanoTime() - since) / 1_000_000;
  }

  /**
   * Each user's code at the device is their last 2xx'd change, or a later one that got no answer
   * (which then happened); answers how many changes got a 2xx.
   */
  private static int verify() {
    Quiet.await(system);
    int applied = 0;
    for (User user : users) {
      List<String> candidates = user.candidates();
      String working = null;
      for (String candidate : candidates) {
        Api.Answer login = device.loginByCode(candidate);
        if (login.status() == 200) {
          assertEquals(user.email, login.json().get("username").asText());
          assertTrue(working == null, user.email + ": two codes work");
          working = candidate;
        }
      }
      assertTrue(working != null, user.email + ": none of " + candidates + " works at the device");
      applied +=
          (int) user.changes().stream().skip(1).filter(c -> c.outcome() == Outcome.APPLIED).count();
    }
    for (String code : steadyCodes) {
      device.loginByCode(code).expect(200);
    }
    return applied;
  }

  /**
   * The steady load: one admin changing codes round robin over {@link #users}, one printer logging
   * in the steady users (whose codes never change) over and over.
   */
  private static final class Load {
    private final AtomicBoolean running = new AtomicBoolean(true);
    final AtomicInteger logins = new AtomicInteger();
    final AtomicInteger loginsRefused = new AtomicInteger();
    private final Thread admin = new Thread(this::changeCodes, "admin");
    private final Thread printer = new Thread(this::logIn, "printer");

    void start() {
      admin.start();
      printer.start();
    }

    void stop() {
      running.set(false);
      try {
        admin.join();
        printer.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private void changeCodes() {
      for (int i = 0; running.get(); i++) {
        Outcome outcome =
            CodeChanges.change(
                tenant,
                system.service(Service.CREDENTIAL),
                users.get(i % USERS),
                codes.next(),
                false,
                PostgresRestartTest::notApplied);
        if (outcome != Outcome.APPLIED) {
          Pause.of(BACK_OFF);
        }
      }
    }

    private void logIn() {
      for (int i = 0; running.get(); i++) {
        int status;
        try {
          status = device.loginByCode(steadyCodes.get(i % STEADY_USERS)).status();
        } catch (UncheckedIOException e) {
          status = -1;
        }
        logins.incrementAndGet();
        if (status != 200) {
          loginsRefused.incrementAndGet();
        }
        Pause.of(Duration.ofMillis(20));
      }
    }
  }

  /** PostgreSQL away should be answered with 503 + Retry-After, anything else is kept to fail. */
  private static void notApplied(Api.Answer answer) {
    if (answer.status() == 503 && "1".equals(answer.header("Retry-After"))) {
      unavailable.incrementAndGet();
    } else {
      otherAnswers.add(answer.status() + " " + answer.body());
    }
  }

  /**
   * Polls every service's readiness and liveness while PostgreSQL goes away; remembers when each
   * said it is not ready.
   */
  private static final class Readiness {
    private final Map<Service, Long> notReadyAt = new EnumMap<>(Service.class);

    /** Services whose {@code /q/health/live} did not answer 200 (a restart would not help). */
    final List<String> notLive = new CopyOnWriteArrayList<>();

    private final AtomicBoolean polling = new AtomicBoolean(true);
    private final Thread thread = new Thread(this::poll, "readiness");

    void start() {
      thread.start();
    }

    void stop() {
      polling.set(false);
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    synchronized boolean sawNotReady(Service service) {
      return notReadyAt.containsKey(service);
    }

    /** The longest any service took to say it is not ready, in ms after {@code since}. */
    synchronized long slowestToNotice(long since) {
      return notReadyAt.values().stream()
          .mapToLong(at -> (at - since) / 1_000_000)
          .max()
          .orElse(-1);
    }

    private void poll() {
      while (polling.get()) {
        for (Service service : Service.values()) {
          if (!system.service(service).ready()) {
            synchronized (this) {
              notReadyAt.putIfAbsent(service, System.nanoTime());
            }
          }
          int live =
              Api.send("GET", system.service(service).url("/q/health/live"), null, null, null)
                  .status();
          if (live != 200) {
            notLive.add(service.module() + ": " + live);
          }
        }
        Pause.of(Duration.ofMillis(100));
      }
    }
  }
}
