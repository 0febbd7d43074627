package io.lanyard.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lanyard.e2e.CodeChanges.Change;
import io.lanyard.e2e.CodeChanges.Codes;
import io.lanyard.e2e.CodeChanges.Outcome;
import io.lanyard.systemtest.harness.Api;
import io.lanyard.systemtest.harness.Device;
import io.lanyard.systemtest.harness.LanyardSystem;
import io.lanyard.systemtest.harness.Mailbox;
import io.lanyard.systemtest.harness.Pause;
import io.lanyard.systemtest.harness.Service;
import io.lanyard.systemtest.harness.ServiceProcess;
import io.lanyard.systemtest.harness.SystemExtension;
import io.lanyard.systemtest.harness.Tenant;
import io.lanyard.systemtest.harness.TestBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Faults during work, and what must hold after: every code change an admin got a 2xx for is the
 * code that works at the printer, none is lost, and each change's email arrives once (at most one
 * more when the mail sender itself dies, as notification-service documents).
 *
 * <p>A change the client got no answer for (the service died with it in flight) may or may not have
 * happened; either is correct, and the checks accept either, but only for that change.
 */
@ExtendWith({SystemExtension.class, Summary.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrashTest {

  private static final int USERS = 50;
  private static final String DOMAIN = "@crash.example";
  private static final Duration RESTART = Duration.ofMinutes(2);

  /** How long the broker stays away: longer than a few sends, shorter than their timeouts. */
  private static final Duration BROKER_OUTAGE = Duration.ofSeconds(3);

  /** Between attempts the service refused or did not answer: it is restarting, no need to spin. */
  private static final Duration BACK_OFF = Duration.ofMillis(50);

  private static LanyardSystem system;
  private static Tenant tenant;
  private static Device device;
  private static final List<CrashUser> users = new ArrayList<>();
  private static final Codes codes = new Codes();

  /** A user, with where the current round's changes begin. */
  static final class CrashUser extends CodeChanges.User {
    int roundStart;

    CrashUser(String id, String email, String firstCode) {
      super(id, email, firstCode);
    }
  }

  @BeforeAll
  static void provision(LanyardSystem lanyard) {
    system = lanyard;
    tenant = system.createTenant("crash");
    device = tenant.registerDevice("Crash MFD");
    Tenant.ScimEndpoint scim = tenant.issueScimToken();
    users.addAll(CodeChanges.createUsers(scim, 0, USERS, DOMAIN, codes, CrashUser::new));
    awaitQuiet();
  }

  @Test
  @Order(1)
  void credentialServiceKilledDuringABurstOfChangesLosesNoneAndEmailsNoneTwice() {
    ServiceProcess credential = system.service(Service.CREDENTIAL);
    int applied =
        burst(
            500,
            150,
            () -> {
              credential.kill();
              credential.restart(RESTART);
            });
    verify("credential-service killed (SIGKILL) after 150 of 500 changes, restarted", applied, 0);
  }

  @Test
  @Order(2)
  void theBrokerStoppedAndStartedDuringABurstLosesNothing() {
    int applied =
        burst(
            200,
            60,
            () -> {
              TestBroker.stop();
              Pause.of(BROKER_OUTAGE);
              TestBroker.start();
            });
    verify("Kafka stopped after 60 of 200 changes and started again", applied, 0);
  }

  @Test
  @Order(3)
  void aKilledGatewayIsNotReadyUntilCaughtUpThenAnswersEveryCodeAtOnce() {
    ServiceProcess gateway = system.service(Service.DEVICE_GATEWAY);
    gateway.kill();
    gateway.start();
    assertFalse(gateway.ready(), "ready before it read anything");
    await("the gateway ready")
        .atMost(RESTART)
        .pollInterval(Duration.ofMillis(100))
        .until(gateway::ready);
    // Ready means caught up: every user's code works at the first attempt, none retried.
    for (CrashUser user : users) {
      List<String> candidates = user.candidates();
      assertEquals(1, candidates.size(), "no change in doubt after the earlier checks");
      Api.Answer login = device.loginByCode(candidates.get(0));
      assertEquals(200, login.status(), user.email + ": " + login.body());
      assertEquals(user.email, login.json().get("username").asText());
    }
    Api.Answer health = Api.send("GET", gateway.url("/q/health/ready"), null, null, null);
    boolean caughtUp = false;
    for (JsonNode check : health.json().get("checks")) {
      caughtUp |= check.path("data").path("caughtUp").asBoolean(false);
    }
    assertTrue(caughtUp, health.body());
    Summary.changesChecked(USERS);
    Summary.line(
        "device-gateway killed (SIGKILL) and restarted: not ready until caught up, then all "
            + USERS
            + " users' codes answered at the first attempt");
  }

  @Test
  @Order(4)
  void notificationServiceKilledMidSendDeliversEveryEmailWithAtMostOneDuplicate() {
    ServiceProcess notification = system.service(Service.NOTIFICATION);
    Mailbox mailbox = system.mailbox();
    int before = mailbox.countTo(DOMAIN);
    int[] sentBeforeTheKill = {0};
    int applied =
        burst(
            100,
            0,
            () -> {
              // Killed while it works through the emails the burst causes.
              await("emails being sent")
                  .atMost(Duration.ofSeconds(60))
                  .pollInterval(Duration.ofMillis(10))
                  .until(() -> mailbox.countTo(DOMAIN) >= before + 10);
              notification.kill();
              sentBeforeTheKill[0] = mailbox.countTo(DOMAIN) - before;
              notification.restart(RESTART);
            });
    assertTrue(sentBeforeTheKill[0] >= 10, "killed before it sent anything");
    verify(
        "notification-service killed (SIGKILL) after "
            + sentBeforeTheKill[0]
            + " of "
            + applied
            + " emails, restarted",
        applied,
        1);
  }

  /**
   * Changes codes, round robin over the users, until {@code changes} got a 2xx; after {@code
   * disruptAfter} of them, starts {@code disruption} beside it and waits for it at the end. Answers
   * how many got a 2xx.
   */
  private static int burst(int changes, int disruptAfter, Runnable disruption) {
    Thread disrupting = new Thread(disruption, "disruption");
    users.forEach(user -> user.roundStart = user.changes().size());
    int applied = 0;
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    for (int attempt = 0; applied < changes; attempt++) {
      assertTrue(System.nanoTime() < deadline, "the burst did not finish: " + applied + " applied");
      if (applied == disruptAfter && disrupting.getState() == Thread.State.NEW) {
        disrupting.start();
      }
      CrashUser user = users.get(attempt % USERS);
      String code = codes.next();
      Outcome outcome =
          CodeChanges.change(tenant, system.service(Service.CREDENTIAL), user, code, true);
      if (outcome == Outcome.APPLIED) {
        applied++;
      } else {
        Pause.of(BACK_OFF);
      }
    }
    try {
      disrupting.join(RESTART.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    assertTrue(!disrupting.isAlive(), "the disruption did not end");
    return applied;
  }

  /**
   * Once nothing is in flight: each user's code at the device is their last applied change (or a
   * later one without answer, which then counts as applied), and each applied change's email
   * arrived once; {@code duplicatesAllowed} more in all.
   */
  private static void verify(String what, int applied, int duplicatesAllowed) {
    awaitQuiet();
    int inDoubt = 0;
    for (CrashUser user : users) {
      List<String> candidates = user.candidates();
      String working = null;
      for (String candidate : candidates) {
        Api.Answer login = device.loginByCode(candidate);
        if (login.status() == 200) {
          assertEquals(user.email, login.json().get("username").asText());
          assertTrue(
              working == null, user.email + ": two codes work: " + working + ", " + candidate);
          working = candidate;
        }
      }
      assertTrue(working != null, user.email + ": none of " + candidates + " works at the device");
      if (!working.equals(candidates.get(0))) {
        inDoubt++;
      }
      settle(user, working);
    }
    int[] duplicates = {0};
    int emails = 0;
    for (CrashUser user : users) {
      Map<String, Integer> received = new HashMap<>();
      for (Mailbox.Mail mail : system.mailbox().to(user.email)) {
        mail.code().ifPresent(code -> received.merge(code, 1, Integer::sum));
      }
      Set<String> asked = new HashSet<>();
      List<Change> changes = user.changes();
      for (int i = 0; i < changes.size(); i++) {
        Change change = changes.get(i);
        asked.add(change.code());
        if (i < user.roundStart) {
          continue;
        }
        int count = received.getOrDefault(change.code(), 0);
        if (change.outcome() == Outcome.APPLIED) {
          assertTrue(count >= 1, user.email + ": no email for " + change.code());
          duplicates[0] += count - 1;
          emails += count;
        } else if (change.outcome() == Outcome.REFUSED) {
          assertEquals(0, count, user.email + ": an email for a refused change");
        }
      }
      assertTrue(asked.containsAll(received.keySet()), user.email + ": an email nobody asked for");
    }
    assertTrue(
        duplicates[0] <= duplicatesAllowed,
        what + ": " + duplicates[0] + " emails sent twice (allowed " + duplicatesAllowed + ")");
    Summary.changesChecked(applied);
    Summary.emailsChecked(emails);
    Summary.line(
        "%s: %d changes at the device (%d without answer that had happened), %d emails, %d twice"
            .formatted(what, applied, inDoubt, emails, duplicates[0]));
  }

  /**
   * What the device showed settles the doubt: the working code's change happened, the changes
   * without answer after it did not (the device would have the latest), those before it may have.
   */
  private static void settle(CrashUser user, String working) {
    boolean afterWorking = false;
    List<Change> changes = user.changes();
    for (int i = 0; i < changes.size(); i++) {
      Change change = changes.get(i);
      if (change.code().equals(working)) {
        user.replace(i, new Change(working, Outcome.APPLIED));
        afterWorking = true;
      } else if (afterWorking && change.outcome() == Outcome.UNKNOWN) {
        user.replace(i, new Change(change.code(), Outcome.REFUSED));
      }
    }
  }

  private static void awaitQuiet() {
    Quiet.await(system);
  }
}
