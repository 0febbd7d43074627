package io.lanyard.credential;

import static io.lanyard.credential.CredentialApiTest.admin;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lanyard.credential.application.CredentialJobWorker;
import io.lanyard.credential.application.RegenerationChunk;
import io.lanyard.testplatform.TestTopics;
import io.lanyard.testsupport.MovableClock;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Credential jobs (ADR 6) on the real broker and database: selections, results, cancelling,
 * resuming after the worker stopped between chunks, tenants taking turns. In tests a chunk is 50
 * users ({@code %test.lanyard.credential.jobs.chunk-size}).
 */
@io.quarkus.test.junit.QuarkusTest
class CredentialJobsTest {

  private static final Logger LOG = Logger.getLogger(CredentialJobsTest.class);

  @Inject CredentialJobWorker worker;
  @Inject RegenerationChunk chunk;
  @Inject MovableClock clock;

  @AfterEach
  void workerRuns() {
    worker.start();
    clock.reset();
  }

  static String tenant() throws Exception {
    String tenant = "jobs-" + UUID.randomUUID().toString().substring(0, 8);
    Bulk.tenant(tenant);
    return tenant;
  }

  static JsonPath queue(String tenant, Map<String, Object> body) {
    return admin(tenant)
        .body(body)
        .post("/admin/v1/credential-jobs")
        .then()
        .statusCode(202)
        .body("status", equalTo("queued"))
        .body("kind", equalTo("regenerate_codes"))
        .extract()
        .jsonPath();
  }

  static Map<String, Object> job(Object... selection) {
    Map<String, Object> body = new HashMap<>();
    body.put("kind", "regenerate_codes");
    body.put("notify", false);
    for (int i = 0; i < selection.length; i += 2) {
      body.put((String) selection[i], selection[i + 1]);
    }
    return body;
  }

  static JsonPath ended(String tenant, String jobId) {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                !List.of("queued", "running")
                    .contains(
                        admin(tenant)
                            .get("/admin/v1/credential-jobs/" + jobId)
                            .then()
                            .extract()
                            .path("status")));
    return admin(tenant)
        .get("/admin/v1/credential-jobs/" + jobId + "?size=200")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  /** Each result's outcome (and reason), by user. */
  static Map<String, String> outcomes(JsonPath job) {
    Map<String, String> outcomes = new HashMap<>();
    List<Map<String, Object>> items = job.getList("results.items");
    for (Map<String, Object> item : items) {
      Object reason = item.get("reason");
      outcomes.put(
          (String) item.get("userId"), item.get("outcome") + (reason == null ? "" : "/" + reason));
    }
    return outcomes;
  }

  /** The AccessCodeChanged a regeneration job caused, per user, as published on the topic. */
  static Map<String, List<JsonNode>> regenerations(Set<String> users) throws Exception {
    Map<String, List<JsonNode>> byUser = new HashMap<>();
    for (ConsumerRecord<String, byte[]> record :
        TestTopics.readToEnd(IdentityFeedTest.config("lanyard.events.topic"))) {
      if (!users.contains(record.key())
          || !"AccessCodeChanged".equals(CodesOverTimeTest.typeOf(record))) {
        continue;
      }
      JsonNode data = IdentityFeedTest.JSON.readTree(record.value());
      if ("regeneration_job".equals(data.path("cause").asText())) {
        byUser.computeIfAbsent(record.key(), key -> new ArrayList<>()).add(data);
      }
    }
    return byUser;
  }

