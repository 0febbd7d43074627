package io.lanyard.notification;

import static io.lanyard.notification.NotificationTest.admin;
import static io.lanyard.notification.NotificationTest.awaitOne;
import static io.lanyard.notification.NotificationTest.publish;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanyard.contracts.CredentialEvents;
import io.lanyard.contracts.EventJson;
import io.lanyard.contracts.IdentityEvents;
import io.lanyard.contracts.notification.NotificationSentV2;
import io.lanyard.credentialrules.SecretPurposes;
import io.lanyard.secrets.SecretCipher;
import io.lanyard.testplatform.TestTopics;
import io.lanyard.testsupport.TestEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 22's emails, end to end inside the service (real broker, GreenMail): the rotation notice,
 * the rotated code, and the guest's window in the invitation.
 */
@QuarkusTest
class CodesOverTimeTest {

  static final List<String> CODES = new ArrayList<>();

  @Inject SecretCipher cipher;
  @Inject Pool pool;

  @BeforeEach
  void tenants() throws Exception {
    new NotificationTest().tenants();
  }

  @BeforeAll
  static void captureLogs() {
    Logger.getLogger("").addHandler(NotificationTest.CAPTURE);
  }

  @AfterAll
  static void noCodeWasLogged() {
    Logger.getLogger("").removeHandler(NotificationTest.CAPTURE);
    synchronized (NotificationTest.LOG) {
      assertFalse(NotificationTest.LOG.isEmpty(), "the service's log was captured");
      for (String line : NotificationTest.LOG) {
        for (String code : CODES) {
          assertFalse(line.contains(code), "a code in the log: " + line);
        }
      }
    }
  }

