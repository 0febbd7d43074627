package io.lanyard.directory;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.lanyard.contracts.EventEnvelope;
import io.lanyard.contracts.EventJson;
import io.lanyard.contracts.EventType;
import io.lanyard.contracts.IdentityEvents;
import io.lanyard.contracts.identity.UserCreatedV1;
import io.lanyard.contracts.identity.UserCreatedV2;
import io.lanyard.contracts.identity.UserPersonal;
import io.lanyard.contracts.identity.UserUpdatedV1;
import io.lanyard.contracts.identity.UserUpdatedV2;
import io.lanyard.directory.feed.DirectoryReadModelsFeed;
import io.lanyard.testplatform.TestTopics;
import io.lanyard.testsupport.FakeDataKeys;
import io.lanyard.testsupport.RowScan;
import io.lanyard.testsupport.TestEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * identity's {@code UserCreated.v2}/{@code UserUpdated.v2} (ADR 7), the person sealed under their
 * data key, on the real broker: the SCIM projection gets them in clear exactly as from their v1
 * twins, an erased person's as nulls, and waits for them (never dead-letters them) while identity's
 * key API is away. The keys come from {@link FakeDataKeys}, which answers in identity's place.
 */
// The module's test resources are declared once (DirectorySyncServiceStartsTest), FakeServices
// among them: identity's key API answers from FakeDataKeys.
@QuarkusTest
class ScimUsersSealedEventsTest {

  /** What identifies the person in scim_users, and what differs between two users anyway. */
  private static final List<String> PERSONAL_OR_OWN =
      List.of(
          "user_id",
          "user_name",
          "display_name",
          "email",
          "external_id",
          "created_at",
          "updated_at");

  static String token;

  @Inject DirectoryReadModelsFeed feed;
  @Inject Pool pool;

  @BeforeEach
  void scimToken() throws Exception {
    new ScimTokenTest().tenants();
    if (token == null) {
      token = ScimTokenTest.issue("acme");
    }
  }

  static RequestSpecification scim() {
    return given().auth().oauth2(token).basePath("/scim/v2/tenants/acme");
  }

  static UserPersonal person(String name, String userId) {
    return new UserPersonal(
        name.toLowerCase(Locale.ROOT) + "@acme.example",
        name + " Person",
        name.toLowerCase(Locale.ROOT) + ".mail@acme.example",
        "ext-" + userId);
  }

  static String createdV1(String tenant, String userId, String name) {
    UserPersonal person = person(name, userId);
    return EventJson.write(
        new UserCreatedV1(
            UUID.fromString(userId),
            tenant,
            person.username(),
            person.displayName(),
            person.email(),
            null,
            "de",
            UserCreatedV1.Origin.SCIM,
            person.externalId(),
            null,
            null,
            null,
            null));
  }

  /** The same creation as identity now publishes it: the person sealed under their key. */
  static String createdV2(String tenant, String userId, String name) {
    return EventJson.write(
        new UserCreatedV2(
            UUID.fromString(userId),
            tenant,
            FakeDataKeys.seal(tenant, userId, person(name, userId)),
            null,
            "de",
            UserCreatedV1.Origin.SCIM,
            null,
            null,
            null,
            null));
  }

  static String updatedV1(String tenant, String userId, String name) {
    UserPersonal person = person(name, userId);
    return EventJson.write(
        new UserUpdatedV1(
            UUID.fromString(userId),
            tenant,
            person.username(),
            person.displayName(),
            person.email(),
            null,
            "fr",
            null,
            null));
  }

  static String updatedV2(String tenant, String userId, String name) {
    UserPersonal person = person(name, userId);
    return EventJson.write(
        new UserUpdatedV2(
            UUID.fromString(userId),
            tenant,
            FakeDataKeys.seal(
                tenant,
                userId,
                new UserPersonal(person.username(), person.displayName(), person.email(), null)),
            null,
            "fr",
            null,
            null));
  }

  static void publish(EventType type, String userId, long version, String tenant, String json)
      throws Exception {
    String topic = ConfigProvider.getConfig().getValue("lanyard.topics.identity", String.class);
    try (KafkaProducer<String, byte[]> producer = TestTopics.producer()) {
      producer
          .send(TestEvents.record(topic, "identity-service", type, userId, tenant, version, json))
          .get();
    }
  }

  /** The user's scim_users row, column by column; empty when there is none. */
  Map<String, Object> row(String userId) {
    RowSet<Row> rows =
        pool.preparedQuery("SELECT * FROM scim_users WHERE user_id = $1")
            .execute(Tuple.of(UUID.fromString(userId)))
            .await()
            .atMost(Duration.ofSeconds(10));
    Map<String, Object> values = new LinkedHashMap<>();
    if (rows.size() == 0) {
      return values;
    }
    Row row = rows.iterator().next();
    for (int i = 0; i < row.size(); i++) {
      values.put(row.getColumnName(i), row.getValue(i));
    }
    return values;
  }

