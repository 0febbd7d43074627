package io.lanyard.notification;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanyard.contracts.CredentialEvents;
import io.lanyard.contracts.DeviceEvents;
import io.lanyard.contracts.EventType;
import io.lanyard.contracts.IdentityEvents;
import io.lanyard.contracts.NotificationEvents;
import io.lanyard.credentialrules.SecretPurposes;
import io.lanyard.notification.feed.NotificationFeed;
import io.lanyard.notification.infra.Recipients;
import io.lanyard.secrets.SecretCipher;
import io.lanyard.testplatform.TestTopics;
import io.lanyard.testsupport.RowScan;
import io.lanyard.testsupport.Scrape;
import io.lanyard.testsupport.TestEvents;
import io.lanyard.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The emails, end to end inside the service: identity, credential and device events on the real
 * broker, emails through a real SMTP server (GreenMail in this JVM), the delivery log and events.
 */
@QuarkusTest
class NotificationTest {

  static final List<String> LOG = new ArrayList<>();
  static final List<String> CODES = new ArrayList<>();
  static final Handler CAPTURE =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          synchronized (LOG) {
            LOG.add(String.valueOf(record.getMessage()) + " " + record.getThrown());
            if (record.getParameters() != null) {
              for (Object parameter : record.getParameters()) {
                LOG.add(String.valueOf(parameter));
              }
            }
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @Inject SecretCipher cipher;
  @Inject NotificationFeed feed;
  @Inject Recipients recipients;
  @Inject io.vertx.mutiny.sqlclient.Pool pool;

  static boolean tenantsCreated;

  @BeforeAll
  static void captureLogs() {
    Logger.getLogger("").addHandler(CAPTURE);
  }

  @AfterAll
  static void noCodeWasLogged() {
    Logger.getLogger("").removeHandler(CAPTURE);
    synchronized (LOG) {
      assertFalse(LOG.isEmpty(), "the service's log was captured");
      for (String line : LOG) {
        for (String code : CODES) {
          assertFalse(line.contains(code), "a code in the log: " + line);
        }
      }
    }
  }

  @BeforeEach
  void tenants() throws Exception {
    if (!tenantsCreated) {
      publish(
          "identity",
          IdentityEvents.TENANT_CREATED,
          "tenant:acme",
          "acme",
          1,
          "{\"tenantId\":\"acme\",\"name\":\"Acme\"}");
      tenantsCreated = true;
    }
    await().until(() -> admin().get("/admin/v1/notifications/settings").statusCode() == 200);
  }

  static RequestSpecification admin() {
    return given().auth().oauth2(TestTokens.admin("acme")).contentType(ContentType.JSON);
  }

  static void publish(
      String domain, EventType type, String subject, String tenant, long version, String json)
      throws Exception {
    String topic = ConfigProvider.getConfig().getValue("lanyard.topics." + domain, String.class);
    try (KafkaProducer<String, byte[]> producer = TestTopics.producer()) {
      producer
          .send(TestEvents.record(topic, domain + "-service", type, subject, tenant, version, json))
          .get();
    }
  }

  static String user(String name, String locale) throws Exception {
    String id = UUID.randomUUID().toString();
    publish(
        "identity",
        IdentityEvents.USER_CREATED,
        id,
        "acme",
        1,
        ("{\"userId\":\"%s\",\"tenantId\":\"acme\",\"username\":\"%s\",\"displayName\":\"%s\","
                + "\"email\":\"%s@acme.example\",\"locale\":%s,\"origin\":\"manual\"}")
            .formatted(
                id, name, "User " + name, name, locale == null ? "null" : "\"" + locale + "\""));
    return id;
  }

  void code(String user, long version, String code, String reason, boolean notify)
      throws Exception {
    CODES.add(code);
    String topic = ConfigProvider.getConfig().getValue("lanyard.topics.credential", String.class);
    try (KafkaProducer<String, byte[]> producer = TestTopics.producer()) {
      producer.send(codeRecord(topic, user, version, code, reason, notify)).get();
    }
  }

  static MimeMessage awaitOne(String address, int count) {
    await().atMost(Duration.ofSeconds(20)).until(() -> TestSmtp.to(address).size() >= count);
    List<MimeMessage> messages = TestSmtp.to(address);
    assertEquals(count, messages.size(), "emails to " + address);
    return messages.get(count - 1);
  }

  @Test
  void aNewUserGetsOneInvitationWithTheirCodeCardsAndAQrCode() throws Exception {
    String ada = user("ada", null);
    code(ada, 1, "7KQ2MX", "initial", false);
    MimeMessage invitation = awaitOne("ada@acme.example", 1);
    assertEquals("Your printing access code", invitation.getSubject());
    String text = TestSmtp.text(invitation);
    assertTrue(text.contains("7KQ2MX"), text);
    assertTrue(text.contains("User ada"));
    // Without a portal URL of the tenant's own, the link leads to the web console's user portal.
    assertTrue(text.contains("user portal: http://127.0.0.1:8085/"), text);
    assertTrue(TestSmtp.hasInlinePng(invitation), "the QR code");
    assertTrue(invitation.getFrom()[0].toString().contains("Lanyard"));

    // A card registered later shows, masked, in an invitation the admin sends again.
    publish(
        "credential",
        CredentialEvents.CARD_REGISTERED,
        ada,
        "acme",
        2,
        ("{\"userId\":\"%s\",\"tenantId\":\"acme\",\"cardId\":\"%s\",\"cardHash\":\"k:h\","
                + "\"cardCiphertext\":\"k:c\",\"maskedNumber\":\"••••B2C3\",\"label\":null,"
                + "\"source\":\"admin\",\"registeredBy\":\"test\"}")
            .formatted(ada, UUID.randomUUID()));
    // The card's event is applied within moments; the resent invitation is built after it.
    TimeUnit.SECONDS.sleep(1);
    admin().post("/admin/v1/notifications/invitations/" + ada).then().statusCode(202);
    String resent = TestSmtp.text(awaitOne("ada@acme.example", 2));
    assertTrue(resent.contains("••••B2C3") && resent.contains("7KQ2MX"), resent);

    // The code before the user (the topics are read in no particular order between them).
    String bo = UUID.randomUUID().toString();
    code(bo, 1, "B0X7PQ", "directory", false);
    publish(
        "identity",
        IdentityEvents.USER_CREATED,
        bo,
        "acme",
        1,
        "{\"userId\":\"%s\",\"tenantId\":\"acme\",\"username\":\"bo\",\"displayName\":\"Bo\",\"email\":\"bo@acme.example\",\"origin\":\"scim\",\"externalId\":\"x\"}"
            .formatted(bo));
    assertTrue(TestSmtp.text(awaitOne("bo@acme.example", 1)).contains("B0X7PQ"));

    admin()
        .get("/admin/v1/notifications?userId=" + ada)
        .then()
        .statusCode(200)
        .body("items", hasSize(2))
        .body("items[1].kind", equalTo("invitation"))
        .body("items[1].status", equalTo("sent"))
        .body("items[1].attempts", equalTo(1));
    String log = admin().get("/admin/v1/notifications?userId=" + ada).asString();
    assertFalse(log.contains("7KQ2MX"));
  }

  /**
   * Events sent at once arrive in few polls, whose runs of creations and of code changes are
   * written together: each user still gets exactly one invitation with their own code, whether the
   * code came before the user or after; two changes of one user's code in one burst are emailed in
   * their order.
   */
  @Test
  void manyUsersAndCodesSentAtOnceEachGetOneInvitationWithTheirOwnCode() throws Exception {
    String identity = ConfigProvider.getConfig().getValue("lanyard.topics.identity", String.class);
    String credential =
        ConfigProvider.getConfig().getValue("lanyard.topics.credential", String.class);
    List<String> users = new ArrayList<>();
    Map<String, String> codes = new LinkedHashMap<>();
    for (int i = 0; i < 16; i++) {
      String id = UUID.randomUUID().toString();
      users.add(id);
      codes.put(id, runCode(i, "Q"));
    }
    try (KafkaProducer<String, byte[]> producer = TestTopics.producer()) {
      for (int i = 0; i < users.size(); i++) {
        String id = users.get(i);
        // The first half's codes come before their users, the second half's after.
        boolean codeFirst = i < users.size() / 2;
        if (codeFirst) {
          producer.send(codeRecord(credential, id, 1, codes.get(id), "directory", false));
        }
        producer.send(
            TestEvents.record(
                identity,
                "identity-service",
                IdentityEvents.USER_CREATED,
                id,
                "acme",
                1,
                ("{\"userId\":\"%s\",\"tenantId\":\"acme\",\"username\":\"run%d\","
                        + "\"displayName\":\"Run %d\",\"email\":\"run%d@acme.example\","
                        + "\"origin\":\"scim\",\"externalId\":\"run%d\"}")
                    .formatted(id, i, i, i, i)));
        if (!codeFirst) {
          producer.send(codeRecord(credential, id, 1, codes.get(id), "directory", false));
        }
      }
      producer.flush();
    }
    for (int i = 0; i < users.size(); i++) {
      String text = TestSmtp.text(awaitOne("run" + i + "@acme.example", 1));
      assertTrue(text.contains(codes.get(users.get(i))), "run" + i + ": " + text);
    }

    // Two changes of each code at once: both emailed, the second one last.
    try (KafkaProducer<String, byte[]> producer = TestTopics.producer()) {
      for (int i = 0; i < users.size(); i++) {
        producer.send(codeRecord(credential, users.get(i), 2, runCode(i, "W"), "admin", true));
        producer.send(codeRecord(credential, users.get(i), 3, runCode(i, "Z"), "admin", true));
      }
      producer.flush();
    }
    for (int i = 0; i < users.size(); i++) {
      String text = TestSmtp.text(awaitOne("run" + i + "@acme.example", 3));
      assertTrue(text.contains(runCode(i, "Z")), "run" + i + ": " + text);
    }
  }

  private String runCode(int i, String last) {
    String code = "RUN" + "ABCDEFGHJKLMNPQR".charAt(i) + (2 + i % 8) + last;
    CODES.add(code);
    return code;
  }

  /**
   * A user's code set twice before the user arrives (another topic, read in no particular order):
   * the invitation waits for the user through the second change.
   */
  @Test
  void anInvitationWaitsForItsUserThroughALaterChangeOfTheCode() throws Exception {
    String wen = UUID.randomUUID().toString();
    double retried = Scrape.value("lanyard_email_retries_total", "kind=code_changed");
    code(wen, 1, "W3N7QP", "directory", false);
    code(wen, 2, "W3N9WX", "admin", true);
    // The second code's email is tried before its user arrives: it waits, and is not lost.
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> Scrape.value("lanyard_email_retries_total", "kind=code_changed") > retried);
    publish(
        "identity",
        IdentityEvents.USER_CREATED,
        wen,
        "acme",
        1,
        "{\"userId\":\"%s\",\"tenantId\":\"acme\",\"username\":\"wen\",\"displayName\":\"Wen\",\"email\":\"wen@acme.example\",\"origin\":\"scim\",\"externalId\":\"wen\"}"
            .formatted(wen));
    awaitOne("wen@acme.example", 2);
    TimeUnit.SECONDS.sleep(1);
    List<String> subjects = new ArrayList<>();
    for (MimeMessage message : TestSmtp.to("wen@acme.example")) {
      subjects.add(message.getSubject());
    }
    assertEquals(2, subjects.size(), subjects.toString());
    assertTrue(subjects.contains("Your printing access code"), subjects.toString());
  }

