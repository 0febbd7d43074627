package io.lanyard.directory.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanyard.contracts.directory.DirectoryUserLinkedV1;
import io.lanyard.contracts.directory.DirectoryUserLinkedV2;
import io.lanyard.contracts.directory.DirectoryUserSyncedV1;
import io.lanyard.contracts.directory.DirectoryUserSyncedV2;
import io.lanyard.directory.domain.DirectoryLink;
import io.lanyard.directory.domain.ScimTokenEvent;
import io.lanyard.directory.domain.google.GoogleConnection;
import io.lanyard.directory.domain.google.GoogleSettings;
import io.lanyard.directory.domain.google.SyncCounts;
import io.lanyard.directory.domain.google.SyncRun;
import io.lanyard.directory.domain.scim.ScimName;
import io.lanyard.eventstore.JsonEventCodec;
import io.lanyard.eventstore.NewEvent;
import io.lanyard.eventstore.PersonalKeys;
import io.lanyard.eventstore.Upcasters;
import io.lanyard.secrets.DataKey;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Each domain event becomes its public record's JSON (checked against its schema in every test JVM)
 * with the coded values as they travel, and reads back as the same domain event.
 */
class DirectoryEventCodecsTest {

  private static final String TENANT = "acme";
  private static final String USER = UUID.randomUUID().toString();
  private static final String RUN = UUID.randomUUID().toString();
  private static final String HEX = "ab".repeat(32);

  /** The user's data key, as identity-service gives it. */
  private static final PersonalKeys KEYS = PersonalKeys.of(Map.of(USER, DataKey.generate()));

  private static <E> String roundTrip(JsonEventCodec<E> codec, E event) {
    NewEvent encoded = codec.encode(event, KEYS);
    assertEquals(event, codec.decode(encoded.type(), encoded.json(), KEYS));
    return encoded.json();
  }

  @Test
  void linksCarryThePersonSealed() {
    String linked =
        roundTrip(
            DirectoryEventCodecs.LINKS,
            new DirectoryLink.Event.DirectoryUserLinked(
                TENANT, USER, DirectoryLink.Source.SCIM, "ext-1"));
    assertTrue(linked.contains("\"source\":\"scim\""), linked);
    assertTrue(linked.contains("\"personal\":\"pd1:"), linked);
    // A link that says nothing of SCIM's attributes says nothing of them.
    assertFalse(linked.contains("externalIdGiven"), linked);
    assertFalse(linked.contains("ext-1"), linked);
    String scim =
        roundTrip(
            DirectoryEventCodecs.LINKS,
            new DirectoryLink.Event.DirectoryUserLinked(
                TENANT,
                USER,
                DirectoryLink.Source.SCIM,
                "pat@acme.example",
                false,
                new ScimName("Dr. Pat Q. Example", "Pat", "Example", "Q.", "Dr.", null)));
    assertTrue(scim.contains("\"externalIdGiven\":false"), scim);
    for (String personal : List.of("pat@acme.example", "Pat", "Example", "Dr.")) {
      assertFalse(scim.contains(personal), personal + " in " + scim);
    }
    String unlinked =
        roundTrip(
            DirectoryEventCodecs.LINKS,
            new DirectoryLink.Event.DirectoryUserUnlinked(
                TENANT, USER, DirectoryLink.Source.GOOGLE));
    assertTrue(unlinked.contains("\"source\":\"google\""), unlinked);
    assertTrue(unlinked.contains("\"reason\":\"deleted\""), unlinked);
    String synced =
        roundTrip(
            DirectoryEventCodecs.LINKS,
            new DirectoryLink.Event.DirectoryUserSynced(
                TENANT, USER, "google-7", HEX, true, null, "card-digest"));
    assertTrue(synced.contains("\"source\":\"google\""), synced);
    assertTrue(synced.contains("\"codeDigest\":null"), synced);
    assertFalse(synced.contains("google-7") || synced.contains(HEX), synced);
  }

  @Test
  void anErasedUsersLinkAndSyncOpenToNothingOfThePerson() {
    NewEvent linked =
        DirectoryEventCodecs.LINKS.encode(
            new DirectoryLink.Event.DirectoryUserLinked(
                TENANT,
                USER,
                DirectoryLink.Source.SCIM,
                "pat@acme.example",
                false,
                new ScimName(null, "Pat", "Example", null, null, null)),
            KEYS);
    assertEquals(
        new DirectoryLink.Event.DirectoryUserLinked(
            TENANT, USER, DirectoryLink.Source.SCIM, null, false, ScimName.NONE),
        DirectoryEventCodecs.LINKS.decode(linked.type(), linked.json(), PersonalKeys.NONE));
    NewEvent synced =
        DirectoryEventCodecs.LINKS.encode(
            new DirectoryLink.Event.DirectoryUserSynced(
                TENANT, USER, "google-7", HEX, false, "code-digest", null),
            KEYS);
    assertEquals(
        new DirectoryLink.Event.DirectoryUserSynced(
            TENANT, USER, null, null, false, "code-digest", null),
        DirectoryEventCodecs.LINKS.decode(synced.type(), synced.json(), PersonalKeys.NONE));
  }

