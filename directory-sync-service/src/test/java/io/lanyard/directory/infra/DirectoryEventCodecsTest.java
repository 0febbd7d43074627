package io.lanyard.directory.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanyard.directory.domain.DirectoryLink;
import io.lanyard.directory.domain.ScimTokenEvent;
import io.lanyard.directory.domain.google.GoogleConnection;
import io.lanyard.directory.domain.google.GoogleSettings;
import io.lanyard.directory.domain.google.SyncCounts;
import io.lanyard.directory.domain.google.SyncRun;
import io.lanyard.directory.domain.scim.ScimName;
import io.lanyard.eventstore.JsonEventCodec;
import io.lanyard.eventstore.NewEvent;
import java.util.List;
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

  private static <E> String roundTrip(JsonEventCodec<E> codec, E event) {
    NewEvent encoded = codec.encode(event);
    assertEquals(event, codec.decode(encoded.type(), encoded.json()));
    return encoded.json();
  }

  @Test
  void links() {
    String linked =
        roundTrip(
            DirectoryEventCodecs.LINKS,
            new DirectoryLink.Event.DirectoryUserLinked(
                TENANT, USER, DirectoryLink.Source.SCIM, "ext-1"));
    assertTrue(linked.contains("\"source\":\"scim\""), linked);
    // A link that says nothing of SCIM's attributes is written as it always was.
    assertTrue(linked.contains("\"externalIdGiven\":null"), linked);
    assertTrue(linked.contains("\"name\":null"), linked);
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
    assertTrue(scim.contains("\"givenName\":\"Pat\""), scim);
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
