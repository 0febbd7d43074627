package io.lanyard.credential;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanyard.contracts.EventEnvelope;
import io.lanyard.contracts.EventJson;
import io.lanyard.contracts.EventType;
import io.lanyard.contracts.IdentityEvents;
import io.lanyard.contracts.identity.UserCreatedV1;
import io.lanyard.contracts.identity.UserCreatedV2;
import io.lanyard.contracts.identity.UserPersonal;
import io.lanyard.contracts.identity.UserUpdatedV1;
import io.lanyard.contracts.identity.UserUpdatedV2;
import io.lanyard.credential.feed.IdentityFeed;
import io.lanyard.testplatform.TestTopics;
import io.lanyard.testsupport.FakeDataKeys;
import io.lanyard.testsupport.TestEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * identity's {@code UserCreated.v2}/{@code UserUpdated.v2} (ADR 7), the person sealed under their
 * data key, on the real broker: projected in clear as their v1 twins are, with nulls for a person
 * erased at identity, and waited for (never dead-lettered) while identity's key API is away. The
 * keys come from {@link FakeDataKeys}, which answers in identity's place.
 */
// The real platform comes from the module's one @QuarkusTestResource (on its *StartsTest),
// FakeServices among them: identity's key API answers from FakeDataKeys.
@QuarkusTest
class SealedIdentityEventsTest {

  private static final List<String> PERSONAL_COLUMNS = List.of("username", "display_name", "email");

  @Inject IdentityFeed feed;
  @Inject Pool pool;

  static UserPersonal person(String name) {
    return new UserPersonal(
        name + ".Login", name + " Person", name.toLowerCase(Locale.ROOT) + "@mail.example", null);
  }

  static String createdV1(String tenant, String userId, String name, String origin) {
    UserPersonal person = person(name);
    return EventJson.write(
        new UserCreatedV1(
            UUID.fromString(userId),
            tenant,
            person.username(),
            person.displayName(),
            person.email(),
            "/Sales",
            "de",
            origin(origin),
            "manual".equals(origin) ? null : "x-" + userId,
            null,
            null,
            null,
            null));
  }

  /** The same creation as identity now publishes it: the person sealed under their key. */
  static String createdV2(String tenant, String userId, String name, String origin) {
    return EventJson.write(
        new UserCreatedV2(
            UUID.fromString(userId),
            tenant,
            FakeDataKeys.seal(tenant, userId, withExternalId(person(name), origin, userId)),
            "/Sales",
            "de",
            origin(origin),
            null,
            null,
            null,
            null));
  }

  static String updatedV1(String tenant, String userId, String name) {
    UserPersonal person = person(name);
    return EventJson.write(
        new UserUpdatedV1(
            UUID.fromString(userId),
            tenant,
            person.username(),
            person.displayName(),
            person.email(),
            "/Moved",
            "de",
            null,
            null));
  }

  static String updatedV2(String tenant, String userId, String name) {
    return EventJson.write(
        new UserUpdatedV2(
            UUID.fromString(userId),
            tenant,
            FakeDataKeys.seal(tenant, userId, person(name)),
            "/Moved",
            "de",
            null,
            null));
  }

  private static UserPersonal withExternalId(UserPersonal person, String origin, String userId) {
    return "manual".equals(origin)
        ? person
        : new UserPersonal(person.username(), person.displayName(), person.email(), "x-" + userId);
  }

  private static UserCreatedV1.Origin origin(String origin) {
    return UserCreatedV1.Origin.valueOf(origin.toUpperCase(Locale.ROOT));
  }

  static void publish(EventType type, String userId, long version, String tenant, String json)
      throws Exception {
    IdentityFeedTest.publish(type, userId, version, tenant, json);
  }

  /** The user's row in known_users without its personal columns. */
  static Map<String, String> facts(String userId) throws Exception {
    Map<String, String> row = new HashMap<>(CodesOverTimeTest.knownUser(userId));
    PERSONAL_COLUMNS.forEach(row::remove);
    return row;
  }

  static void assertClear(String userId, String name) throws Exception {
    Map<String, String> row = CodesOverTimeTest.knownUser(userId);
    assertEquals(name + ".Login", row.get("username"), row.toString());
    assertEquals(name + " Person", row.get("display_name"), row.toString());
    assertEquals(name.toLowerCase(Locale.ROOT) + "@mail.example", row.get("email"), row.toString());
  }

