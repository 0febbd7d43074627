package io.lanyard.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lanyard.systemtest.harness.Api;
import io.lanyard.systemtest.harness.FakeGoogleDirectory;
import io.lanyard.systemtest.harness.FakeGoogleDirectory.GoogleUser;
import io.lanyard.systemtest.harness.LanyardSystem;
import io.lanyard.systemtest.harness.Pause;
import io.lanyard.systemtest.harness.Service;
import io.lanyard.systemtest.harness.ServiceProcess;
import io.lanyard.systemtest.harness.SystemExtension;
import io.lanyard.systemtest.harness.Tenant;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * directory-sync-service twice on one database: a tenant has one Google sync run at a time,
 * whichever replica an admin (or the console behind a load balancer) asks. The API's answer to a
 * start while a run goes is 202 with the running run's id, so "refused" here means: no new run.
 *
 * <p>The system's directory-sync marks a run abandoned after 10 s without a heartbeat (1 s checks);
 * a slow Google keeps a run going longer than that.
 */
@ExtendWith({SystemExtension.class, Summary.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DirectorySyncReplicasTest {

  private static final Duration ABANDONED_AFTER = Duration.ofSeconds(10);
  private static final Duration RESTART = Duration.ofMinutes(2);
  private static final int GOOGLE_USERS = 6;

  private static LanyardSystem system;
  private static Tenant tenant;
  private static FakeGoogleDirectory google;
  private static ServiceProcess first;
  private static ServiceProcess second;

  @BeforeAll
  static void twoReplicasAndADirectory(LanyardSystem lanyard) {
    system = lanyard;
    tenant = system.createTenant("sync-replicas");
    google = FakeGoogleDirectory.start(0);
    for (int i = 0; i < GOOGLE_USERS; i++) {
      google.put(
          new GoogleUser(
              "g-" + i, "g" + i + "@sync-replicas.example", "G " + i, "/", false, null, null));
    }
    tenant.connectGoogle(google.settings("all", List.of(), false));
    first = system.service(Service.DIRECTORY_SYNC);
    second = system.startReplica(Service.DIRECTORY_SYNC);
  }

  @AfterAll
  static void oneReplicaAgain() {
    if (system == null) {
      return;
    }
    system.backToOneReplica(Service.DIRECTORY_SYNC, RESTART);
    google.close();
  }

  @Test
  @Order(1)
  void startsAskedOfBothReplicasAtOnceMakeOneRunAndALaterStartThroughTheOtherNone() {
    google.delayListCalls(Duration.ofSeconds(3));
    int listCalls = google.listCalls();
    CountDownLatch go = new CountDownLatch(1);
    CompletableFuture<Api.Answer> throughFirst = startAsync(first, go);
    CompletableFuture<Api.Answer> throughSecond = startAsync(second, go);
    go.countDown();
    Api.Answer a = throughFirst.join().expect(202);
    Api.Answer b = throughSecond.join().expect(202);
    String runId = a.json().get("runId").asText();
    assertEquals(runId, b.json().get("runId").asText(), "two runs started at once");

    // While it runs, each replica answers the running run, whichever of them runs it.
    assertEquals("running", run(second, runId).get("status").asText());
    assertEquals(runId, start(second).expect(202).json().get("runId").asText());
    assertEquals(runId, start(first).expect(202).json().get("runId").asText());

    JsonNode done = awaitFinished(runId);
    assertEquals("succeeded", done.get("status").asText(), done.toString());
    assertEquals(GOOGLE_USERS, done.get("counts").get("created").asInt(), done.toString());
    assertEquals(1, google.listCalls() - listCalls, "Google read by one run only");
    assertEquals(List.of(runId), runIds());
    assertEquals(2, runEvents(runId), "started and completed, once each");
    Summary.line(
        "directory-sync x2: two starts at once through both replicas, and two more while it ran:"
            + " one run, read Google once, completed once");
  }

  @Test
  @Order(2)
  void aRunSlowerThanTheAbandonmentLimitIsNotTakenForDeadByTheOtherReplica() {
    google.delayListCalls(ABANDONED_AFTER.plusSeconds(3));
    String runId = start(first).expect(202).json().get("runId").asText();
    // Past the limit: the other replica's check has run several times since the run's last page.
    Pause.of(ABANDONED_AFTER.plusSeconds(1));
    JsonNode meanwhile = run(second, runId);
    assertEquals("running", meanwhile.get("status").asText(), meanwhile.toString());
    assertEquals(runId, start(second).expect(202).json().get("runId").asText(), "a second run");

    JsonNode done = awaitFinished(runId);
    assertEquals("succeeded", done.get("status").asText(), done.toString());
    assertEquals(2, runEvents(runId));
    assertEquals(runId, runIds().get(0));
    Summary.line(
        "directory-sync x2: a run waiting on Google longer than the abandonment limit stays the"
            + " tenant's one run (not reaped by the other replica), and completes");
  }

  @Test
  @Order(3)
  void aRunWhoseReplicaDiedIsFailedByTheOtherWhichThenRunsTheNextOne() {
    google.delayListCalls(Duration.ofSeconds(5));
    String dead = start(first).expect(202).json().get("runId").asText();
    Pause.of(Duration.ofSeconds(1));
    first.kill();
    long killed = System.nanoTime();
    await("the other replica fails the dead replica's run")
        .atMost(ABANDONED_AFTER.plusSeconds(20))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> !"running".equals(run(second, dead).get("status").asText()));
    long reapedMillis = Duration.ofNanos(System.nanoTime() - killed).toMillis();
    JsonNode failed = run(second, dead);
    assertEquals("failed", failed.get("status").asText(), failed.toString());

    google.delayListCalls(Duration.ZERO);
    String next = start(second).expect(202).json().get("runId").asText();
    assertNotEquals(dead, next);
    JsonNode done = awaitFinished(next);
    assertEquals("succeeded", done.get("status").asText(), done.toString());
    first.restart(RESTART);
    assertTrue(reapedMillis <= ABANDONED_AFTER.plusSeconds(5).toMillis(), "" + reapedMillis);
    Summary.line(
        "directory-sync x2: the running replica killed (SIGKILL): its run failed by the other in "
            + reapedMillis
            + " ms, the next run through the other completed");
  }

  private static CompletableFuture<Api.Answer> startAsync(
      ServiceProcess replica, CountDownLatch go) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            go.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
          }
          return start(replica);
        });
  }

  private static Api.Answer start(ServiceProcess replica) {
    return Api.send(
        "POST",
        replica.url("/admin/v1/directory/google/sync"),
        tenant.adminToken(),
        "application/json",
        null);
  }

  private static JsonNode run(ServiceProcess replica, String runId) {
    return Api.send(
            "GET",
            replica.url("/admin/v1/directory/sync-runs/" + runId),
            tenant.adminToken(),
            null,
            null)
        .expect(200)
        .json();
  }

  private static JsonNode awaitFinished(String runId) {
    JsonNode[] last = new JsonNode[1];
    await("run " + runId + " finishes")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              last[0] = run(second, runId);
              return !"running".equals(last[0].get("status").asText());
            });
    return last[0];
  }

  /** The tenant's runs, newest first. */
  private static List<String> runIds() {
    JsonNode runs =
        Api.send(
                "GET",
                second.url("/admin/v1/directory/sync-runs?size=100"),
                tenant.adminToken(),
                null,
                null)
            .expect(200)
            .json()
            .get("items");
    List<String> ids = new java.util.ArrayList<>();
    runs.forEach(run -> ids.add(run.get("runId").asText()));
    return ids;
  }

  private static long runEvents(String runId) {
    return system.queryNumber(
        Service.DIRECTORY_SYNC,
        "SELECT count(*) FROM event_store.events WHERE stream_id = 'sync-run:" + runId + "'");
  }
}
