package io.lanyard.identity.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanyard.eventstore.NewEvent;
import io.lanyard.identity.domain.ImportEvent;
import io.lanyard.identity.domain.ImportMode;
import io.lanyard.identity.domain.ImportResult;
import io.lanyard.identity.domain.ImportStatus;
import io.lanyard.identity.domain.Origin;
import io.lanyard.identity.domain.UserEvent;
import io.lanyard.identity.domain.UserKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An import's events, and an imported user's firstCodeFollows, travel and come back as they went.
 */
class ImportEventCodecsTest {

  static final String IMPORT = "0e1c1b1e-2d3a-4c5b-8e9f-0a1b2c3d4e5f";
  static final String USER = "6f1c1b1e-2d3a-4c5b-8e9f-0a1b2c3d4e5f";

  @Test
  void everyImportEventComesBackAsItWent() {
    List<ImportEvent> events =
        List.of(
            new ImportEvent.Queued(IMPORT, "acme", ImportMode.ALL_OR_NOTHING, 3, "admin-1"),
            new ImportEvent.Queued(IMPORT, "acme", ImportMode.PER_LINE, 1, "admin-1"),
            new ImportEvent.Progressed(
                IMPORT,
                "acme",
                1,
                2,
                5,
                List.of(
                    ImportResult.created(2, USER),
                    ImportResult.refused(3, "duplicate_email"),
                    ImportResult.credentialRefused(4, USER, "code_in_use"))),
            new ImportEvent.Ended(IMPORT, "acme", ImportStatus.COMPLETED, 1, 2, null),
            new ImportEvent.Ended(IMPORT, "acme", ImportStatus.FAILED, 0, 1, "1 line was refused"),
            new ImportEvent.Ended(IMPORT, "acme", ImportStatus.CANCELLED, 0, 0, "cancelled"));
    for (ImportEvent event : events) {
      NewEvent encoded = ImportEventCodecs.IMPORTS.encode(event);
      assertEquals(event, ImportEventCodecs.IMPORTS.decode(encoded.type(), encoded.json()));
    }
    String json = ImportEventCodecs.IMPORTS.encode(events.get(2)).json();
    assertTrue(json.contains("\"outcome\":\"refused\",\"reason\":\"duplicate_email\""), json);
    assertFalse(json.contains("\"userId\":null"), "absent, not null: " + json);
  }

  @Test
  void onlyAnImportedUsersCreationCarriesFirstCodeFollows() {
    UserEvent.Created imported =
        new UserEvent.Created(
            USER,
            "acme",
            "ada",
            "Ada",
            "ada@acme.example",
            null,
            null,
            Origin.MANUAL,
            null,
            UserKind.PERSON,
            null,
            true);
    io.lanyard.eventstore.PersonalKeys keys =
        io.lanyard.eventstore.PersonalKeys.of(
            java.util.Map.of(USER, io.lanyard.secrets.DataKey.generate()));
    String json = IdentityEventCodecs.USERS.encode(imported, keys).json();
    assertTrue(json.contains("\"firstCodeFollows\":true"), json);
    assertEquals(
        imported,
        IdentityEventCodecs.USERS.decode(
            io.lanyard.contracts.identity.UserCreatedV2.TYPE, json, keys));
    assertFalse(
        IdentityEventCodecs.USERS
            .encode(
                new UserEvent.Created(
                    USER,
                    "acme",
                    "ada",
                    "Ada",
                    "ada@acme.example",
                    null,
                    null,
                    Origin.MANUAL,
                    null,
                    UserKind.PERSON,
                    null),
                keys)
            .json()
            .contains("firstCodeFollows"));
  }
}