  private ProducerRecord<String, byte[]> codeRecord(
      String topic, String user, long version, String code, String reason, boolean notify) {
    return TestEvents.record(
        topic,
        "credential-service",
        CredentialEvents.ACCESS_CODE_CHANGED,
        user,
        "acme",
        version,
        ("{\"userId\":\"%s\",\"tenantId\":\"acme\",\"codeHash\":\"k:h\",\"codeCiphertext\":\"%s\","
                + "\"reason\":\"%s\",\"notifyUser\":%s,\"changedBy\":\"test\"}")
            .formatted(
                user, cipher.encrypt("acme", SecretPurposes.ACCESS_CODE, code), reason, notify));
  }

  @Test
  void saveAndEmailAndRegeneratedCodesAreSentButAQuietChangeIsNot() throws Exception {
    String cy = user("cy", null);
    code(cy, 1, "C4Y7QZ", "initial", false);
    awaitOne("cy@acme.example", 1);
    code(cy, 2, "C9Y2WE", "admin", true);
    MimeMessage changed = awaitOne("cy@acme.example", 2);
    assertEquals("Your new printing access code", changed.getSubject());
    assertTrue(TestSmtp.text(changed).contains("C9Y2WE"));
    code(cy, 3, "C7Y3RT", "admin", false);
    code(cy, 4, "C5Y8UI", "regenerated_after_source_removal", false);
    MimeMessage regenerated = awaitOne("cy@acme.example", 3);
    assertEquals("Your printing access code was replaced", regenerated.getSubject());
    assertTrue(TestSmtp.text(regenerated).contains("C5Y8UI"));
    assertFalse(TestSmtp.text(regenerated).contains("C7Y3RT"));
  }