  /** The row without what identifies the person or the row. */
  Map<String, Object> facts(String userId) {
    Map<String, Object> values = row(userId);
    PERSONAL_OR_OWN.forEach(values::remove);
    return values;
  }

  long version(String userId) {
    Object version = row(userId).get("version");
    return version == null ? 0 : ((Number) version).longValue();
  }

  void assertClear(String userId, String name, boolean withExternalId) {
    Map<String, Object> row = row(userId);
    assertEquals(name.toLowerCase(Locale.ROOT) + "@acme.example", row.get("user_name"), "" + row);
    assertEquals(name + " Person", row.get("display_name"), "" + row);
    assertEquals(name.toLowerCase(Locale.ROOT) + ".mail@acme.example", row.get("email"), "" + row);
    if (withExternalId) {
      assertEquals("ext-" + userId, row.get("external_id"), "" + row);
    }
  }

  /** Records of the module's dead-letter topic about the user. */
  static long deadLettered(String userId) {
    String topic =
        ConfigProvider.getConfig().getValue("lanyard.events.dead-letter-topic", String.class);
    return TestTopics.readToEnd(topic).stream()
        .filter(record -> userId.equals(record.key()))
        .count();
  }

  @Test
  void sealedCreationsAndUpdatesAreProjectedInClearExactlyAsTheirV1TwinsAre() throws Exception {
    String tag = UUID.randomUUID().toString().substring(0, 6);
    String v1 = UUID.randomUUID().toString();
    String v2 = UUID.randomUUID().toString();
    publish(IdentityEvents.USER_CREATED, v1, 1, "acme", createdV1("acme", v1, "Vera" + tag));
    publish(IdentityEvents.USER_CREATED_V2, v2, 1, "acme", createdV2("acme", v2, "Vito" + tag));
    await().atMost(Duration.ofSeconds(20)).until(() -> version(v2) == 1 && version(v1) == 1);
    assertClear(v2, "Vito" + tag, true);
    assertClear(v1, "Vera" + tag, true);
    assertEquals(facts(v1), facts(v2));
    assertEquals("scim", facts(v2).get("origin"));
    assertEquals("de", facts(v2).get("locale"));
    // Entra's matching finds the user by what was sealed.
    scim()
        .queryParam("filter", "externalId eq \"ext-" + v2 + "\"")
        .get("/Users")
        .then()
        .statusCode(200)
        .body("totalResults", equalTo(1))
        .body("Resources[0].id", equalTo(v2))
        .body("Resources[0].userName", equalTo("vito" + tag + "@acme.example"))
        .body("Resources[0].displayName", equalTo("Vito" + tag + " Person"))
        .body("Resources[0].emails[0].value", equalTo("vito" + tag + ".mail@acme.example"));

    publish(IdentityEvents.USER_UPDATED, v1, 2, "acme", updatedV1("acme", v1, "Vesna" + tag));
    publish(IdentityEvents.USER_UPDATED_V2, v2, 2, "acme", updatedV2("acme", v2, "Viktor" + tag));
    await().atMost(Duration.ofSeconds(20)).until(() -> version(v2) == 2 && version(v1) == 2);
    assertClear(v2, "Viktor" + tag, true);
    assertClear(v1, "Vesna" + tag, true);
    assertEquals("fr", facts(v2).get("locale"));
    assertEquals(facts(v1), facts(v2));
    scim()
        .get("/Users/" + v2)
        .then()
        .statusCode(200)
        .body("userName", equalTo("viktor" + tag + "@acme.example"))
        .body("displayName", equalTo("Viktor" + tag + " Person"))
        .body("externalId", equalTo("ext-" + v2));
    assertEquals(0, deadLettered(v2));
  }

