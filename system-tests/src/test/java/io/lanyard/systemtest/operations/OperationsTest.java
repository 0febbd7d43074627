package io.lanyard.systemtest.operations;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lanyard.systemtest.harness.Api;
import io.lanyard.systemtest.harness.Device;
import io.lanyard.systemtest.harness.LanyardSystem;
import io.lanyard.systemtest.harness.Projections;
import io.lanyard.systemtest.harness.Service;
import io.lanyard.systemtest.harness.SystemExtension;
import io.lanyard.systemtest.harness.Tenant;
import io.lanyard.testplatform.TestTopics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operator's tools against the running system: every projection rebuilt while devices log in,
 * and a lost topic restored by republishing it. Neither changes any model (checksums before and
 * after), nor sends an email a second time.
 */
@ExtendWith(SystemExtension.class)
class OperationsTest {

  private static final int USERS = 20;
  private static final String MAIL_DOMAIN = "@ops.example";

  private static LanyardSystem system;
  private static Tenant tenant;
  private static Device device;
  private static Projections projections;

  @BeforeAll
  static void provision(LanyardSystem lanyard) {
    system = lanyard;
    projections = new Projections(system);
    tenant = system.createTenant("ops");
    Tenant.ScimEndpoint scim = tenant.issueScimToken();
    device = tenant.registerDevice("Operations MFD");
    for (int i = 0; i < USERS; i++) {
      scim.createUser("user" + i + MAIL_DOMAIN, "User " + i, code(i)).expect(201);
    }
    for (int i = 0; i < USERS; i++) {
      system.mailbox().await("user" + i + MAIL_DOMAIN, 1, Duration.ofSeconds(30));
      device.awaitCodeLogin(code(i), 200);
    }
  }

  private static String code(int user) {
    return "OPS%03d".formatted(user);
  }

  @Test
  void everyProjectionRebuiltWhileDevicesLogInComesOutTheSameAndSendsNothing() throws Exception {
    Map<String, String> before = awaitSettledChecksums();
    int mails = system.mailbox().countTo(MAIL_DOMAIN);

    AtomicBoolean rebuilding = new AtomicBoolean(true);
    AtomicInteger logins = new AtomicInteger();
    List<String> refused = new CopyOnWriteArrayList<>();
    Thread printer =
        new Thread(
            () -> {
              for (int i = 0; rebuilding.get(); i = (i + 1) % USERS) {
                Api.Answer answer = device.loginByCode(code(i));
                if (answer.status() != 200) {
                  refused.add(code(i) + ": " + answer.status() + " " + answer.body());
                }
                logins.incrementAndGet();
              }
            });
    printer.start();
    try {
      for (String projection : before.keySet()) {
        JsonNode done = rebuild(projection);
        assertEquals("DONE", done.get("state").asText(), done.toString());
        assertEquals(
            done.get("liveChecksum").asText(), done.get("rebuiltChecksum").asText(), projection);
        assertEquals(done.get("eventsTotal").asLong(), done.get("eventsRead").asLong());
      }
    } finally {
      rebuilding.set(false);
      printer.join();
    }
    assertEquals(List.of(), refused);
    assertTrue(logins.get() > 0);
    assertEquals(before, awaitSettledChecksums());
    assertNoMoreMailsThan(mails);
  }

  @Test
  void aDeletedTopicRepublishedFromTheEventStoreChangesNothingTwice() {
    String topic = system.topic("credential");
    // Events, not records: another test may have republished the topic onto itself before.
    int records = eventIds(TestTopics.readToEnd(topic)).size();
    Map<String, String> before = awaitSettledChecksums();
    int mails = system.mailbox().countTo(MAIL_DOMAIN);

    TestTopics.delete(topic);
    TestTopics.createNamed(topic, 3);
    ops(Service.CREDENTIAL, "POST", "/ops/v1/events/republish", "{\"fromPosition\":0}").expect(202);

    Tenant.retryWhile(
        () -> new Api.Answer(200, Map.of(), String.valueOf(TestTopics.readToEnd(topic).size())),
        answer -> Integer.parseInt(answer.body()) < records,
        Duration.ofSeconds(60));
    List<ConsumerRecord<String, byte[]>> republished = TestTopics.readToEnd(topic);
    assertEquals(records, republished.size(), "every event once on the new topic");
    assertEquals(records, eventIds(republished).size(), "no event twice");
    assertEquals(before, awaitSettledChecksums());
    for (int i = 0; i < USERS; i++) {
      device.loginByCode(code(i)).expect(200);
    }
    assertNoMoreMailsThan(mails);

    // The consumers follow the new topic: a change made now reaches the printer.
    String user = firstUserId();
    tenant
        .admin(
            Service.CREDENTIAL,
            "PUT",
            "/admin/v1/credentials/" + user + "/access-code",
            "{\"code\":\"OPSNW1\",\"notifyUser\":false}")
        .expect(200);
    device.awaitCodeLogin("OPSNW1", 200).expect(200);
  }

  private static Set<String> eventIds(List<ConsumerRecord<String, byte[]>> records) {
    Set<String> ids = new HashSet<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      ids.add(new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8));
    }
    return ids;
  }

  /** Every projection's checksum once two readings a second apart agree (the topics are read). */
  private static Map<String, String> awaitSettledChecksums() {
    Map<String, String> checksums = projections.awaitSettledChecksums(Duration.ofSeconds(30));
    assertEquals(4, checksums.size(), "one projection per service: " + checksums);
    return checksums;
  }

  private static JsonNode rebuild(String projection) {
    projections.askRebuild(projection);
    return projections.awaitRebuildFinished(
        projection, Duration.ofSeconds(60), Duration.ofMillis(100));
  }

  private static String firstUserId() {
    JsonNode users =
        tenant.admin(Service.IDENTITY, "GET", "/admin/v1/users?q=user0", null).expect(200).json();
    for (JsonNode user : users.get("items")) {
      if (user.get("username").asText().equals("user0" + MAIL_DOMAIN)) {
        return user.get("id").asText();
      }
    }
    throw new AssertionError("no user0 in " + users);
  }

  /** Nothing should come: an email queued by mistake would be sent well within 3 s. */
  private static void assertNoMoreMailsThan(int mails) {
    await("no email sent twice")
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .until(() -> system.mailbox().countTo(MAIL_DOMAIN) == mails);
  }

  private static Api.Answer ops(Service service, String method, String path, String json) {
    return Api.send(
        method,
        system.service(service).url(path),
        system.oidc().operator(),
        "application/json",
        json);
  }
}
