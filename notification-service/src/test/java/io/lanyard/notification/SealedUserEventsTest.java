package io.lanyard.notification;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanyard.contracts.CredentialEvents;
import io.lanyard.contracts.DeviceEvents;
import io.lanyard.contracts.IdentityEvents;
import io.lanyard.contracts.identity.UserPersonal;
import io.lanyard.credentialrules.SecretPurposes;
import io.lanyard.notification.infra.Recipients;
import io.lanyard.secrets.SecretCipher;
import io.lanyard.testplatform.TestTopics;
import io.lanyard.testsupport.FakeDataKeys;
import io.lanyard.testsupport.RowScan;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * identity's user events with the person sealed under their data key (UserCreated.v2,
 * UserUpdated.v2, ADR 7), published in identity's place: opened with the key from identity's key
 * API (faked by FakeServices from {@link FakeDataKeys}), they email as v1 events do; an erased
 * user's open to nobody; while the key API does not answer they wait, and apply once it does.
 */
@QuarkusTest
class SealedUserEventsTest {

  static final String TENANT = "sealed";

  @Inject SecretCipher cipher;
  @Inject Recipients recipients;
  @Inject Pool pool;

  static boolean tenantCreated;

  @BeforeEach
  void tenant() throws Exception {
    if (!tenantCreated) {
      NotificationTest.publish(
          "identity",
          IdentityEvents.TENANT_CREATED,
          "tenant:" + TENANT,
          TENANT,
          1,
          "{\"tenantId\":\"%s\",\"name\":\"Sealed\"}".formatted(TENANT));
      tenantCreated = true;
    }
  }

  @Test
  void aSealedCreationAndUpdateEmailTheAddressTheyHoldAsV1Does() throws Exception {
    String tag = tag();
    String id = UUID.randomUUID().toString();
    String first = "sia" + tag + "@sealed.example";
    created(id, 1, new UserPersonal("sia" + tag, "Sia " + tag, first, null), "en");
    code(id, 1, "S1A7QZ", "initial", false);
    MimeMessage invitation = NotificationTest.awaitOne(first, 1);
    String text = TestSmtp.text(invitation);
    assertTrue(text.contains("S1A7QZ"), text);
    assertTrue(text.contains("Sia " + tag), text);

    // The update moves the address and the name: the next email goes to the new address only.
    String moved = "sia.new" + tag + "@sealed.example";
    updated(id, 2, new UserPersonal("sia" + tag, "Sia New " + tag, moved, null), "de");
    await().atMost(Duration.ofSeconds(20)).until(() -> identityApplied(id, 2));
    code(id, 2, "S2A8QZ", "admin", true);
    MimeMessage changed = NotificationTest.awaitOne(moved, 1);
    assertEquals("Ihr neuer Zugangscode zum Drucken", changed.getSubject());
    assertTrue(TestSmtp.text(changed).contains("S2A8QZ"));
    assertTrue(TestSmtp.text(changed).contains("Sia New " + tag));
    assertEquals(1, TestSmtp.to(first).size(), "nothing more to the old address");
    Recipients.Recipient row = find(id).orElseThrow();
    assertEquals(
        List.of("sia" + tag, "Sia New " + tag, moved, "de"),
        List.of(row.username(), row.displayName(), row.email(), row.locale()));
    assertNoDeadLetterFor(id);
  }

