package io.lanyard.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lanyard.systemtest.harness.Api;
import io.lanyard.systemtest.harness.Device;
import io.lanyard.systemtest.harness.LanyardSystem;
import io.lanyard.systemtest.harness.Pause;
import io.lanyard.systemtest.harness.Projections;
import io.lanyard.systemtest.harness.Service;
import io.lanyard.systemtest.harness.SystemExtension;
import io.lanyard.systemtest.harness.Tenant;
import io.lanyard.systemtest.harness.TestBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The broker stopped while every projection is being rebuilt (the operator's {@code POST
 * /ops/v1/projections/{name}/rebuild}): each rebuild either waits and finishes once the broker is
 * back, or fails and says why in its status; never DONE with a model it could not read. The live
 * models answer throughout (device logins, admin reads), and rebuilds asked again afterwards finish
 * with the live checksums.
 */
@ExtendWith({SystemExtension.class, Summary.class})
class RebuildBrokerOutageTest {

  private static final int USERS = 20;
  private static final String DOMAIN = "@rebuild.example";
  private static final Duration OUTAGE = Duration.ofSeconds(8);
  private static final Duration FINISHING = Duration.ofSeconds(90);
  private static final Duration STATUS_EVERY = Duration.ofMillis(200);
  private static final Duration SETTLING = Duration.ofSeconds(60);

  private static LanyardSystem system;
  private static Tenant tenant;
  private static Device device;
  private static Projections projections;
  private static final List<String> userIds = new ArrayList<>();

  @BeforeAll
  static void provision(LanyardSystem lanyard) {
    system = lanyard;
    projections = new Projections(system);
    tenant = system.createTenant("rebuildkafka");
    device = tenant.registerDevice("Rebuild MFD");
    Tenant.ScimEndpoint scim = tenant.issueScimToken();
    for (int i = 0; i < USERS; i++) {
      userIds.add(
          scim.createUser("user" + i + DOMAIN, "User " + i, code(i))
              .expect(201)
              .json()
              .get("id")
              .asText());
    }
    for (int i = 0; i < USERS; i++) {
      device.awaitCodeLogin(code(i), 200);
    }
  }

  private static String code(int user) {
    return "RBK%03d".formatted(user);
  }

  @Test
  void aRebuildDuringABrokerOutageFinishesOrFailsClearlyWhileTheLiveModelsAnswer() {
    Map<String, String> live = projections.awaitSettledChecksums(SETTLING);
    LiveTraffic traffic = new LiveTraffic();
    traffic.start();
    Map<String, TreeSet<String>> statesSeen = new LinkedHashMap<>();
    Map<String, JsonNode> outcomes = new LinkedHashMap<>();
    long backAt;
    try {
      TestBroker.stop();
      try {
        for (String projection : live.keySet()) {
          projections.askRebuild(projection);
          statesSeen.put(projection, new TreeSet<>());
        }
        long until = System.nanoTime() + OUTAGE.toNanos();
        while (System.nanoTime() < until) {
          for (String projection : live.keySet()) {
            JsonNode status = projections.rebuildStatus(projection);
            statesSeen.get(projection).add(status.get("state").asText());
            assertFalse(
                "DONE".equals(status.get("state").asText()),
                projection + " rebuilt without a broker: " + status);
          }
          Pause.of(Duration.ofMillis(250));
        }
      } finally {
        TestBroker.start();
      }
      backAt = System.nanoTime();
      for (String projection : live.keySet()) {
        JsonNode done = projections.awaitRebuildFinished(projection, FINISHING, STATUS_EVERY);
        statesSeen.get(projection).add(done.get("state").asText());
        outcomes.put(projection, done);
      }
    } finally {
      traffic.stop();
    }
    long finishedAfter = (System.nanoTime() - backAt) / 1_000_000;

    List<String> lines = new ArrayList<>();
    for (Map.Entry<String, JsonNode> outcome : outcomes.entrySet()) {
      JsonNode status = outcome.getValue();
      if ("DONE".equals(status.get("state").asText())) {
        assertEquals(
            status.get("liveChecksum").asText(),
            status.get("rebuiltChecksum").asText(),
            outcome.getKey() + " resumed after the outage: " + status);
      } else {
        assertFalse(
            status.path("error").asText("").isBlank(),
            outcome.getKey() + " failed without saying why: " + status);
      }
      lines.add(
          outcome.getKey()
              + " "
              + statesSeen.get(outcome.getKey())
              + ("FAILED".equals(status.get("state").asText())
                  ? " (" + status.get("error").asText() + ")"
                  : ""));
    }
    assertEquals(List.of(), traffic.failures, "the live models stopped answering");
    assertTrue(traffic.logins.get() > 0 && traffic.reads.get() > 0);

    // Asked again with the broker back: each rebuild finishes with the live checksums.
    for (String projection : live.keySet()) {
      projections.askRebuild(projection);
      JsonNode again = projections.awaitRebuildFinished(projection, FINISHING, STATUS_EVERY);
      assertEquals("DONE", again.get("state").asText(), again.toString());
      assertEquals(live.get(projection), again.get("liveChecksum").asText(), projection);
      assertEquals(live.get(projection), again.get("rebuiltChecksum").asText(), projection);
    }
    assertEquals(live, projections.awaitSettledChecksums(SETTLING));
    Summary.line(
        ("Kafka stopped for %d s during a rebuild of every projection: %s; all finished %d ms after"
                + " it was back; %d device logins and %d admin reads answered throughout; rebuilt"
                + " again: live checksums")
            .formatted(
                OUTAGE.toSeconds(),
                String.join("; ", lines),
                finishedAfter,
                traffic.logins.get(),
                traffic.reads.get()));
  }

  /** A printer logging in and an admin reading users and credentials, until stopped. */
  private static final class LiveTraffic {
    final AtomicInteger logins = new AtomicInteger();
    final AtomicInteger reads = new AtomicInteger();
    final List<String> failures = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread = new Thread(this::run, "live-traffic");

    void start() {
      thread.start();
    }

    void stop() {
      running.set(false);
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private void run() {
      for (int i = 0; running.get(); i = (i + 1) % USERS) {
        check("login " + code(i), device.loginByCode(code(i)));
        logins.incrementAndGet();
        check(
            "identity read",
            tenant.admin(Service.IDENTITY, "GET", "/admin/v1/users/" + userIds.get(i), null));
        check(
            "credential read",
            tenant.admin(
                Service.CREDENTIAL, "GET", "/admin/v1/credentials/" + userIds.get(i), null));
        reads.addAndGet(2);
        Pause.of(Duration.ofMillis(20));
      }
    }

    private void check(String what, Api.Answer answer) {
      if (answer.status() != 200) {
        failures.add(what + ": " + answer.status() + " " + answer.body());
      }
    }
  }
}