  /** Records of the module's dead-letter topic about the user. */
  static long deadLettered(String userId) {
    return TestTopics.readToEnd(IdentityFeedTest.config("lanyard.events.dead-letter-topic"))
        .stream()
        .filter(record -> userId.equals(record.key()))
        .count();
  }

  static String tenant() throws Exception {
    String tenant = "sea-" + UUID.randomUUID().toString().substring(0, 8);
    CodesOverTimeTest.tenant(tenant);
    return tenant;
  }

  @Test
  void sealedCreationsAndUpdatesAreProjectedInClearExactlyAsTheirV1TwinsAre() throws Exception {
    String tenant = tenant();
    String tag = UUID.randomUUID().toString().substring(0, 6);
    // A manual person (gets a first code here) and a directory's (only remembered), each twice.
    String manualV1 = UUID.randomUUID().toString();
    String manualV2 = UUID.randomUUID().toString();
    String scimV1 = UUID.randomUUID().toString();
    String scimV2 = UUID.randomUUID().toString();
    publish(
        IdentityEvents.USER_CREATED,
        manualV1,
        1,
        tenant,
        createdV1(tenant, manualV1, "Mona" + tag, "manual"));
    publish(
        IdentityEvents.USER_CREATED_V2,
        manualV2,
        1,
        tenant,
        createdV2(tenant, manualV2, "Mira" + tag, "manual"));
    publish(
        IdentityEvents.USER_CREATED,
        scimV1,
        1,
        tenant,
        createdV1(tenant, scimV1, "Sam" + tag, "scim"));
    publish(
        IdentityEvents.USER_CREATED_V2,
        scimV2,
        1,
        tenant,
        createdV2(tenant, scimV2, "Sol" + tag, "scim"));

    // The manual users' first codes show the creation did all it does for a v1 one.
    CodesOverTimeTest.awaitCredentials(tenant, manualV1);
    CodesOverTimeTest.awaitCredentials(tenant, manualV2);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> IdentityFeedTest.appliedVersion(scimV2) == 1);
    assertClear(manualV2, "Mira" + tag);
    assertClear(scimV2, "Sol" + tag);
    assertClear(manualV1, "Mona" + tag);
    assertEquals(facts(manualV1), facts(manualV2));
    assertEquals(facts(scimV1), facts(scimV2));
    assertEquals("/Sales", facts(scimV2).get("org_unit"));
    assertEquals("scim", facts(scimV2).get("origin"));