  @Test
  void theRotationNoticeGivesTheDateWithoutTheCodeAndIsSentOnceWhateverIsRedelivered()
      throws Exception {
    String ria = person("ria", null);
    code(ria, 1, "R1A7KQ", "initial", null, false);
    awaitOne("ria@acme.example", 1);

    ProducerRecord<String, byte[]> due =
        credential(
            CredentialEvents.ACCESS_CODE_ROTATION_DUE,
            ria,
            2,
            "{\"userId\":\"%s\",\"tenantId\":\"acme\",\"rotatesAt\":\"2026-12-10T14:00:00Z\"}"
                .formatted(ria));
    send(due);
    MimeMessage notice = awaitOne("ria@acme.example", 2);
    assertEquals("Your printing access code will be replaced soon", notice.getSubject());
    String text = TestSmtp.text(notice);
    assertTrue(text.contains("will be replaced on 10 December 2026, 14:00 UTC"), text);
    assertFalse(text.contains("R1A7KQ"), "the notice shows no code");

    // The same event again (a redelivery, a republished topic): nothing more.
    send(due);
    send(due);
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(4))
        .until(() -> TestSmtp.to("ria@acme.example").size() == 2);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                admin()
                    .get("/admin/v1/notifications?userId=" + ria)
                    .then()
                    .body("items", hasSize(2))
                    .body("items[0].kind", equalTo("rotation_notice"))
                    .body("items[0].status", equalTo("sent")));
    // Published under its own kind: NotificationSent.v2 names the notice.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> published(ria).contains(NotificationSentV2.Kind.ROTATION_NOTICE));
    // The delivery log keeps no ciphertext for it: the notice never held the code.
    assertEquals(
        1,
        pool.preparedQuery(
                "SELECT 1 FROM mails WHERE user_id = $1 AND kind = 'rotation_notice'"
                    + " AND code_ciphertext IS NULL AND rotates_at = '2026-12-10T14:00:00Z'")
            .execute(Tuple.of(UUID.fromString(ria)))
            .await()
            .atMost(Duration.ofSeconds(10))
            .size());

    // In German, the date in German words.
    String rolf = person("rolf", "de");
    code(rolf, 1, "R2F8KQ", "initial", null, false);
    awaitOne("rolf@acme.example", 1);
    send(
        credential(
            CredentialEvents.ACCESS_CODE_ROTATION_DUE,
            rolf,
            2,
            "{\"userId\":\"%s\",\"tenantId\":\"acme\",\"rotatesAt\":\"2027-03-01T08:30:00Z\"}"
                .formatted(rolf)));
    String german = TestSmtp.text(awaitOne("rolf@acme.example", 2));
    assertTrue(german.contains("wird am 1. März 2027, 08:30 UTC ersetzt"), german);
  }

  @Test
  void aSuspendedUserIsNotWarned() throws Exception {
    String sue = person("sue", null);
    code(sue, 1, "S3U7KQ", "initial", null, false);
    awaitOne("sue@acme.example", 1);
    publish(
        "identity",
        IdentityEvents.USER_SUSPENDED,
        sue,
        "acme",
        2,
        "{\"userId\":\"%s\",\"tenantId\":\"acme\"}".formatted(sue));
    await().atMost(Duration.ofSeconds(20)).until(() -> "suspended".equals(status(sue)));
    send(
        credential(
            CredentialEvents.ACCESS_CODE_ROTATION_DUE,
            sue,
            2,
            "{\"userId\":\"%s\",\"tenantId\":\"acme\",\"rotatesAt\":\"2026-12-10T14:00:00Z\"}"
                .formatted(sue)));
    await().atMost(Duration.ofSeconds(20)).until(() -> applied(sue, 2));
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(4))
        .until(() -> TestSmtp.to("sue@acme.example").size() == 1);
    admin().get("/admin/v1/notifications?userId=" + sue).then().body("items", hasSize(1));
  }

  @Test
  void aRotatedCodeIsEmailedWithTheRenewalAndTheOtherCausesAsBefore() throws Exception {
    publish(
        "credential",
        CredentialEvents.CREDENTIAL_POLICY_CHANGED,
        "policy:acme",
        "acme",
        // Stream versions only grow: a run against a database kept from an earlier run is applied.
        System.currentTimeMillis(),
        "{\"tenantId\":\"acme\",\"codeLength\":6,\"codeAlphabet\":\"alphanumeric\",\"maxCards\":5,"
            + "\"cardConversion\":[],\"changedBy\":\"test\",\"maxCodeAgeDays\":90,"
            + "\"rotationNoticeDays\":7}");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                pool.preparedQuery(
                            "SELECT 1 FROM code_policies WHERE tenant_id = 'acme'"
                                + " AND max_code_age_days = 90")
                        .execute()
                        .await()
                        .atMost(Duration.ofSeconds(10))
                        .size()
                    == 1);

    String rob = person("rob", null);
    code(rob, 1, "R0B1KQ", "initial", null, false);
    awaitOne("rob@acme.example", 1);
    code(rob, 2, "R0B2KQ", "generated", "rotation", true);
    MimeMessage rotated = awaitOne("rob@acme.example", 2);
    assertEquals("Your printing access code was renewed", rotated.getSubject());
    String text = TestSmtp.text(rotated);
    assertTrue(text.contains("R0B2KQ"), text);
    assertTrue(text.contains("has been renewed: codes here expire after 90 days"), text);
    assertFalse(text.contains("R0B1KQ"));

    // A bulk job's new code is the usual "new code" email; so is an admin's, without a cause.
    code(rob, 3, "R0B3KQ", "generated", "regeneration_job", true);
    MimeMessage regenerated = awaitOne("rob@acme.example", 3);
    assertEquals("Your new printing access code", regenerated.getSubject());
    assertTrue(TestSmtp.text(regenerated).contains("R0B3KQ"));
    // A rotation without notifyUser, then a quiet change: nothing.
    code(rob, 4, "R0B4KQ", "generated", "rotation", false);
    code(rob, 5, "R0B5KQ", "admin", null, false);
    code(rob, 6, "R0B6KQ", "admin", null, true);
    MimeMessage changed = awaitOne("rob@acme.example", 4);
    assertEquals("Your new printing access code", changed.getSubject());
    assertTrue(TestSmtp.text(changed).contains("R0B6KQ"));
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                admin()
                    .get("/admin/v1/notifications?userId=" + rob)
                    .then()
                    .body(
                        "items.kind",
                        equalTo(
                            List.of(
                                "code_changed", "code_changed", "code_rotated", "invitation"))));

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                published(rob)
                    .equals(
                        List.of(
                            NotificationSentV2.Kind.INVITATION,
                            NotificationSentV2.Kind.CODE_CHANGED,
                            NotificationSentV2.Kind.CODE_CHANGED,
                            NotificationSentV2.Kind.CODE_ROTATED)));

    // In German, the renewal in German.
    String rut = person("rut", "de-CH");
    code(rut, 1, "R7T1KQ", "initial", null, false);
    awaitOne("rut@acme.example", 1);
    code(rut, 2, "R7T2KQ", "generated", "rotation", true);
    MimeMessage erneuert = awaitOne("rut@acme.example", 2);
    assertEquals("Ihr Zugangscode zum Drucken wurde erneuert", erneuert.getSubject());
    String german = TestSmtp.text(erneuert);
    assertTrue(german.contains("Codes laufen hier nach 90 Tagen ab"), german);
    assertTrue(german.contains("R7T2KQ"), german);
  }

  @Test
  void theSettingsOfferSubjectsForTheNewEmailsWithSensibleDefaults() {
    admin()
        .get("/admin/v1/notifications/settings")
        .then()
        .statusCode(200)
        .body(
            "subjects.rotation_notice", equalTo("Your printing access code will be replaced soon"))
        .body("subjects.code_rotated", equalTo("Your printing access code was renewed"));
    admin()
        .body(
            java.util.Map.of(
                "senderName",
                "Lanyard",
                "invitationsEnabled",
                true,
                "subjects",
                java.util.Map.of("code_renewed", "x")))
        .put("/admin/v1/notifications/settings")
        .then()
        .statusCode(400)
        .body("message", org.hamcrest.Matchers.containsString("rotation_notice"));
  }

  @Test
  void aGuestsInvitationStatesTheWindowInTheirLanguage() throws Exception {
    String gus = guest("gus", null, "2026-12-03T10:00:00Z", "2026-12-10T18:00:00Z");
    code(gus, 1, "G7S1KQ", "initial", null, false);
    String text = TestSmtp.text(awaitOne("gus@acme.example", 1));
    assertTrue(text.contains("G7S1KQ"), text);
    assertTrue(
        text.contains("valid from 3 December 2026, 10:00 UTC until 10 December 2026, 18:00 UTC"),
        text);

    String gerda = guest("gerda", "de", "2026-12-03T10:00:00Z", "2026-12-10T18:00:00Z");
    code(gerda, 1, "G7D1KQ", "initial", null, false);
    String german = TestSmtp.text(awaitOne("gerda@acme.example", 1));
    assertTrue(
        german.contains(
            "gültig vom 3. Dezember 2026, 10:00 UTC bis zum 10. Dezember 2026, 18:00 UTC"),
        german);

    // The window moved: an invitation sent again states the new one.
    publish(
        "identity",
        IdentityEvents.USER_UPDATED,
        gus,
        "acme",
        2,
        ("{\"userId\":\"%s\",\"tenantId\":\"acme\",\"username\":\"gus\",\"displayName\":\"User"
                + " gus\",\"email\":\"gus@acme.example\",\"validFrom\":\"2026-12-03T10:00:00Z\","
                + "\"validUntil\":\"2026-12-17T18:00:00Z\"}")
            .formatted(gus));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                pool.preparedQuery(
                            "SELECT 1 FROM recipients WHERE user_id = $1"
                                + " AND valid_until = '2026-12-17T18:00:00Z'")
                        .execute(Tuple.of(UUID.fromString(gus)))
                        .await()
                        .atMost(Duration.ofSeconds(10))
                        .size()
                    == 1);
    admin().post("/admin/v1/notifications/invitations/" + gus).then().statusCode(202);
    String resent = TestSmtp.text(awaitOne("gus@acme.example", 2));
    assertTrue(resent.contains("until 17 December 2026, 18:00 UTC"), resent);

    // A person's invitation (no kind: a person) says nothing of a window.
    String pia = person("pia", null);
    code(pia, 1, "P1A7KQ", "initial", null, false);
    String personal = TestSmtp.text(awaitOne("pia@acme.example", 1));
    assertTrue(personal.contains("P1A7KQ"), personal);
    assertFalse(personal.contains("guest"), personal);
    assertFalse(personal.contains("valid from"), personal);
  }

  // --- helpers

  static String person(String name, String locale) throws Exception {
    return NotificationTest.user(name, locale);
  }

  static String guest(String name, String locale, String from, String until) throws Exception {
    String id = UUID.randomUUID().toString();
    publish(
        "identity",
        IdentityEvents.USER_CREATED,
        id,
        "acme",
        1,
        ("{\"userId\":\"%s\",\"tenantId\":\"acme\",\"username\":\"%s\",\"displayName\":\"User"
                + " %s\",\"email\":\"%s@acme.example\",\"locale\":%s,\"origin\":\"manual\","
                + "\"kind\":\"guest\",\"validFrom\":\"%s\",\"validUntil\":\"%s\"}")
            .formatted(
                id, name, name, name, locale == null ? "null" : "\"" + locale + "\"", from, until));
    return id;
  }

  void code(String user, long version, String code, String reason, String cause, boolean notify)
      throws Exception {
    CODES.add(code);
    send(
        credential(
            CredentialEvents.ACCESS_CODE_CHANGED,
            user,
            version,
            ("{\"userId\":\"%s\",\"tenantId\":\"acme\",\"codeHash\":\"k:h\","
                    + "\"codeCiphertext\":\"%s\",\"reason\":\"%s\",\"notifyUser\":%s,"
                    + "\"changedBy\":\"test\"%s}")
                .formatted(
                    user,
                    cipher.encrypt("acme", SecretPurposes.ACCESS_CODE, code),
                    reason,
                    notify,
                    cause == null ? "" : ",\"cause\":\"" + cause + "\"")));
  }

  static ProducerRecord<String, byte[]> credential(
      io.lanyard.contracts.EventType type, String user, long version, String json) {
    String topic = ConfigProvider.getConfig().getValue("lanyard.topics.credential", String.class);
    return TestEvents.record(topic, "credential-service", type, user, "acme", version, json);
  }

  static void send(ProducerRecord<String, byte[]> record) throws Exception {
    try (KafkaProducer<String, byte[]> producer = TestTopics.producer()) {
      producer.send(record).get();
    }
  }

  /**
   * The kinds of the user's emails that NotificationSent reported, in the kinds' order: each email
   * is its own key, so the topic's partitions do not keep the order they were sent in.
   */
  static List<NotificationSentV2.Kind> published(String user) {
    String own = ConfigProvider.getConfig().getValue("lanyard.events.topic", String.class);
    return TestTopics.readToEnd(own).stream()
        .filter(r -> NotificationTest.type(r).equals(NotificationSentV2.TYPE.toString()))
        .map(
            r ->
                EventJson.read(
                    new String(r.value(), StandardCharsets.UTF_8), NotificationSentV2.class))
        .filter(sent -> sent.userId().toString().equals(user))
        .map(NotificationSentV2::kind)
        .sorted()
        .toList();
  }

  String status(String user) {
    return pool
        .preparedQuery("SELECT status FROM recipients WHERE user_id = $1")
        .execute(Tuple.of(UUID.fromString(user)))
        .await()
        .atMost(Duration.ofSeconds(10))
        .stream()
        .map(row -> row.getString("status"))
        .findFirst()
        .orElse("");
  }

  boolean applied(String user, long version) {
    return pool.preparedQuery(
                "SELECT 1 FROM event_store.consumer_streams WHERE source = 'credential-service'"
                    + " AND stream_id = $1 AND version >= $2")
            .execute(Tuple.of(user, version))
            .await()
            .atMost(Duration.ofSeconds(10))
            .size()
        > 0;
  }
}
