package io.lanyard.systemtest.google;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lanyard.systemtest.harness.Api;
import io.lanyard.systemtest.harness.Device;
import io.lanyard.systemtest.harness.FakeGoogleDirectory;
import io.lanyard.systemtest.harness.FakeGoogleDirectory.GoogleUser;
import io.lanyard.systemtest.harness.LanyardSystem;
import io.lanyard.systemtest.harness.Mailbox;
import io.lanyard.systemtest.harness.Service;
import io.lanyard.systemtest.harness.SystemExtension;
import io.lanyard.systemtest.harness.Tenant;
import io.lanyard.testplatform.TestTopics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Google Workspace sync with Google's own Java client against a fake Directory API (several pages,
 * custom schemas, org units, suspended and removed users, rate limits, a token endpoint), against
 * the real services: what a run does is checked at a device and in the mailbox. The tests are the
 * steps of one directory's life, in order.
 */
@ExtendWith(SystemExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GoogleSyncTest {

  private static final Pattern CODE_IN_MAIL = Pattern.compile("(?m)^ {4}([A-Z0-9]{4,10})\\s*$");
  private static final Duration MAIL = Duration.ofSeconds(20);
  private static final int ALUMNI = 1_100;

  private static LanyardSystem system;
  private static Tenant tenant;
  private static Device device;
  private static FakeGoogleDirectory google;
  private static String bensCode;

  @BeforeAll
  static void connect(LanyardSystem lanyard) {
    system = lanyard;
    tenant = system.createTenant("gsync");
    device = tenant.registerDevice("Google sync MFD");
    google = FakeGoogleDirectory.start(0);
    google.put(
        new GoogleUser(
            "g-ann", "Ann@gsync.example", "Ann Arbor", "/Staff", false, "ANN7K2", "00A1B2C3"));
    google.put(
        new GoogleUser(
            "g-ben", "ben@gsync.example", "Ben Bow", "/Staff/Teachers", false, null, null));
    google.put(
        new GoogleUser(
            "g-cat", "cat@gsync.example", "Cat Cole", "/Students", false, "CAT5R8", null));
    google.put(
        new GoogleUser("g-dan", "dan@gsync.example", "Dan Dee", "/Staff", true, "DAN4X9", null));
    google.put(
        new GoogleUser("g-eve", "eve@gsync.example", "Eve Eno", "/Staff", false, "12", null));
    for (int i = 0; i < ALUMNI; i++) {
      google.put(
          new GoogleUser(
              "g-alum-" + i,
              "alum" + i + "@gsync.example",
              "Alum " + i,
              "/Alumni",
              false,
              null,
              null));
    }
  }

  @AfterAll
  static void close() {
    google.close();
  }

  @Test
  @Order(1)
  void settingsAreCheckedStoredAndShownWithoutTheKey() {
    Api.Answer noKey =
        tenant.admin(
            Service.DIRECTORY_SYNC,
            "PUT",
            "/admin/v1/directory/google",
            google
                .settings("org_units", List.of("/Staff"), true)
                .replaceAll(",\"serviceAccountKey\":\\{[^}]*\\}", ""));
    assertEquals(400, noKey.status(), noKey.body());
    assertEquals("invalid_service_account_key", noKey.json().get("error").asText());

    Api.Answer badMode =
        tenant.admin(
            Service.DIRECTORY_SYNC,
            "PUT",
            "/admin/v1/directory/google",
            google
                .settings("org_units", List.of("/Staff"), true)
                .replace("\"manual\"", "\"sometimes\""));
    assertEquals(400, badMode.status());
    assertTrue(badMode.json().get("message").asText().startsWith("syncMode"), badMode.body());

    Api.Answer noUnits =
        tenant.admin(
            Service.DIRECTORY_SYNC,
            "PUT",
            "/admin/v1/directory/google",
            google.settings("org_units", List.of(), true));
    assertEquals("invalid_org_units", noUnits.json().get("error").asText());

    assertEquals(
        404,
        tenant.admin(Service.DIRECTORY_SYNC, "GET", "/admin/v1/directory/google", null).status());
    assertEquals(
        409,
        tenant
            .admin(Service.DIRECTORY_SYNC, "POST", "/admin/v1/directory/google/sync", null)
            .status(),
        "no sync before a connection");

    tenant.connectGoogle(google.settings("org_units", List.of("/Staff"), true));
    JsonNode shown =
        tenant
            .admin(Service.DIRECTORY_SYNC, "GET", "/admin/v1/directory/google", null)
            .expect(200)
            .json();
    assertEquals(
        "lanyard-sync@lanyard-fake.iam.gserviceaccount.com", shown.get("serviceAccount").asText());
    assertEquals("/Staff", shown.get("orgUnits").get(0).asText());
    assertFalse(shown.has("serviceAccountKey"));
    assertFalse(shown.toString().contains("PRIVATE KEY"));
  }

  @Test
  @Order(2)
  void aFirstRunCreatesTheUsersInScopeDespiteRateLimits() {
    google.answerRateLimits(2);
    String runId = startRun();
    assertEquals(runId, startRun(), "one run per tenant at a time: the running one is answered");
    JsonNode run = awaitRun(runId);

    assertEquals("succeeded", run.get("status").asText(), run.toString());
    assertEquals(ALUMNI + 5, run.get("progress").get("usersSeen").asInt());
    assertEquals(3, run.get("progress").get("pagesRead").asInt());
    assertCounts(run, 3, 0, 0, 0, 0, 1);
    assertEquals("eve@gsync.example", run.get("errors").get(0).get("user").asText());
    assertFalse(run.toString().contains("\"12\""), "no code in the errors");

    assertEquals(
        "ann@gsync.example", device.awaitCodeLogin("ANN7K2", 200).json().get("username").asText());
    assertEquals(200, device.awaitCardLogin("00A1B2C3", 200).status());
    assertEquals(401, device.awaitCodeLogin("DAN4X9", 401).status(), "suspended in Google");
    assertEquals(401, device.awaitCodeLogin("CAT5R8", 401).status(), "out of the org units");
    assertEquals("ANN7K2", codeIn(system.mailbox().await("ann@gsync.example", 1, MAIL).get(0)));
    bensCode = codeIn(system.mailbox().await("ben@gsync.example", 1, MAIL).get(0));
    assertEquals(200, device.awaitCodeLogin(bensCode, 200).status(), "a generated code");
  }

  /**
   * ADR 7: what a run links and applies travels sealed: the directory topic holds the users' links
   * and syncs as v2, with neither their Google ids nor their emails (nor a fingerprint of them) in
   * clear.
   */
  @Test
  @Order(3)
  void theRunsLinksAndSyncsCarryNoGoogleIdOrEmailInClear() {
    int sealed = 0;
    for (ConsumerRecord<String, byte[]> record : TestTopics.readToEnd(system.topic("directory"))) {
      if (!tenant.id().equals(header(record, "ce_tenantid"))) {
        continue;
      }
      String type = header(record, "ce_type");
      String value = new String(record.value(), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
      assertFalse(value.contains("gsync.example"), type + ": " + value);
      assertFalse(value.contains("g-ann") || value.contains("g-alum-"), type + ": " + value);
      assertFalse(type.endsWith("DirectoryUserLinked.v1") || type.endsWith("Synced.v1"), type);
      if (type.endsWith("DirectoryUserLinked.v2") || type.endsWith("DirectoryUserSynced.v2")) {
        sealed++;
      }
    }
    // ann, ben, dan: linked and synced.
    assertTrue(sealed >= 6, sealed + " sealed links and syncs");
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  @Test
  @Order(4)
  void aRunWithNothingChangedChangesNothingAndSendsNothing() throws InterruptedException {
    JsonNode run = awaitRun(startRun());
    assertCounts(run, 0, 0, 0, 0, 3, 1);
    // Nothing to wait for when nothing should come: a wrongly queued email would be sent within
    // the notification service's 250 ms poll, so a second covers it.
    Thread.sleep(1_000);
    assertEquals(1, system.mailbox().to("ann@gsync.example").size());
    assertEquals(1, system.mailbox().to("ben@gsync.example").size());
  }

  @Test
  @Order(5)
  void changesInGoogleReachTheDevice() {
    google.put(google.user("g-ann").withAccessCode(null));
    google.put(google.user("g-dan").suspended(false));
    google.put(google.user("g-cat").inOrgUnit("/Staff/Office"));
    google.remove("g-ben");

    JsonNode run = awaitRun(startRun());
    assertCounts(run, 1, 2, 0, 1, 0, 1);

    Mailbox.Mail regenerated = system.mailbox().await("ann@gsync.example", 2, MAIL).get(1);
    String annsNewCode = codeIn(regenerated);
    assertNotEquals("ANN7K2", annsNewCode);
    assertEquals(200, device.awaitCodeLogin(annsNewCode, 200).status());
    assertEquals(401, device.awaitCodeLogin("ANN7K2", 401).status());
    assertEquals(200, device.awaitCodeLogin("DAN4X9", 200).status(), "reactivated");
    assertEquals(200, device.awaitCodeLogin("CAT5R8", 200).status(), "moved into scope");
    assertEquals(401, device.awaitCodeLogin(bensCode, 401).status(), "removed from Google");

    JsonNode runs =
        tenant
            .admin(Service.DIRECTORY_SYNC, "GET", "/admin/v1/directory/sync-runs", null)
            .expect(200)
            .json();
    assertEquals(3, runs.get("items").size());
    assertEquals(run.get("runId").asText(), runs.get("items").get(0).get("runId").asText());
  }

  @Test
  @Order(6)
  void aRunWhoseServiceIsKilledIsMarkedFailedNotLeftRunning() {
    google.delayListCalls(Duration.ofSeconds(3));
    String runId = startRun();
    system.service(Service.DIRECTORY_SYNC).kill();
    google.delayListCalls(Duration.ZERO);
    system.service(Service.DIRECTORY_SYNC).restart(Duration.ofSeconds(120));

    JsonNode run = awaitRun(runId);
    assertEquals("failed", run.get("status").asText(), run.toString());
    assertTrue(run.get("failure").asText().contains("stopped"), run.toString());
    assertEquals("succeeded", awaitRun(startRun()).get("status").asText(), "the next run works");
  }

  @Test
  @Order(7)
  void disconnectingStopsTheSyncAndKeepsTheUsers() {
    assertEquals(
        204,
        tenant
            .admin(Service.DIRECTORY_SYNC, "DELETE", "/admin/v1/directory/google", null)
            .status());
    assertEquals(
        404,
        tenant.admin(Service.DIRECTORY_SYNC, "GET", "/admin/v1/directory/google", null).status());
    assertEquals(
        409,
        tenant
            .admin(Service.DIRECTORY_SYNC, "POST", "/admin/v1/directory/google/sync", null)
            .status());
    assertEquals(200, device.awaitCodeLogin("DAN4X9", 200).status(), "synced users stay");
  }

  private static String startRun() {
    Api.Answer started =
        tenant.admin(Service.DIRECTORY_SYNC, "POST", "/admin/v1/directory/google/sync", null);
    started.expect(202);
    return started.json().get("runId").asText();
  }

  private static JsonNode awaitRun(String runId) {
    return Tenant.retryWhile(
            () ->
                tenant.admin(
                    Service.DIRECTORY_SYNC, "GET", "/admin/v1/directory/sync-runs/" + runId, null),
            answer ->
                answer.status() != 200 || "running".equals(answer.json().get("status").asText()),
            Duration.ofSeconds(60))
        .expect(200)
        .json();
  }

  private static void assertCounts(
      JsonNode run,
      int created,
      int updated,
      int suspended,
      int deleted,
      int unchanged,
      int failed) {
    JsonNode counts = run.get("counts");
    assertEquals(
        List.of(created, updated, suspended, deleted, unchanged, failed),
        List.of(
            counts.get("created").asInt(),
            counts.get("updated").asInt(),
            counts.get("suspended").asInt(),
            counts.get("deleted").asInt(),
            counts.get("unchanged").asInt(),
            counts.get("failed").asInt()),
        run.toString());
  }

  private static String codeIn(Mailbox.Mail mail) {
    Matcher code = CODE_IN_MAIL.matcher(mail.text());
    assertTrue(code.find(), "no code in " + mail.subject());
    return code.group(1);
  }
}