  @Test
  void aReminderGoesOnlyToAnActiveUsersOwnAddress() throws Exception {
    String dee = user("dee", null);
    code(dee, 1, "D3E8RV", "initial", false);
    awaitOne("dee@acme.example", 1);
    publish(
        "device",
        DeviceEvents.ACCESS_CODE_REMINDER_REQUESTED,
        UUID.randomUUID().toString(),
        "acme",
        1,
        "{\"tenantId\":\"acme\",\"email\":\"nobody@acme.example\",\"deviceId\":\"%s\",\"requestedAt\":\"2026-11-27T10:00:00Z\"}"
            .formatted(UUID.randomUUID()));
    publish(
        "device",
        DeviceEvents.ACCESS_CODE_REMINDER_REQUESTED,
        UUID.randomUUID().toString(),
        "acme",
        1,
        "{\"tenantId\":\"acme\",\"email\":\"dee@acme.example\",\"deviceId\":\"%s\",\"requestedAt\":\"2026-11-27T10:00:00Z\"}"
            .formatted(UUID.randomUUID()));
    MimeMessage reminder = awaitOne("dee@acme.example", 2);
    assertTrue(TestSmtp.text(reminder).contains("D3E8RV"));
    assertEquals(0, TestSmtp.to("nobody@acme.example").size());
  }