  @Test
  void aSealedEventOfAUserErasedAtIdentityLeavesNoPersonalDataAndEmailsNobody() throws Exception {
    String tag = tag();
    String id = UUID.randomUUID().toString();
    String name = "eli" + tag;
    String address = name + "@sealed.example";
    String creation = seal(id, new UserPersonal(name, "Eli " + tag, address, "ext-" + tag));
    String update = seal(id, new UserPersonal(name, "Eli Again " + tag, address, null));
    FakeDataKeys.erase(id);
    publishCreated(id, 1, creation, "de");
    publishUpdated(id, 2, update, "de");
    // Someone asks at a printer for the code of the address the sealed events held.
    NotificationTest.publish(
        "device",
        DeviceEvents.ACCESS_CODE_REMINDER_REQUESTED,
        UUID.randomUUID().toString(),
        TENANT,
        1,
        "{\"tenantId\":\"%s\",\"email\":\"%s\",\"deviceId\":\"%s\",\"requestedAt\":\"2026-12-04T10:00:00Z\"}"
            .formatted(TENANT, address, UUID.randomUUID()));
    await().atMost(Duration.ofSeconds(20)).until(() -> identityApplied(id, 2));

    // Applied (not set aside): the row has the user's ids and what is not personal, nothing else.
    Recipients.Recipient row = find(id).orElseThrow();
    assertEquals(TENANT, row.tenantId());
    assertEquals("de", row.locale());
    assertEquals(
        java.util.Arrays.asList(null, null, null),
        java.util.Arrays.asList(row.username(), row.displayName(), row.email()));
    for (String text : List.of(name, "Eli " + tag, "Eli Again " + tag, "ext-" + tag)) {
      assertEquals(0, rowsMentioning(text), text);
    }
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(4))
        .until(() -> TestSmtp.to(address).isEmpty());
    assertNoDeadLetterFor(id);
  }

  @Test
  void whileTheKeyApiDoesNotAnswerASealedEventWaitsAndAppliesOnceItDoes() throws Exception {
    String tag = tag();
    String id = UUID.randomUUID().toString();
    String address = "wes" + tag + "@sealed.example";
    String creation = seal(id, new UserPersonal("wes" + tag, "Wes " + tag, address, null));
    cipher.encrypt(TENANT, SecretPurposes.ACCESS_CODE, "W3S7QA"); // the tenant's key, held
    int asked = FakeDataKeys.requests();
    FakeDataKeys.answering(false);
    try {
      publishCreated(id, 1, creation, null);
      code(id, 1, "W3S7QZ", "initial", false);
      // The feed asks again and again, and meanwhile holds nothing of the user.
      await().atMost(Duration.ofSeconds(20)).until(() -> FakeDataKeys.requests() >= asked + 3);
      assertFalse(identityApplied(id, 1), "applied without its key");
      assertTrue(find(id).isEmpty(), "a row without the person's data");
      assertTrue(TestSmtp.to(address).isEmpty());
    } finally {
      FakeDataKeys.answering(true);
    }
    MimeMessage invitation = NotificationTest.awaitOne(address, 1);
    assertTrue(TestSmtp.text(invitation).contains("W3S7QZ"));
    assertTrue(TestSmtp.text(invitation).contains("Wes " + tag));
    assertEquals(address, find(id).orElseThrow().email());
    assertNoDeadLetterFor(id);
  }

  private static String tag() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  private static String seal(String userId, UserPersonal person) {
    return FakeDataKeys.seal(TENANT, userId, person);
  }

  private static void created(String id, long version, UserPersonal person, String locale)
      throws Exception {
    publishCreated(id, version, seal(id, person), locale);
  }

  private static void updated(String id, long version, UserPersonal person, String locale)
      throws Exception {
    publishUpdated(id, version, seal(id, person), locale);
  }

  private static void publishCreated(String id, long version, String personal, String locale)
      throws Exception {
    NotificationTest.publish(
        "identity",
        IdentityEvents.USER_CREATED_V2,
        id,
        TENANT,
        version,
        "{\"userId\":\"%s\",\"tenantId\":\"%s\",\"personal\":\"%s\",\"locale\":%s,\"origin\":\"manual\"}"
            .formatted(id, TENANT, personal, json(locale)));
  }

  private static void publishUpdated(String id, long version, String personal, String locale)
      throws Exception {
    NotificationTest.publish(
        "identity",
        IdentityEvents.USER_UPDATED_V2,
        id,
        TENANT,
        version,
        "{\"userId\":\"%s\",\"tenantId\":\"%s\",\"personal\":\"%s\",\"locale\":%s}"
            .formatted(id, TENANT, personal, json(locale)));
  }

  private static String json(String text) {
    return text == null ? "null" : "\"" + text + "\"";
  }

  private void code(String user, long version, String code, String reason, boolean notify)
      throws Exception {
    NotificationTest.CODES.add(code);
    NotificationTest.publish(
        "credential",
        CredentialEvents.ACCESS_CODE_CHANGED,
        user,
        TENANT,
        version,
        ("{\"userId\":\"%s\",\"tenantId\":\"%s\",\"codeHash\":\"k:h\",\"codeCiphertext\":\"%s\","
                + "\"reason\":\"%s\",\"notifyUser\":%s,\"changedBy\":\"test\"}")
            .formatted(
                user,
                TENANT,
                cipher.encrypt(TENANT, SecretPurposes.ACCESS_CODE, code),
                reason,
                notify));
  }

  private Optional<Recipients.Recipient> find(String id) {
    return recipients.find(pool, UUID.fromString(id)).await().atMost(Duration.ofSeconds(10));
  }

  /** Whether the feed has applied the user's identity stream up to this version. */
  private boolean identityApplied(String user, long version) {
    return pool.preparedQuery(
                "SELECT 1 FROM event_store.consumer_streams WHERE source = 'identity-service'"
                    + " AND stream_id = $1 AND version >= $2")
            .execute(Tuple.of(user, version))
            .await()
            .atMost(Duration.ofSeconds(10))
            .size()
        > 0;
  }

  private static long rowsMentioning(String text) {
    return RowScan.rowsMentioning(text, List.of("recipients", "mails", "erased_users"));
  }

  private static void assertNoDeadLetterFor(String userId) {
    String dlq =
        ConfigProvider.getConfig().getValue("lanyard.events.dead-letter-topic", String.class);
    assertFalse(
        TestTopics.readToEnd(dlq).stream().anyMatch(record -> userId.equals(record.key())),
        "an event of " + userId + " was dead-lettered");
  }
}