  @Test
  void aLinkIsNeverWrittenWithoutTheUsersKey() {
    assertThrows(
        IllegalStateException.class,
        () ->
            DirectoryEventCodecs.LINKS.encode(
                new DirectoryLink.Event.DirectoryUserLinked(
                    TENANT, USER, DirectoryLink.Source.GOOGLE, "google-7"),
                PersonalKeys.NONE));
  }

  /** What was stored and published before sealing (v1, in clear) still reads, upcast. */
  @Test
  void theV1HistoryReadsThroughTheUpcasters() {
    Upcasters upcasters =
        new Upcasters(
            List.of(new DirectoryUpcasters.LinkedV1(), new DirectoryUpcasters.SyncedV1()));
    String linkedV1 =
        "{\"tenantId\":\"acme\",\"userId\":\""
            + USER
            + "\",\"source\":\"scim\",\"externalId\":\"pat@acme.example\","
            + "\"externalIdGiven\":false,\"name\":{\"formatted\":null,\"givenName\":\"Pat\","
            + "\"familyName\":\"Example\",\"middleName\":null,\"honorificPrefix\":null,"
            + "\"honorificSuffix\":null}}";
    Upcasters.Upcast linked = upcasters.upcast(DirectoryUserLinkedV1.TYPE, linkedV1);
    assertEquals(DirectoryUserLinkedV2.TYPE, linked.type());
    assertEquals(
        new DirectoryLink.Event.DirectoryUserLinked(
            TENANT,
            USER,
            DirectoryLink.Source.SCIM,
            "pat@acme.example",
            false,
            new ScimName(null, "Pat", "Example", null, null, null)),
        DirectoryEventCodecs.LINKS.decode(linked.type(), linked.json(), PersonalKeys.NONE));
    // A Google link of v1 carried neither externalIdGiven nor name.
    Upcasters.Upcast google =
        upcasters.upcast(
            DirectoryUserLinkedV1.TYPE,
            "{\"tenantId\":\"acme\",\"userId\":\""
                + USER
                + "\",\"source\":\"google\",\"externalId\":\"google-7\"}");
    assertEquals(
        new DirectoryLink.Event.DirectoryUserLinked(
            TENANT, USER, DirectoryLink.Source.GOOGLE, "google-7"),
        DirectoryEventCodecs.LINKS.decode(google.type(), google.json(), PersonalKeys.NONE));
    Upcasters.Upcast synced =
        upcasters.upcast(
            DirectoryUserSyncedV1.TYPE,
            "{\"tenantId\":\"acme\",\"userId\":\""
                + USER
                + "\",\"source\":\"google\",\"externalId\":\"google-7\",\"profileFingerprint\":\""
                + HEX
                + "\",\"suspended\":true,\"codeDigest\":null,\"cardDigest\":\"card-digest\"}");
    assertEquals(DirectoryUserSyncedV2.TYPE, synced.type());
    assertEquals(
        new DirectoryLink.Event.DirectoryUserSynced(
            TENANT, USER, "google-7", HEX, true, null, "card-digest"),
        DirectoryEventCodecs.LINKS.decode(synced.type(), synced.json(), PersonalKeys.NONE));
  }

  @Test
  void runs() {
    for (SyncRun.Trigger trigger : SyncRun.Trigger.values()) {
      String started =
          roundTrip(
              DirectoryEventCodecs.SYNC_RUNS,
              new SyncRun.Event.DirectorySyncStarted(TENANT, RUN, trigger));
      assertTrue(started.contains("\"source\":\"google\""), started);
      assertTrue(started.contains("\"trigger\":\"" + trigger.name().toLowerCase() + "\""), started);
    }
    SyncCounts counts = new SyncCounts(1, 2, 3, 4, 5, 6);
    roundTrip(
        DirectoryEventCodecs.SYNC_RUNS,
        new SyncRun.Event.DirectorySyncCompleted(TENANT, RUN, 21, counts));
    roundTrip(
        DirectoryEventCodecs.SYNC_RUNS,
        new SyncRun.Event.DirectorySyncFailed(TENANT, RUN, "Google could not be read", counts));
  }

  @Test
  void connections() {
    String configured =
        roundTrip(
            DirectoryEventCodecs.GOOGLE_CONNECTIONS,
            new GoogleConnection.Event.GoogleConnectionConfigured(
                TENANT,
                null,
                "acme.example",
                "admin@acme.example",
                GoogleSettings.DEFAULT_API_ROOT,
                GoogleSettings.SyncMode.AUTOMATIC,
                60,
                GoogleSettings.Source.ORG_UNITS,
                List.of("/Staff"),
                true,
                false,
                true,
                "sync@acme.iam.gserviceaccount.com",
                "ciphertext",
                "admin"));
    assertTrue(configured.contains("\"syncMode\":\"automatic\""), configured);
    assertTrue(configured.contains("\"source\":\"org_units\""), configured);
    roundTrip(
        DirectoryEventCodecs.GOOGLE_CONNECTIONS,
        new GoogleConnection.Event.GoogleConnectionRemoved(TENANT, "admin"));
  }

  @Test
  void scimTokens() {
    roundTrip(
        DirectoryEventCodecs.SCIM_TOKENS, new ScimTokenEvent.ScimTokenIssued(TENANT, HEX, "admin"));
    roundTrip(
        DirectoryEventCodecs.SCIM_TOKENS, new ScimTokenEvent.ScimTokenRevoked(TENANT, "admin"));
  }
}