  @Test
  void aReminderWhoseAddressIsSealedUnderTheTenantsKeyOpensAndGoesToItsOwner() throws Exception {
    String eve = user("eve", null);
    code(eve, 1, "E3V8RQ", "initial", false);
    awaitOne("eve@acme.example", 1);
    String notAcmes =
        io.lanyard.secrets.TenantSeal.seal(
            io.lanyard.testsupport.FakeDataKeys.tenantKeyOf("globex"),
            "acme",
            io.lanyard.credentialrules.SecretPurposes.TYPED_ADDRESS,
            "eve@acme.example");
    String sealed =
        io.lanyard.secrets.TenantSeal.seal(
            io.lanyard.testsupport.FakeDataKeys.tenantKeyOf("acme"),
            "acme",
            io.lanyard.credentialrules.SecretPurposes.TYPED_ADDRESS,
            "eve@acme.example");
    for (String address : List.of(notAcmes, sealed)) {
      publish(
          "device",
          DeviceEvents.ACCESS_CODE_REMINDER_REQUESTED_V2,
          UUID.randomUUID().toString(),
          "acme",
          1,
          "{\"tenantId\":\"acme\",\"address\":\"%s\",\"deviceId\":\"%s\",\"requestedAt\":\"2026-11-27T10:00:00Z\"}"
              .formatted(address, UUID.randomUUID()));
    }
    MimeMessage reminder = awaitOne("eve@acme.example", 2);
    assertTrue(TestSmtp.text(reminder).contains("E3V8RQ"));
    Thread.sleep(500);
    assertEquals(2, TestSmtp.to("eve@acme.example").size(), "one that opens, one reminder");
  }

  void codeEmailRequested(String user, long version) throws Exception {
    publish(
        "credential",
        CredentialEvents.ACCESS_CODE_EMAIL_REQUESTED,
        user,
        "acme",
        version,
        "{\"userId\":\"%s\",\"tenantId\":\"acme\",\"requestedAt\":\"%s\"}"
            .formatted(user, java.time.Instant.now()));
  }

