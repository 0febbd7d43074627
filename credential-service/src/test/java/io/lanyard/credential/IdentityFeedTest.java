package io.lanyard.credential;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lanyard.contracts.EventType;
import io.lanyard.contracts.IdentityEvents;
import io.lanyard.credential.domain.CredentialPolicy;
import io.lanyard.credentialrules.AccessCodes;
import io.lanyard.secrets.SecretCipher;
import io.lanyard.testplatform.TestPlatform;
import io.lanyard.testplatform.TestTopics;
import io.lanyard.testsupport.RowScan;
import io.lanyard.testsupport.TestEvents;
import io.lanyard.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** identity-service's events, on the real broker, and what credential-service makes of them. */
// The real platform comes from the module's one @QuarkusTestResource (on its *StartsTest),
// which applies to every test class of the module: one application start for all of them.
@QuarkusTest
class IdentityFeedTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @Inject SecretCipher cipher;

  static String config(String name) {
    return ConfigProvider.getConfig().getValue(name, String.class);
  }

  static void publish(EventType type, String subject, long version, String json) throws Exception {
    publish(type, subject, version, "acme", json);
  }

  static void publish(EventType type, String subject, long version, String tenant, String json)
      throws Exception {
    try (KafkaProducer<String, byte[]> producer = TestTopics.producer()) {
      producer
          .send(
              TestEvents.record(
                  config("lanyard.topics.identity"),
                  "identity-service",
                  type,
                  subject,
                  tenant,
                  version,
                  json))
          .get();
    }
  }

  static void userCreated(String userId, String origin) throws Exception {
    publish(
        IdentityEvents.USER_CREATED,
        userId,
        1,
        "{\"userId\":\""
            + userId
            + "\",\"tenantId\":\"acme\",\"username\":\"u"
            + userId.substring(0, 6)
            + "\",\"displayName\":\"U\",\"email\":\""
            + userId
            + "@acme.example\",\"origin\":\""
            + origin
            + "\",\"externalId\":"
            + ("manual".equals(origin) ? "null" : "\"x-" + userId + "\"")
            + "}");
  }

  static List<ConsumerRecord<String, byte[]>> credentialEventsOf(String userId, int atLeast) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                TestTopics.readToEnd(config("lanyard.events.topic")).stream()
                    .filter(record -> userId.equals(record.key()))
                    .toList(),
            found -> found.size() >= atLeast);
  }

  /** Rows of a table of the service's database, all of them or those of one id. */
  static long count(String table, String id) throws Exception {
    String column = table.equals("known_users") ? "id::text" : "stream_id";
    String where = id == null ? "" : " WHERE " + column + " = ?";
    try (Connection db =
            DriverManager.getConnection(
                TestPlatform.jdbcUrl(config("lanyard.database")), TestPlatform.postgresUser(), "");
        PreparedStatement query = db.prepareStatement("SELECT count(*) FROM " + table + where)) {
      if (id != null) {
        query.setString(1, id);
      }
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  static String header(ConsumerRecord<String, byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  @Test
  void aManualUserGetsExactlyOneGeneratedFirstCodeAndADeletedUserIsRevoked() throws Exception {
    String manual = UUID.randomUUID().toString();
    String fromScim = UUID.randomUUID().toString();
    publish(IdentityEvents.TENANT_CREATED, "acme", 1, "{\"tenantId\":\"acme\",\"name\":\"Acme\"}");
    userCreated(manual, "manual");
    userCreated(manual, "manual"); // redelivered
    userCreated(fromScim, "scim");
    publish(
        IdentityEvents.USER_DELETED,
        manual,
        2,
        "{\"userId\":\"" + manual + "\",\"tenantId\":\"acme\"}");

    List<ConsumerRecord<String, byte[]>> events = credentialEventsOf(manual, 2);
    assertEquals(
        List.of(
            "io.lanyard.credential.AccessCodeChanged.v1",
            "io.lanyard.credential.CredentialsRevoked.v1"),
        events.stream().map(record -> header(record, "ce_type")).toList());
    JsonNode first = JSON.readTree(events.get(0).value());
    assertEquals("initial", first.path("reason").asText());
    assertEquals(false, first.path("notifyUser").asBoolean());

    // The code travels only as a hash and a ciphertext that this service's keys open.
    String code = cipher.decrypt("acme", "access-code", first.path("codeCiphertext").asText());
    assertEquals(code, CredentialPolicy.DEFAULT.checkCode(AccessCodes.normalise(code)));
    assertTrue(code.chars().noneMatch(c -> "0O1I".indexOf(c) >= 0));
    for (ConsumerRecord<String, byte[]> record :
        TestTopics.readToEnd(config("lanyard.events.topic"))) {
      assertFalse(record.key().contains(code));
      assertFalse(new String(record.value(), StandardCharsets.UTF_8).contains(code));
      for (Header h : record.headers()) {
        assertFalse(new String(h.value(), StandardCharsets.UTF_8).contains(code));
      }
    }

    // A directory user gets no generated code: directory-sync sends theirs (ADR 3). Once the
    // service knows the user, it has decided: no credential stream was started for them.
    await().atMost(Duration.ofSeconds(30)).until(() -> count("known_users", fromScim) == 1);
    assertEquals(0, count("event_store.streams", fromScim));
  }

  /** A person's {@code UserCreated}/{@code UserUpdated} data, with distinct clear fields. */
  static String person(String userId, String tenant, String name) throws Exception {
    return "{\"userId\":\""
        + userId
        + "\",\"tenantId\":\""
        + tenant
        + "\",\"username\":"
        + JSON.writeValueAsString(name + ".Login")
        + ",\"displayName\":"
        + JSON.writeValueAsString(name + " Person")
        + ",\"email\":"
        + JSON.writeValueAsString(name.toLowerCase(Locale.ROOT) + "@mail.example")
        + ",\"origin\":\"manual\",\"externalId\":null}";
  }

  /**
   * Rows of the tables holding what credential-service knows of people that contain {@code text}
   * anywhere, in any case: whole rows as text.
   */
  static long rowsMentioning(String text) throws Exception {
    return RowScan.rowsMentioning(text, List.of("known_users", "person_links", "erased_users"));
  }

  /** The highest version of the user's identity stream the identity consumer has applied. */
  static long appliedVersion(String userId) throws Exception {
    try (Connection db =
            DriverManager.getConnection(
                TestPlatform.jdbcUrl(config("lanyard.database")), TestPlatform.postgresUser(), "");
        PreparedStatement query =
            db.prepareStatement(
                "SELECT coalesce(max(version), 0) FROM event_store.consumer_streams"
                    + " WHERE source = 'identity-service' AND stream_id = ?")) {
      query.setString(1, userId);
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  @Test
  void anErasedUsersPersonalDataLeavesKnownUsersAndNoLaterEventBringsItBack() throws Exception {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String tenant = "era-" + tag;
    CodesOverTimeTest.tenant(tenant);
    String erased = UUID.randomUUID().toString();
    String kept = UUID.randomUUID().toString();
    String gone = "Erin" + tag;
    String stays = "Kim" + tag;
    publish(IdentityEvents.USER_CREATED, erased, 1, tenant, person(erased, tenant, gone));
    publish(IdentityEvents.USER_CREATED, kept, 1, tenant, person(kept, tenant, stays));
    CodesOverTimeTest.awaitCredentials(tenant, erased);
    CodesOverTimeTest.awaitCredentials(tenant, kept);
    // The person signs in once: linked by their verified email to their user.
    given()
        .auth()
        .oauth2(
            TestTokens.person(
                "sub-" + gone,
                tenant,
                gone.toLowerCase(Locale.ROOT) + "@mail.example",
                true,
                Set.of()))
        .get("/me/v1/access")
        .then()
        .statusCode(200);
    assertEquals(1, rowsMentioning("sub-" + gone));

    publish(
        IdentityEvents.USER_DELETED,
        erased,
        2,
        tenant,
        "{\"userId\":\"" + erased + "\",\"tenantId\":\"" + tenant + "\"}");
    publish(
        IdentityEvents.USER_ERASED,
        erased,
        3,
        tenant,
        "{\"userId\":\""
            + erased
            + "\",\"tenantId\":\""
            + tenant
            + "\",\"erasedBy\":\""
            + tenant
            + "-admin\"}");

    List<String> personal =
        List.of(gone + ".Login", gone + " Person", gone + "@mail.example", "sub-" + gone);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              for (String text : personal) {
                if (rowsMentioning(text) > 0) {
                  return false;
                }
              }
              return true;
            });
    Map<String, String> row = CodesOverTimeTest.knownUser(erased);
    assertEquals("deleted", row.get("status"), "the row's facts stay: " + row);
    assertEquals("manual", row.get("origin"));
    assertEquals(null, row.get("email"));
    assertEquals(2, rowsMentioning(erased), "known_users and erased_users keep the id");

    Map<String, String> other = CodesOverTimeTest.knownUser(kept);
    assertEquals(stays + ".Login", other.get("username"));
    assertEquals(stays + " Person", other.get("display_name"));
    assertEquals(stays.toLowerCase(Locale.ROOT) + "@mail.example", other.get("email"));

    String csv =
        CredentialExportTest.export(tenant, "").then().statusCode(200).extract().asString();
    assertTrue(csv.contains(stays + ".Login," + stays + " Person,"), csv);
    for (String text : personal) {
      assertFalse(csv.toLowerCase(Locale.ROOT).contains(text.toLowerCase(Locale.ROOT)), csv);
    }
    // The erased person signing in again finds no user by the email they no longer have here.
    given()
        .auth()
        .oauth2(
            TestTokens.person(
                "sub-" + gone,
                tenant,
                gone.toLowerCase(Locale.ROOT) + "@mail.example",
                true,
                Set.of()))
        .get("/me/v1/access")
        .then()
        .statusCode(
            org.hamcrest.Matchers.allOf(
                org.hamcrest.Matchers.greaterThanOrEqualTo(400),
                org.hamcrest.Matchers.lessThan(500)));

    // The creation again: as republished (its version, passed over) and as a newer event would
    // bring it (a replay into a projection that has it not yet), then a profile change.
    publish(IdentityEvents.USER_CREATED, erased, 1, tenant, person(erased, tenant, gone));
    publish(IdentityEvents.USER_CREATED, erased, 4, tenant, person(erased, tenant, gone));
    publish(
        IdentityEvents.USER_UPDATED,
        erased,
        5,
        tenant,
        person(erased, tenant, gone).replace(",\"origin\":\"manual\",\"externalId\":null", ""));
    await().atMost(Duration.ofSeconds(30)).until(() -> appliedVersion(erased) == 5);
    for (String text : personal) {
      assertEquals(0, rowsMentioning(text), text);
    }
    assertEquals("deleted", CodesOverTimeTest.knownUser(erased).get("status"));
    CredentialExportTest.export(tenant, "").then().statusCode(200);
  }
}