  @Test
  void aSealedEventOfAUserErasedAtIdentityProjectsTheRowWithoutThePerson() throws Exception {
    // A tenant of its own: a row without a userName is nobody else's business.
    String tenant = "era-" + UUID.randomUUID().toString().substring(0, 8);
    String tag = UUID.randomUUID().toString().substring(0, 6);
    String erased = UUID.randomUUID().toString();
    String twin = UUID.randomUUID().toString();
    String gone = "Edda" + tag;
    // Sealed while the key existed, published once identity had destroyed it.
    String created = createdV2(tenant, erased, gone);
    String updated = updatedV2(tenant, erased, gone + "x");
    FakeDataKeys.erase(erased);
    publish(IdentityEvents.USER_CREATED_V2, erased, 1, tenant, created);
    publish(IdentityEvents.USER_CREATED_V2, twin, 1, tenant, createdV2(tenant, twin, "Tom" + tag));
    await().atMost(Duration.ofSeconds(20)).until(() -> version(erased) == 1 && version(twin) == 1);
    Map<String, Object> row = row(erased);
    for (String column : List.of("user_name", "display_name", "email", "external_id")) {
      assertNull(row.get(column), column + ": " + row);
    }
    assertClear(twin, "Tom" + tag, true);
    assertEquals(facts(twin), facts(erased), "the row's facts are all there");
    assertEquals(tenant, row.get("tenant_id"));
    assertEquals("scim", row.get("origin"));

    publish(IdentityEvents.USER_UPDATED_V2, erased, 2, tenant, updated);
    await().atMost(Duration.ofSeconds(20)).until(() -> version(erased) == 2);
    row = row(erased);
    for (String column : List.of("user_name", "display_name", "email", "external_id")) {
      assertNull(row.get(column), column + ": " + row);
    }
    assertEquals("fr", row.get("locale"), "the update's facts are applied: " + row);
    assertEquals(
        0,
        RowScan.rowsMentioning(
            gone, List.of("scim_users", "scim_links", "google_users", "erased_users")));
    assertEquals(0, deadLettered(erased));
  }

  @Test
  void aSealedEventWaitsWhileIdentitysKeyApiIsAwayAndIsProjectedOnceItAnswers() throws Exception {
    String tag = UUID.randomUUID().toString().substring(0, 6);
    String waiting = UUID.randomUUID().toString();
    String created = createdV2("acme", waiting, "Wim" + tag);
    int before = FakeDataKeys.requests();
    FakeDataKeys.answering(false);
    try {
      publish(IdentityEvents.USER_CREATED_V2, waiting, 1, "acme", created);
      // Asked again and again: more times than a failing event is tried before it is set aside.
      await().atMost(Duration.ofSeconds(60)).until(() -> FakeDataKeys.requests() >= before + 5);
      assertEquals(Map.of(), row(waiting), "not projected");
      assertEquals(0, deadLettered(waiting), "not dead-lettered");
    } finally {
      FakeDataKeys.answering(true);
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> version(waiting) == 1);
    assertClear(waiting, "Wim" + tag, true);
    scim()
        .get("/Users/" + waiting)
        .then()
        .statusCode(200)
        .body("externalId", equalTo("ext-" + waiting));
    assertEquals(0, deadLettered(waiting));
  }

  /**
   * A poll's creations are opened with one key request per tenant and written as one run (the
   * consumer hands a poll to applyAll; here the handler is given one directly).
   */
  @Test
  void aPollsSealedCreationsAskForTheirKeysOncePerTenantAndAreWrittenAsOneRun() {
    String tag = UUID.randomUUID().toString().substring(0, 6);
    String other = "run-" + tag;
    List<String> ids = List.of(uuid(), uuid(), uuid(), uuid(), uuid());
    List<EventEnvelope> poll =
        List.of(
            envelope(
                IdentityEvents.USER_CREATED_V2,
                "acme",
                ids.get(0),
                createdV2("acme", ids.get(0), "Ada" + tag)),
            envelope(
                IdentityEvents.USER_CREATED,
                "acme",
                ids.get(1),
                createdV1("acme", ids.get(1), "Bob" + tag)),
            envelope(
                IdentityEvents.USER_CREATED_V2,
                other,
                ids.get(2),
                createdV2(other, ids.get(2), "Cy" + tag)),
            envelope(
                IdentityEvents.USER_CREATED_V2,
                "acme",
                ids.get(3),
                createdV2("acme", ids.get(3), "Dee" + tag)),
            envelope(
                IdentityEvents.USER_CREATED_V2,
                "acme",
                ids.get(4),
                createdV2("acme", ids.get(4), "Eve" + tag)));
    int before = FakeDataKeys.requests();
    pool.withTransaction(tx -> feed.applyAll(poll, tx)).await().atMost(Duration.ofSeconds(30));
    assertEquals(2, FakeDataKeys.requests() - before, "one key request per tenant");
    List<String> names = List.of("Ada", "Bob", "Cy", "Dee", "Eve");
    for (int i = 0; i < ids.size(); i++) {
      assertClear(ids.get(i), names.get(i) + tag, true);
    }
    assertEquals(other, row(ids.get(2)).get("tenant_id"));
  }

  private static String uuid() {
    return UUID.randomUUID().toString();
  }

  private static EventEnvelope envelope(EventType type, String tenant, String userId, String json) {
    return TestEvents.envelope("identity-service", type, userId, tenant, 1, json);
  }
}