  /** Whether the feed has applied the user's credential stream up to this version. */
  boolean credentialsApplied(String user, long version) {
    return pool.preparedQuery(
                "SELECT 1 FROM event_store.consumer_streams WHERE source = 'credential-service'"
                    + " AND stream_id = $1 AND version >= $2")
            .execute(io.vertx.mutiny.sqlclient.Tuple.of(user, version))
            .await()
            .atMost(Duration.ofSeconds(10))
            .size()
        > 0;
  }

  @Test
  void aSignedInUserAsksForTheirCodeAndGetsItAtTheirOwnAddressWhileActive() throws Exception {
    String jo = user("jo", null);
    code(jo, 1, "J4K7WQ", "initial", false);
    awaitOne("jo@acme.example", 1);
    codeEmailRequested(jo, 2);
    MimeMessage reminder = awaitOne("jo@acme.example", 2);
    assertTrue(TestSmtp.text(reminder).contains("J4K7WQ"));
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                admin()
                    .get("/admin/v1/notifications?userId=" + jo)
                    .then()
                    .body("items", hasSize(2))
                    .body("items[0].kind", equalTo("reminder"))
                    .body("items[0].status", equalTo("sent")));

    // A suspended user is sent nothing, even though they have a code.
    String kit = user("kit", null);
    code(kit, 1, "K3T7WQ", "initial", false);
    awaitOne("kit@acme.example", 1);
    publish(
        "identity",
        IdentityEvents.USER_SUSPENDED,
        kit,
        "acme",
        2,
        "{\"userId\":\"%s\",\"tenantId\":\"acme\"}".formatted(kit));
    UUID kitId = UUID.fromString(kit);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                recipients
                    .find(pool, kitId)
                    .await()
                    .atMost(Duration.ofSeconds(10))
                    .map(found -> "suspended".equals(found.status()))
                    .orElse(false));
    codeEmailRequested(kit, 2);
    await().atMost(Duration.ofSeconds(20)).until(() -> credentialsApplied(kit, 2));
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(4))
        .until(() -> TestSmtp.to("kit@acme.example").size() == 1);
    admin()
        .get("/admin/v1/notifications?userId=" + kit)
        .then()
        .body("items", hasSize(1))
        .body("items[0].kind", equalTo("invitation"));
  }

  @Test
  void theUsersLanguagePicksTheTemplate() throws Exception {
    String eva = user("eva", "de-CH");
    code(eva, 1, "E5V4AQ", "initial", false);
    MimeMessage invitation = awaitOne("eva@acme.example", 1);
    assertEquals("Ihr Zugangscode zum Drucken", invitation.getSubject());
    assertTrue(TestSmtp.text(invitation).contains("Sie können jetzt"));
    assertTrue(TestSmtp.text(invitation).contains("E5V4AQ"));
  }

  @Test
  void withInvitationsOffNoneIsSentUntilAnAdminResendsIt() throws Exception {
    admin()
        .body(
            Map.of(
                "senderName",
                "Acme IT",
                "invitationsEnabled",
                false,
                "subjects",
                Map.of("reminder", "Your code, again")))
        .put("/admin/v1/notifications/settings")
        .then()
        .statusCode(200)
        .body("invitationsEnabled", equalTo(false))
        .body("subjects.reminder", equalTo("Your code, again"))
        .body("subjects.invitation", equalTo("Your printing access code"));
    try {
      String fay = user("fay", null);
      code(fay, 1, "F4Y9BQ", "initial", false);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> admin().get("/admin/v1/notifications?userId=" + fay).statusCode() == 200);
      await()
          .during(Duration.ofSeconds(1))
          .atMost(Duration.ofSeconds(3))
          .until(() -> TestSmtp.to("fay@acme.example").isEmpty());
      admin().post("/admin/v1/notifications/invitations/" + fay).then().statusCode(202);
      MimeMessage invitation = awaitOne("fay@acme.example", 1);
      assertTrue(invitation.getFrom()[0].toString().contains("Acme IT"));
      assertTrue(TestSmtp.text(invitation).contains("F4Y9BQ"));
    } finally {
      admin()
          .body(Map.of("senderName", "Lanyard", "invitationsEnabled", true))
          .put("/admin/v1/notifications/settings")
          .then()
          .statusCode(200);
    }
    admin()
        .body(Map.of("senderName", "<bad>", "invitationsEnabled", true))
        .put("/admin/v1/notifications/settings")
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_sender_name"));
    admin().post("/admin/v1/notifications/invitations/" + UUID.randomUUID()).then().statusCode(404);
    given()
        .auth()
        .oauth2(TestTokens.user("acme"))
        .get("/admin/v1/notifications/settings")
        .then()
        .statusCode(403);
  }

  @Test
  void whileSmtpIsDownEmailsWaitAndGoOutInOrderWhenItReturns() throws Exception {
    String gil = user("gil", null);
    code(gil, 1, "G1L7WX", "initial", false);
    awaitOne("gil@acme.example", 1);
    TestSmtp.down();
    try {
      code(gil, 2, "G2L8WX", "admin", true);
      code(gil, 3, "G3L9WX", "admin", true);
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () -> {
                List<Integer> attempts =
                    admin().get("/admin/v1/notifications?userId=" + gil).path("items.attempts");
                return attempts.stream().anyMatch(n -> n >= 2);
              });
    } finally {
      TestSmtp.up();
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> TestSmtp.to("gil@acme.example").size() >= 2);
    List<MimeMessage> delivered = TestSmtp.to("gil@acme.example");
    assertEquals(2, delivered.size(), "the first invitation went to the old server");
    assertTrue(TestSmtp.text(delivered.get(0)).contains("G2L8WX"));
    assertTrue(TestSmtp.text(delivered.get(1)).contains("G3L9WX"));
  }

  @Test
  void anEmailThatCannotBeDeliveredWithinTheBudgetFailsForGood() throws Exception {
    String ivy = user("ivy", null);
    double sent = emails("sent");
    double failed = emails("failed");
    double retried = Scrape.value("lanyard_email_retries_total", "kind=code_changed");
    code(ivy, 1, "I5V2YT", "initial", false);
    awaitOne("ivy@acme.example", 1);
    await().atMost(Duration.ofSeconds(5)).until(() -> emails("sent") > sent);
    TestSmtp.down();
    try {
      code(ivy, 2, "I6V3YT", "admin", true);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  "failed"
                      .equals(
                          admin()
                              .get("/admin/v1/notifications?userId=" + ivy)
                              .path("items[0].status")));
    } finally {
      TestSmtp.up();
    }
    admin()
        .get("/admin/v1/notifications?userId=" + ivy)
        .then()
        .body("items[0].kind", equalTo("code_changed"))
        .body("items[0].attempts", equalTo(5));
    assertEquals(failed + 1, emails("failed"), "given up on once");
    assertEquals(
        retried + 4,
        Scrape.value("lanyard_email_retries_total", "kind=code_changed"),
        "four attempts failed before the last");
    String own = ConfigProvider.getConfig().getValue("lanyard.events.topic", String.class);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                TestTopics.readToEnd(own).stream()
                    .anyMatch(
                        r ->
                            type(r).equals(NotificationEvents.NOTIFICATION_FAILED_V2.toString())
                                && new String(r.value(), StandardCharsets.UTF_8).contains(ivy)));
    // A failed email is not sent later.
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(3))
        .until(() -> TestSmtp.to("ivy@acme.example").isEmpty());
  }

  private static double emails(String result) {
    return Scrape.value("lanyard_emails_total", "result=" + result);
  }

  @Test
  void aReplayOfEveryTopicSendsNothingAgainAndTheEventsCarryNoCode() throws Exception {
    String hal = user("hal", null);
    code(hal, 1, "H4L2PC", "initial", false);
    awaitOne("hal@acme.example", 1);
    // Redelivery of the same record, then a replay of the whole topics.
    String topic = ConfigProvider.getConfig().getValue("lanyard.topics.credential", String.class);
    List<ConsumerRecord<String, byte[]>> all = TestTopics.readToEnd(topic);
    try (KafkaProducer<String, byte[]> producer = TestTopics.producer()) {
      for (ConsumerRecord<String, byte[]> record : all) {
        producer
            .send(new ProducerRecord<>(topic, null, record.key(), record.value(), record.headers()))
            .get();
      }
    }
    int before = allMessages();
    io.lanyard.eventstore.consumer.RebuildProgress rebuild = feed.rebuild();
    await().atMost(Duration.ofSeconds(30)).until(() -> !rebuild.running());
    var done = rebuild.status();
    assertEquals(
        io.lanyard.eventstore.consumer.RebuildProgress.State.DONE, done.state(), done.error());
    assertEquals(done.liveChecksum(), done.rebuiltChecksum());
    await().atMost(Duration.ofSeconds(30)).until(() -> feed.lag() == 0);
    // Nothing is sent twice.
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(4))
        .until(() -> allMessages() == before);

    String own = ConfigProvider.getConfig().getValue("lanyard.events.topic", String.class);
    List<ConsumerRecord<String, byte[]>> events =
        TestTopics.readAll(own, 1, Duration.ofSeconds(10));
    assertTrue(
        events.stream()
            .anyMatch(r -> type(r).equals(NotificationEvents.NOTIFICATION_SENT_V2.toString())));
    for (ConsumerRecord<String, byte[]> event : events) {
      String data = new String(event.value(), StandardCharsets.UTF_8);
      for (String code : CODES) {
        assertFalse(data.contains(code), "a code in " + data);
      }
    }
  }

  /** Rows of the tables holding what this service knows of people that mention {@code text}. */
  long rowsMentioning(String text) {
    return RowScan.rowsMentioning(text, List.of("recipients", "mails", "erased_users"));
  }

  /** Whether the feed has applied the user's identity stream up to this version. */
  boolean identityApplied(String user, long version) {
    return pool.preparedQuery(
                "SELECT 1 FROM event_store.consumer_streams WHERE source = 'identity-service'"
                    + " AND stream_id = $1 AND version >= $2")
            .execute(io.vertx.mutiny.sqlclient.Tuple.of(user, version))
            .await()
            .atMost(Duration.ofSeconds(10))
            .size()
        > 0;
  }

  @Test
  void anErasedUsersDataLeavesRecipientsAndTheDeliveryLogAndNoLaterEventBringsItBack()
      throws Exception {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String gone = "erin" + tag;
    String stays = "kim" + tag;
    String erased = user(gone, "de");
    String kept = user(stays, null);
    code(erased, 1, "E7R4SQ", "initial", false);
    code(kept, 1, "K7P4TQ", "initial", false);
    awaitOne(gone + "@acme.example", 1);
    awaitOne(stays + "@acme.example", 1);
    // A reminder asked for at a printer: the delivery log keeps the address typed.
    publish(
        "device",
        DeviceEvents.ACCESS_CODE_REMINDER_REQUESTED,
        UUID.randomUUID().toString(),
        "acme",
        1,
        "{\"tenantId\":\"acme\",\"email\":\"%s@acme.example\",\"deviceId\":\"%s\",\"requestedAt\":\"2026-11-27T10:00:00Z\"}"
            .formatted(gone, UUID.randomUUID()));
    awaitOne(gone + "@acme.example", 2);
    assertTrue(rowsMentioning(gone + "@acme.example") >= 2, "recipients and the reminder");

    publish(
        "identity",
        IdentityEvents.USER_DELETED,
        erased,
        "acme",
        2,
        "{\"userId\":\"%s\",\"tenantId\":\"acme\"}".formatted(erased));
    publish(
        "credential",
        CredentialEvents.CREDENTIALS_REVOKED,
        erased,
        "acme",
        2,
        "{\"userId\":\"%s\",\"tenantId\":\"acme\",\"reason\":\"user_deleted\"}".formatted(erased));
    publish(
        "identity",
        IdentityEvents.USER_ERASED,
        erased,
        "acme",
        3,
        "{\"userId\":\"%s\",\"tenantId\":\"acme\",\"erasedBy\":\"acme-admin\"}".formatted(erased));
    List<String> personal = List.of(gone, "User " + gone);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> personal.stream().allMatch(text -> rowsMentioning(text) == 0));

    // The delivery log keeps its facts: two emails, their kinds and statuses.
    assertEquals(
        List.of("invitation:sent", "reminder:sent"),
        pool
            .preparedQuery(
                "SELECT kind || ':' || status AS line FROM mails WHERE user_id = $1"
                    + " ORDER BY created_at")
            .execute(io.vertx.mutiny.sqlclient.Tuple.of(UUID.fromString(erased)))
            .await()
            .atMost(Duration.ofSeconds(10))
            .stream()
            .map(row -> row.getString("line"))
            .toList());
    Recipients.Recipient row =
        recipients.find(pool, UUID.fromString(erased)).await().atMost(Duration.ofSeconds(10)).get();
    assertEquals("deleted", row.status());
    assertEquals("de", row.locale());
    assertEquals(null, row.email());
    // The other user as they were; the API answers for them, and for the erased one as for any
    // deleted user (404), naming nobody.
    Recipients.Recipient other =
        recipients.find(pool, UUID.fromString(kept)).await().atMost(Duration.ofSeconds(10)).get();
    assertEquals(
        List.of(stays, "User " + stays, stays + "@acme.example"),
        List.of(other.username(), other.displayName(), other.email()));
    admin()
        .get("/admin/v1/notifications?userId=" + kept)
        .then()
        .statusCode(200)
        .body("items", hasSize(1))
        .body("items[0].kind", equalTo("invitation"));
    String answer =
        admin()
            .get("/admin/v1/notifications?userId=" + erased)
            .then()
            .statusCode(404)
            .extract()
            .asString();
    assertFalse(answer.toLowerCase(java.util.Locale.ROOT).contains(gone), answer);

    // The creation again (newer than the row, as a replay into a fresh projection would bring
    // it), a profile change, and a reminder for the old address: nothing of theirs comes back.
    publish(
        "identity",
        IdentityEvents.USER_CREATED,
        erased,
        "acme",
        4,
        ("{\"userId\":\"%s\",\"tenantId\":\"acme\",\"username\":\"%s\",\"displayName\":\"User %s\","
                + "\"email\":\"%s@acme.example\",\"locale\":\"de\",\"origin\":\"manual\"}")
            .formatted(erased, gone, gone, gone));
    publish(
        "identity",
        IdentityEvents.USER_UPDATED,
        erased,
        "acme",
        5,
        ("{\"userId\":\"%s\",\"tenantId\":\"acme\",\"username\":\"%s\",\"displayName\":\"User %s\","
                + "\"email\":\"%s@acme.example\"}")
            .formatted(erased, gone, gone, gone));
    publish(
        "device",
        DeviceEvents.ACCESS_CODE_REMINDER_REQUESTED,
        UUID.randomUUID().toString(),
        "acme",
        1,
        "{\"tenantId\":\"acme\",\"email\":\"%s@acme.example\",\"deviceId\":\"%s\",\"requestedAt\":\"2026-11-27T10:00:00Z\"}"
            .formatted(gone, UUID.randomUUID()));
    await().atMost(Duration.ofSeconds(20)).until(() -> identityApplied(erased, 5));
    for (String text : personal) {
      assertEquals(0, rowsMentioning(text), text);
    }

    // A rebuild replays UserErased and the events after it: the same rows, none of their data.
    io.lanyard.eventstore.consumer.RebuildProgress rebuild = feed.rebuild();
    await().atMost(Duration.ofSeconds(30)).until(() -> !rebuild.running());
    var done = rebuild.status();
    assertEquals(
        io.lanyard.eventstore.consumer.RebuildProgress.State.DONE, done.state(), done.error());
    assertEquals(done.liveChecksum(), done.rebuiltChecksum());
    for (String text : personal) {
      assertEquals(0, rowsMentioning(text), text);
    }
    assertEquals(
        stays + "@acme.example",
        recipients
            .find(pool, UUID.fromString(kept))
            .await()
            .atMost(Duration.ofSeconds(10))
            .get()
            .email());
    assertEquals(2, TestSmtp.to(gone + "@acme.example").size(), "nothing sent since");
  }

  static int allMessages() {
    return TestSmtp.to("hal@acme.example").size();
  }

  static String type(ConsumerRecord<String, byte[]> record) {
    return new String(record.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8);
  }
}
