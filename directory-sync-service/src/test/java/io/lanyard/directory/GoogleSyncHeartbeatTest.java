package io.lanyard.directory;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lanyard.directory.GoogleConnectionTest.FakeGoogle;
import io.lanyard.directory.application.google.SyncRunStore;
import io.lanyard.testsupport.Scrape;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 21: a run that waits on Google longer than the abandonment limit, with no page to report,
 * is not taken for dead by another replica's check (which would fail it and let a second run of the
 * tenant start beside it): its replica keeps its heartbeat while the worker runs.
 */
@QuarkusTest
class GoogleSyncHeartbeatTest {

  @Inject Pool pool;
  @Inject SyncRunStore runs;

  @Test
  void aRunWaitingOnGoogleKeepsItsHeartbeatAndIsNeverAbandoned() throws Exception {
    try (FakeGoogle google = FakeGoogle.start()) {
      google.delayList(Duration.ofSeconds(5));
      double runsBefore = Scrape.value("lanyard_sync_runs_total", "result=succeeded");
      double secondsBefore = Scrape.value("lanyard_sync_duration_seconds_sum", "result=succeeded");
      String tenant = GoogleConnectionTest.tenant();
      GoogleConnectionTest.admin(tenant)
          .body(settings(google).toString())
          .put("/admin/v1/directory/google")
          .then()
          .statusCode(200);
      String runId =
          GoogleConnectionTest.admin(tenant)
              .post("/admin/v1/directory/google/sync")
              .then()
              .statusCode(202)
              .extract()
              .path("runId");

      OffsetDateTime started = heartbeat(runId);
      await("the heartbeat moves while Google has not answered")
          .atMost(Duration.ofSeconds(2))
          .until(() -> heartbeat(runId).isAfter(started));
      Thread.sleep(1_500); // longer than the limit asked below, still before Google answers
      assertEquals(0, pagesRead(runId), "no page yet: no progress was written");
      assertTrue(
          runs.abandoned(Duration.ofSeconds(1)).await().indefinitely().stream()
              .noneMatch(run -> run.runId().equals(runId)),
          "a living run looks abandoned after 1 s without a page");

      await().atMost(Duration.ofSeconds(20)).until(() -> !"running".equals(status(runId)));
      assertEquals("succeeded", status(runId));
      // Counted just after the run's end is stored.
      await()
          .atMost(Duration.ofSeconds(5))
          .until(
              () -> Scrape.value("lanyard_sync_runs_total", "result=succeeded") == runsBefore + 1);
      double took =
          Scrape.value("lanyard_sync_duration_seconds_sum", "result=succeeded") - secondsBefore;
      assertTrue(took >= 5, "the run waited 5 s for Google, measured " + took + " s");
    }
  }

  /** The connection to this test's own fake (its own key). */
  private static ObjectNode settings(FakeGoogle google) {
    ObjectNode settings = GoogleConnectionTest.JSON.createObjectNode();
    settings.put("customerId", "my_customer");
    settings.put("adminSubject", "admin@example.com");
    settings.set("serviceAccountKey", google.key(google.tokenUri()));
    settings.put("apiRootUrl", google.rootUrl());
    settings.put("syncMode", "manual");
    settings.put("source", "all");
    return settings;
  }

  private OffsetDateTime heartbeat(String runId) {
    return row(runId).getOffsetDateTime("heartbeat_at");
  }

  private int pagesRead(String runId) {
    return row(runId).getInteger("pages_read");
  }

  private String status(String runId) {
    return row(runId).getString("status");
  }

  private Row row(String runId) {
    return pool.preparedQuery("SELECT * FROM sync_runs WHERE run_id = $1")
        .execute(Tuple.of(UUID.fromString(runId)))
        .await()
        .indefinitely()
        .iterator()
        .next();
  }
}
