package io.lanyard.systemtest.erasure;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lanyard.contracts.identity.UserPersonal;
import io.lanyard.eventstore.PersonalKeys;
import io.lanyard.secrets.DataKey;
import io.lanyard.systemtest.harness.Api;
import io.lanyard.systemtest.harness.Device;
import io.lanyard.systemtest.harness.LanyardSystem;
import io.lanyard.systemtest.harness.PostgresServer;
import io.lanyard.systemtest.harness.Projections;
import io.lanyard.systemtest.harness.Service;
import io.lanyard.systemtest.harness.Tenant;
import io.lanyard.testplatform.TestTopics;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The runbook's re-encryption of an installation that ran before sealing (ADR 7,
 * docs/runbooks/erasure.md), on a system of its own: a person's history is in clear on identity's
 * store and topic, as an old version wrote it; they are erased, and the topic still names them.
 * Every service re-encrypts its store, moves to new topics and republishes into them, the old
 * topics are deleted: no topic, table or store holds the person any more, the projections are the
 * same, and the others still log in.
 */
class ReencryptionProofTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String OLD = "oldtimer";
  private static final String MAIL_DOMAIN = "@reenc.example";

  private static LanyardSystem system;

  @BeforeAll
  static void start() {
    system = LanyardSystem.start("reenc", LanyardSystem.SMALL_JVM, PostgresServer.ofTestPlatform());
  }

  @AfterAll
  static void stop() {
    if (system != null) {
      system.close();
    }
  }

  @Test
  void historyWrittenInClearIsGoneFromEveryTopicAfterReencryptionAndTheMove() throws Exception {
    Tenant tenant = system.createTenant("reenc");
    Tenant.ScimEndpoint scim = tenant.issueScimToken();
    Device device = tenant.registerDevice("Reenc MFD");
    String old =
        scim.createUser(OLD + MAIL_DOMAIN, "Olga OLDTIMER", "OLD900")
            .expect(201)
            .json()
            .get("id")
            .asText();
    scim.createUser("kept" + MAIL_DOMAIN, "Kept Person", "KEP900").expect(201);
    system.mailbox().await("kept" + MAIL_DOMAIN, 1, Duration.ofSeconds(30));
    device.awaitCodeLogin("KEP900", 200);
    device.awaitCodeLogin("OLD900", 200);

    // As a version before sealing wrote it: the person's events in clear on the store and topic.
    writtenBeforeSealing(tenant.id(), old);
    long fromPosition = firstPositionOf(old);
    ops(Service.IDENTITY, "/ops/v1/events/republish", "{\"fromPosition\":" + fromPosition + "}")
        .expect(202);
    await("the clear history on the topic")
        .atMost(Duration.ofSeconds(30))
        .until(() -> !recordsHolding(OLD).isEmpty());

    Api.send("DELETE", scim.tenantUrl() + "/Users/" + old, scim.secretToken(), null, null)
        .expect(204);
    tenant.admin(Service.IDENTITY, "POST", "/admin/v1/users/" + old + "/erasure", null).expect(202);
    await("the projections clean")
        .atMost(Duration.ofSeconds(10))
        .until(() -> tablesHolding(OLD).equals(List.of("IDENTITY \"event_store\".\"events\"")));
    assertFalse(recordsHolding(OLD).isEmpty(), "the old topic still names the erased person");

    for (Service service : Service.values()) {
      long rewritten =
          ops(service, "/ops/v1/events/re-encrypt", null)
              .expect(200)
              .json()
              .get("rewritten")
              .asLong();
      if (service == Service.IDENTITY) {
        assertTrue(rewritten >= 1, "identity rewrote the person's history: " + rewritten);
      }
    }
    assertEquals(List.of(), tablesHolding(OLD), "no store holds them in clear");

    Projections projections = new Projections(system);
    Map<String, String> before = projections.awaitSettledChecksums(Duration.ofSeconds(30));
    List<String> oldTopics = system.moveToNewTopics(Duration.ofMinutes(3));
    for (Service service : Service.values()) {
      ops(service, "/ops/v1/events/republish", "{\"fromPosition\":0}").expect(202);
    }
    for (Service service : Service.values()) {
      String topic = system.topic(service.domain());
      await(topic + " filled")
          .atMost(Duration.ofSeconds(60))
          .until(() -> !TestTopics.readToEnd(topic).isEmpty());
    }
    assertEquals(before, projections.awaitSettledChecksums(Duration.ofSeconds(90)));
    oldTopics.forEach(TestTopics::delete);

    assertEquals(List.of(), recordsHolding(OLD), "topics");
    assertEquals(List.of(), tablesHolding(OLD), "tables");
    assertEquals(
        "Kept Person",
        device.awaitCodeLogin("KEP900", 200).json().get("displayName").asText(),
        "the others log in as before");
    device.loginByCode("OLD900").expect(401);
  }

  /**
   * Turns the user's stored v2 events back into the v1 an earlier version wrote (the person in
   * clear) and forgets their key, as an installation before sealing has them.
   */
  private static void writtenBeforeSealing(String tenantId, String userId) throws Exception {
    JsonNode answer =
        Api.send(
                "POST",
                system.service(Service.IDENTITY).url("/internal/v1/data-keys"),
                system.oidc().serviceToken("notification-service"),
                "application/json",
                JSON.writeValueAsString(Map.of("tenantId", tenantId, "userIds", List.of(userId))))
            .expect(200)
            .json();
    PersonalKeys keys =
        PersonalKeys.of(
            Map.of(userId, DataKey.decode(answer.get("keys").get(0).get("key").asText())));
    try (Connection db = system.connect(Service.IDENTITY)) {
      List<Object[]> rewrites = new ArrayList<>();
      try (PreparedStatement select =
              db.prepareStatement(
                  "SELECT position, event_type, data::text FROM event_store.events"
                      + " WHERE stream_id = ? AND event_type LIKE '%.v2'");
          ResultSet rows = bind(select, userId).executeQuery()) {
        while (rows.next()) {
          ObjectNode data = (ObjectNode) JSON.readTree(rows.getString(3));
          UserPersonal person =
              keys.open(tenantId, userId, data.remove("personal").asText(), UserPersonal.class)
                  .orElseThrow();
          data.put("username", person.username())
              .put("displayName", person.displayName())
              .put("email", person.email());
          if (rows.getString(2).contains("UserCreated")) {
            data.put("externalId", person.externalId());
          }
          rewrites.add(
              new Object[] {
                rows.getLong(1), rows.getString(2).replace(".v2", ".v1"), data.toString()
              });
        }
      }
      assertFalse(rewrites.isEmpty(), "the user's events");
      try (PreparedStatement update =
          db.prepareStatement(
              "UPDATE event_store.events SET event_type = ?, data = ?::jsonb WHERE position = ?")) {
        for (Object[] rewrite : rewrites) {
          update.setString(1, (String) rewrite[1]);
          update.setString(2, (String) rewrite[2]);
          update.setLong(3, (Long) rewrite[0]);
          update.executeUpdate();
        }
      }
      try (PreparedStatement forget =
          db.prepareStatement("DELETE FROM user_data_keys WHERE user_id = ?::uuid")) {
        bind(forget, userId).executeUpdate();
      }
    }
  }

  private static long firstPositionOf(String userId) throws Exception {
    try (Connection db = system.connect(Service.IDENTITY);
        PreparedStatement query =
            db.prepareStatement(
                "SELECT min(position) FROM event_store.events WHERE stream_id = ?");
        ResultSet rows = bind(query, userId).executeQuery()) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static PreparedStatement bind(PreparedStatement statement, String value)
      throws Exception {
    statement.setString(1, value);
    return statement;
  }

  private static List<String> tablesHolding(String needle) {
    List<String> holding = new ArrayList<>();
    for (Service service : Service.values()) {
      system.tablesHolding(service, needle).forEach(table -> holding.add(service + " " + table));
    }
    return holding;
  }

  private static List<String> recordsHolding(String needle) {
    List<String> holding = new ArrayList<>();
    for (String topic : system.everyTopic()) {
      for (ConsumerRecord<String, byte[]> record : TestTopics.readToEnd(topic)) {
        String value =
            record.value() == null
                ? ""
                : new String(record.value(), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        if (value.contains(needle)) {
          holding.add(topic + "-" + record.partition() + "@" + record.offset());
        }
      }
    }
    return holding;
  }

  private static Api.Answer ops(Service service, String path, String json) {
    return Api.send(
        "POST",
        system.service(service).url(path),
        system.oidc().operator(),
        json == null ? null : "application/json",
        json);
  }
}