    publish(
        IdentityEvents.USER_UPDATED, scimV1, 2, tenant, updatedV1(tenant, scimV1, "Sami" + tag));
    publish(
        IdentityEvents.USER_UPDATED_V2, scimV2, 2, tenant, updatedV2(tenant, scimV2, "Solo" + tag));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> IdentityFeedTest.appliedVersion(scimV2) == 2);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> IdentityFeedTest.appliedVersion(scimV1) == 2);
    assertClear(scimV2, "Solo" + tag);
    assertClear(scimV1, "Sami" + tag);
    assertEquals("/Moved", facts(scimV2).get("org_unit"));
    assertEquals(facts(scimV1), facts(scimV2));

    // What the export shows of them is the opened data.
    String csv =
        CredentialExportTest.export(tenant, "").then().statusCode(200).extract().asString();
    assertTrue(csv.contains("Solo" + tag + ".Login,Solo" + tag + " Person,"), csv);
    assertTrue(csv.contains("Mira" + tag + ".Login,Mira" + tag + " Person,"), csv);
    assertEquals(0, deadLettered(scimV2) + deadLettered(manualV2));
  }

  @Test
  void aSealedEventOfAUserErasedAtIdentityProjectsTheRowWithoutThePerson() throws Exception {
    String tenant = tenant();
    String tag = UUID.randomUUID().toString().substring(0, 6);
    String erased = UUID.randomUUID().toString();
    String twin = UUID.randomUUID().toString();
    String gone = "Edda" + tag;
    // Sealed while the key existed, published once identity had destroyed it.
    String created = createdV2(tenant, erased, gone, "scim");
    String updated = updatedV2(tenant, erased, gone + "x");
    FakeDataKeys.erase(erased);
    publish(IdentityEvents.USER_CREATED_V2, erased, 1, tenant, created);
    publish(
        IdentityEvents.USER_CREATED_V2,
        twin,
        1,
        tenant,
        createdV2(tenant, twin, "Tom" + tag, "scim"));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> IdentityFeedTest.appliedVersion(erased) == 1);
    Map<String, String> row = CodesOverTimeTest.knownUser(erased);
    for (String column : PERSONAL_COLUMNS) {
      assertNull(row.get(column), column + ": " + row);
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> IdentityFeedTest.appliedVersion(twin) == 1);
    assertClear(twin, "Tom" + tag);
    assertEquals(facts(twin), facts(erased), "the row's facts are all there");
    assertEquals("active", row.get("status"));
    assertEquals("scim", row.get("origin"));

    publish(IdentityEvents.USER_UPDATED_V2, erased, 2, tenant, updated);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> IdentityFeedTest.appliedVersion(erased) == 2);
    row = CodesOverTimeTest.knownUser(erased);
    for (String column : PERSONAL_COLUMNS) {
      assertNull(row.get(column), column + ": " + row);
    }
    assertEquals("/Moved", row.get("org_unit"), "the update's facts are applied: " + row);
    assertEquals(0, IdentityFeedTest.rowsMentioning(gone));
    assertEquals(0, deadLettered(erased));
  }

  @Test
  void aSealedEventWaitsWhileIdentitysKeyApiIsAwayAndIsProjectedOnceItAnswers() throws Exception {
    String tenant = tenant();
    String tag = UUID.randomUUID().toString().substring(0, 6);
    String waiting = UUID.randomUUID().toString();
    String created = createdV2(tenant, waiting, "Wim" + tag, "scim");
    int before = FakeDataKeys.requests();
    FakeDataKeys.answering(false);
    try {
      publish(IdentityEvents.USER_CREATED_V2, waiting, 1, tenant, created);
      // Asked again and again: more times than a failing event is tried before it is set aside.
      await().atMost(Duration.ofSeconds(60)).until(() -> FakeDataKeys.requests() >= before + 5);
      assertEquals(0, IdentityFeedTest.count("known_users", waiting), "not projected");
      assertEquals(0, IdentityFeedTest.appliedVersion(waiting));
      assertEquals(0, deadLettered(waiting), "not dead-lettered");
    } finally {
      FakeDataKeys.answering(true);
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> IdentityFeedTest.appliedVersion(waiting) == 1);
    assertClear(waiting, "Wim" + tag);
    assertEquals(0, deadLettered(waiting));
  }

  /**
   * A poll's creations are opened with one key request per tenant and the people written as one run
   * (the consumer hands a poll to applyAll; here the handler is given one directly).
   */
  @Test
  void aPollsSealedCreationsAskForTheirKeysOncePerTenantAndAreWrittenAsOneRun() throws Exception {
    String tenant = tenant();
    String other = tenant();
    String tag = UUID.randomUUID().toString().substring(0, 6);
    List<String> ids = List.of(uuid(), uuid(), uuid(), uuid(), uuid());
    List<EventEnvelope> poll =
        List.of(
            envelope(
                IdentityEvents.USER_CREATED_V2,
                tenant,
                ids.get(0),
                createdV2(tenant, ids.get(0), "A" + tag, "scim")),
            envelope(
                IdentityEvents.USER_CREATED,
                tenant,
                ids.get(1),
                createdV1(tenant, ids.get(1), "B" + tag, "google")),
            envelope(
                IdentityEvents.USER_CREATED_V2,
                other,
                ids.get(2),
                createdV2(other, ids.get(2), "C" + tag, "google")),
            envelope(
                IdentityEvents.USER_CREATED_V2,
                tenant,
                ids.get(3),
                createdV2(tenant, ids.get(3), "D" + tag, "scim")),
            envelope(
                IdentityEvents.USER_CREATED_V2,
                tenant,
                ids.get(4),
                createdV2(tenant, ids.get(4), "E" + tag, "scim")));
    int before = FakeDataKeys.requests();
    pool.withTransaction(tx -> feed.applyAll(poll, tx)).await().atMost(Duration.ofSeconds(30));
    assertEquals(2, FakeDataKeys.requests() - before, "one key request per tenant");
    List<String> names = List.of("A", "B", "C", "D", "E");
    for (int i = 0; i < ids.size(); i++) {
      assertClear(ids.get(i), names.get(i) + tag);
    }
    assertEquals("google", CodesOverTimeTest.knownUser(ids.get(2)).get("origin"));
  }

  private static String uuid() {
    return UUID.randomUUID().toString();
  }

  private static EventEnvelope envelope(EventType type, String tenant, String userId, String json) {
    return TestEvents.envelope("identity-service", type, userId, tenant, 1, json);
  }
}