  static Map<String, List<JsonNode>> awaitRegenerations(Set<String> users, int expected) {
    return await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> regenerations(users),
            found -> found.values().stream().mapToInt(List::size).sum() >= expected);
  }

  @Test
  void eachSelectionFormChoosesItsUsersAndDirectoryCodesAreSkipped() throws Exception {
    String tenant = tenant();
    List<String> staff = Bulk.users(tenant, 2, "/Staff", "manual", "active");
    List<String> it = Bulk.users(tenant, 1, "/Staff/IT", "manual", "active");
    List<String> staffing = Bulk.users(tenant, 1, "/Staffing", "manual", "active");
    List<String> away = Bulk.users(tenant, 1, "/Other", "manual", "suspended");
    List<String> google = Bulk.users(tenant, 1, "/Other", "google", "active");
    List<String> all = new ArrayList<>();
    for (List<String> some : List.of(staff, it, staffing, away)) {
      all.addAll(some);
    }
    Bulk.codes(tenant, all);
    Bulk.directoryCode(tenant, google.get(0), "G7K2QX");
    all.addAll(google);
    String before = CodesOverTimeTest.reveal(tenant, staff.get(0));

    JsonPath unit = ended(tenant, queue(tenant, job("orgUnit", "/Staff")).getString("id"));
    assertEquals("completed", unit.getString("status"));
    assertEquals(3, unit.getInt("total"));
    assertEquals(3, unit.getInt("done"));
    assertEquals(0, unit.getInt("failed"));
    Map<String, String> chosen = outcomes(unit);
    assertEquals(Set.of(staff.get(0), staff.get(1), it.get(0)), chosen.keySet(), "not /Staffing");
    assertTrue(chosen.values().stream().allMatch("regenerated"::equals));
    assertFalse(before.equals(CodesOverTimeTest.reveal(tenant, staff.get(0))));

    JsonPath suspended =
        ended(tenant, queue(tenant, job("filter", Map.of("status", "suspended"))).getString("id"));
    assertEquals(Map.of(away.get(0), "regenerated"), outcomes(suspended));

    JsonPath fromGoogle =
        ended(tenant, queue(tenant, job("filter", Map.of("origin", "google"))).getString("id"));
    assertEquals(Map.of(google.get(0), "skipped/directory_managed"), outcomes(fromGoogle));
    assertEquals("G7K2QX", CodesOverTimeTest.reveal(tenant, google.get(0)));

    Map<String, Object> everyone = job("all", true);
    everyone.put("notify", true);
    JsonPath whole = ended(tenant, queue(tenant, everyone).getString("id"));
    assertEquals(6, whole.getInt("total"));
    assertEquals(6, whole.getInt("done"));
    assertEquals(true, whole.getBoolean("notify"));
    assertEquals(6, whole.getInt("results.total"));

    // The topic: the org unit's three, the suspended one, then all but the directory's, once each
    // per job; the last job's events carry its notify flag, the window, who asked.
    Map<String, List<JsonNode>> published = awaitRegenerations(new HashSet<>(all), 3 + 1 + 5);
    assertEquals(2, published.get(staff.get(0)).size());
    assertEquals(2, published.get(away.get(0)).size());
    assertEquals(1, published.get(staffing.get(0)).size());
    assertFalse(published.containsKey(google.get(0)));
    JsonNode last = published.get(staffing.get(0)).get(0);
    assertTrue(last.path("notifyUser").asBoolean());
    assertEquals("generated", last.path("reason").asText());
    assertEquals(tenant + "-admin", last.path("changedBy").asText());
    assertFalse(published.get(staff.get(0)).get(0).path("notifyUser").asBoolean());

    JsonPath list =
        admin(tenant)
            .get("/admin/v1/credential-jobs?size=2")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertEquals(4, list.getInt("total"));
    assertEquals(whole.getString("id"), list.getString("items[0].id"), "newest first");
    assertEquals(2, list.getList("items").size());
  }

  @Test
  void aUserWhoseCodeHasExpiredIsSkippedAndAnExpiryStillToComeIsKept() throws Exception {
    String tenant = tenant();
    List<String> users = Bulk.users(tenant, 3, "/Staff", "manual", "active");
    Bulk.codes(tenant, users);
    String lapsed = users.get(0);
    String expiring = users.get(1);
    String lasting = users.get(2);
    Instant soon = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
    Instant later = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
    for (Map.Entry<String, Instant> expiry : Map.of(lapsed, soon, expiring, later).entrySet()) {
      admin(tenant)
          .body(Map.of("expiresAt", expiry.getValue().toString()))
          .put("/admin/v1/credentials/" + expiry.getKey() + "/access-code")
          .then()
          .statusCode(200);
    }
    String lapsedCode = CodesOverTimeTest.reveal(tenant, lapsed);
    clock.moveBy(Duration.ofHours(2));

    JsonPath job = ended(tenant, queue(tenant, job("userIds", users)).getString("id"));
    assertEquals("completed", job.getString("status"));
    assertEquals(
        Map.of(lapsed, "skipped/code_expired", expiring, "regenerated", lasting, "regenerated"),
        outcomes(job));
    assertEquals(lapsedCode, CodesOverTimeTest.reveal(tenant, lapsed), "the admin's to replace");

    Map<String, List<JsonNode>> published = awaitRegenerations(new HashSet<>(users), 2);
    assertFalse(published.containsKey(lapsed), "no renewed code for an expired one");
    assertEquals(
        later,
        Instant.parse(published.get(expiring).get(0).path("expiresAt").asText()),
        "an expiry still to come is kept");
    assertFalse(published.get(lasting).get(0).path("expiresAt").isTextual(), "nor one given");
  }

  @Test
  void namedUsersMustAllBeTheTenantsAndABadSelectionIsRefused() throws Exception {
    String tenant = tenant();
    String other = tenant();
    List<String> mine = Bulk.users(tenant, 2, "/A", "manual", "active");
    Bulk.codes(tenant, mine);
    String theirs = Bulk.users(other, 1, "/A", "manual", "active").get(0);

    String refused =
        admin(tenant)
            .body(job("userIds", List.of(mine.get(0), theirs)))
            .post("/admin/v1/credential-jobs")
            .then()
            .statusCode(404)
            .body("error", equalTo("user_not_found"))
            .extract()
            .asString();
    assertFalse(refused.contains(theirs), "another tenant's id is not named");
    assertEquals(
        0, (int) admin(tenant).get("/admin/v1/credential-jobs").then().extract().path("total"));

    for (Map<String, Object> bad :
        List.of(
            job(),
            job("all", true, "orgUnit", "/A"),
            job("all", false),
            job("filter", Map.of()),
            job("filter", Map.of("status", "deleted")),
            job("orgUnit", "Staff"),
            job("userIds", List.of("not-an-id")),
            job("userIds", List.of()))) {
      admin(tenant)
          .body(bad)
          .post("/admin/v1/credential-jobs")
          .then()
          .statusCode(400)
          .body("error", equalTo("invalid_selection"));
    }
    admin(tenant)
        .body(Map.of("kind", "wipe_everything", "all", true))
        .post("/admin/v1/credential-jobs")
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_kind"));

    JsonPath named =
        ended(tenant, queue(tenant, job("userIds", List.of(mine.get(1)))).getString("id"));
    assertEquals(Map.of(mine.get(1), "regenerated"), outcomes(named));
    admin(other).get("/admin/v1/credential-jobs/" + named.getString("id")).then().statusCode(404);
    admin(other)
        .delete("/admin/v1/credential-jobs/" + named.getString("id"))
        .then()
        .statusCode(404);
    admin(tenant).get("/admin/v1/credential-jobs/nope").then().statusCode(404);
  }

  @Test
  void aCancelledJobStopsBeforeItsNextChunkAndAnEndedOneCannotBeCancelled() throws Exception {
    worker.stop();
    String tenant = tenant();
    List<String> users = Bulk.users(tenant, 120, "/C", "manual", "active");
    Bulk.codes(tenant, users);
    String id = queue(tenant, job("all", true)).getString("id");
    chunk.run(UUID.fromString(id), 50).await().atMost(Duration.ofSeconds(60));

    admin(tenant)
        .delete("/admin/v1/credential-jobs/" + id)
        .then()
        .statusCode(200)
        .body("status", equalTo("cancelled"))
        .body("done", equalTo(50))
        .body("reason", equalTo("cancelled_by_admin"));
    worker.start();
    // The worker would have done the rest by now had it not been cancelled: an absence can only be
    // shown by waiting, here seven of the worker's idle rounds (200 ms in tests) and more.
    Thread.sleep(1500);
    JsonPath after = ended(tenant, id);
    assertEquals("cancelled", after.getString("status"));
    assertEquals(50, after.getInt("done"));
    assertEquals(50, after.getInt("results.total"));
    admin(tenant)
        .delete("/admin/v1/credential-jobs/" + id)
        .then()
        .statusCode(409)
        .body("error", equalTo("job_finished"));
  }

  @Test
  void aJobResumedAfterItsWorkerStoppedDoesEveryUserExactlyOnce() throws Exception {
    worker.stop();
    String tenant = tenant();
    List<String> users = Bulk.users(tenant, 130, "/R", "manual", "active");
    Bulk.codes(tenant, users);
    String id = queue(tenant, job("all", true)).getString("id");
    // One chunk, then the "replica" is gone (nothing runs), then another one takes over.
    chunk.run(UUID.fromString(id), 50).await().atMost(Duration.ofSeconds(60));
    JsonPath half =
        admin(tenant).get("/admin/v1/credential-jobs/" + id).then().extract().jsonPath();
    assertEquals("running", half.getString("status"));
    assertEquals(50, half.getInt("done"));
    worker.start();

    JsonPath done = ended(tenant, id);
    assertEquals("completed", done.getString("status"));
    assertEquals(130, done.getInt("done"));
    assertEquals(130, done.getInt("total"));
    Map<String, List<JsonNode>> published = awaitRegenerations(new HashSet<>(users), 130);
    assertEquals(130, published.size());
    published.forEach((user, events) -> assertEquals(1, events.size(), user + " once"));
    assertEquals(
        0,
        count("SELECT count(*) FROM credential_job_users WHERE job_id = '" + id + "'"),
        "the selection is let go once the job ended");
  }

  @Test
  void twoTenantsJobsTakeTurns() throws Exception {
    worker.stop();
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String big = "jobs-a-" + suffix;
    String small = "jobs-b-" + suffix;
    Bulk.tenant(big);
    Bulk.tenant(small);
    List<String> many = Bulk.users(big, 250, "/B", "manual", "active");
    List<String> few = Bulk.users(small, 10, "/S", "manual", "active");
    Bulk.codes(big, many);
    Bulk.codes(small, few);
    String bigJob = queue(big, job("all", true)).getString("id");
    String smallJob = queue(small, job("all", true)).getString("id");
    worker.start();

    assertEquals("completed", ended(small, smallJob).getString("status"));
    assertEquals("completed", ended(big, bigJob).getString("status"));
    long smallEnded =
        count(
            "SELECT position FROM event_store.events WHERE stream_id = '"
                + smallJob
                + "' AND event_type LIKE '%CredentialJobEnded%'");
    long bigChunksBefore =
        count(
            "SELECT count(*) FROM event_store.events WHERE stream_id = '"
                + bigJob
                + "' AND event_type LIKE '%CredentialJobProgressed%' AND position < "
                + smallEnded);
    assertTrue(
        bigChunksBefore <= 1,
        "the small tenant's job waited for " + bigChunksBefore + " of the big one's chunks");
  }

  @Test
  void tenThousandUsersRegenerateInChunksOf500() throws Exception {
    String tenant = tenant();
    List<String> users = Bulk.users(tenant, 10_000, "/Big", "manual", "active");
    Bulk.codes(tenant, users);
    worker.stop();
    String id = queue(tenant, job("all", true)).getString("id");
    long started = System.nanoTime();
    RegenerationChunk.Outcome outcome;
    do {
      outcome = chunk.run(UUID.fromString(id), 500).await().atMost(Duration.ofSeconds(60));
    } while (outcome.ran() && outcome.endedAs() == null);
    long millis = (System.nanoTime() - started) / 1_000_000;
    LOG.infof("regenerated 10,000 users' codes in chunks of 500 in %d ms", millis);
    worker.start();
    JsonPath done = ended(tenant, id);
    assertEquals(10_000, done.getInt("done"));
    assertEquals(0, done.getInt("failed"));
    assertEquals(
        10_000,
        count(
            "SELECT count(DISTINCT code_hash) FROM access_codes WHERE tenant_id = '"
                + tenant
                + "'"));
  }

  static long count(String sql) throws Exception {
    try (Connection db = CodesOverTimeTest.db();
        PreparedStatement query = db.prepareStatement(sql);
        ResultSet rows = query.executeQuery()) {
      return rows.next() ? rows.getLong(1) : -1;
    }
  }
}
