package io.lanyard.credential.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lanyard.credential.domain.CardSource;
import io.lanyard.credential.domain.CodeAlphabet;
import io.lanyard.credential.domain.CodeCause;
import io.lanyard.credential.domain.CodeReason;
import io.lanyard.credential.domain.CodeWindow;
import io.lanyard.credential.domain.CredentialEvent;
import io.lanyard.credential.domain.PolicyEvent;
import io.lanyard.credential.domain.RevokeReason;
import io.lanyard.credentialrules.StepSpec;
import io.lanyard.eventstore.NewEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The credential events as they are stored and published: every coded value spelled as the schema
 * says, and each event read back as it was written (stored events of before still decode).
 */
class CredentialEventCodecsTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String USER = "3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b";
  static final String CARD = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";

  static JsonNode encoded(CredentialEvent event) throws Exception {
    NewEvent written = CredentialEventCodecs.CREDENTIALS.encode(event);
    assertEquals(event, CredentialEventCodecs.CREDENTIALS.decode(written.type(), written.json()));
    return JSON.readTree(written.json());
  }

  @Test
  void everyCodeReasonTravelsAsTheSchemaSpellsIt() throws Exception {
    List<String> spelled = new ArrayList<>();
    for (CodeReason reason : CodeReason.values()) {
      JsonNode json =
          encoded(
              new CredentialEvent.AccessCodeChanged(
                  USER, "acme", "k1:hash", "k1:sealed", reason, false, "directory"));
      spelled.add(json.path("reason").asText());
    }
    assertEquals(
        List.of("initial", "generated", "admin", "directory", "regenerated_after_source_removal"),
        spelled);
  }

  @Test
  void cardsRevocationsAndEmailRequestsKeepTheirShape() throws Exception {
    JsonNode card =
        encoded(
            new CredentialEvent.CardRegistered(
                USER,
                "acme",
                CARD,
                "k1:card",
                "k1:sealed",
                "••••1234",
                null,
                CardSource.DEVICE,
                "device:gw-1"));
    assertEquals("device", card.path("source").asText());
    assertEquals(CARD, card.path("cardId").asText());
    assertEquals(true, card.has("label") && card.get("label").isNull());

    JsonNode revoked =
        encoded(new CredentialEvent.CredentialsRevoked(USER, "acme", RevokeReason.USER_DELETED));
    assertEquals("user_deleted", revoked.path("reason").asText());

    JsonNode emailed =
        encoded(
            new CredentialEvent.AccessCodeEmailRequested(
                USER, "acme", Instant.parse("2024-05-01T10:15:30.123Z")));
    assertEquals("2024-05-01T10:15:30.123Z", emailed.path("requestedAt").asText());

    encoded(new CredentialEvent.CardRemoved(USER, "acme", CARD, "directory"));
    encoded(new CredentialEvent.AccessCodeRevealed(USER, "acme", "admin-1"));
  }

  @Test
  void aPolicyChangeKeepsItsAlphabetAndStepsAsTheApiWroteThem() throws Exception {
    PolicyEvent change =
        new PolicyEvent(
            "acme",
            8,
            CodeAlphabet.DIGITS,
            3,
            List.of(
                new StepSpec("strip_prefix", "00", null, null),
                new StepSpec("keep_last", null, 8, null)),
            "admin-1");
    NewEvent written = CredentialEventCodecs.POLICIES.encode(change);
    assertEquals(change, CredentialEventCodecs.POLICIES.decode(written.type(), written.json()));
    JsonNode json = JSON.readTree(written.json());
    assertEquals("digits", json.path("codeAlphabet").asText());
    assertEquals("strip_prefix", json.path("cardConversion").get(0).path("step").asText());
    assertEquals(8, json.path("cardConversion").get(1).path("count").asInt());
  }

  @Test
  void aCodesWindowAndCauseTravelOnlyWhenThereAndTheNewFactsKeepTheirShape() throws Exception {
    JsonNode plain =
        encoded(
            new CredentialEvent.AccessCodeChanged(
                USER, "acme", "k1:hash", "k1:sealed", CodeReason.ADMIN, false, "admin-1"));
    assertEquals(false, plain.has("validFrom") || plain.has("expiresAt") || plain.has("cause"));

    JsonNode rotated =
        encoded(
            new CredentialEvent.AccessCodeChanged(
                USER,
                "acme",
                "k1:hash",
                "k1:sealed",
                CodeReason.GENERATED,
                true,
                "system",
                new CodeWindow(
                    Instant.parse("2026-12-01T08:00:00Z"), Instant.parse("2026-12-05T18:00:00Z")),
                CodeCause.ROTATION));
    assertEquals("2026-12-01T08:00:00Z", rotated.path("validFrom").asText());
    assertEquals("2026-12-05T18:00:00Z", rotated.path("expiresAt").asText());
    assertEquals("rotation", rotated.path("cause").asText());
    for (CodeCause cause : CodeCause.values()) {
      encoded(
          new CredentialEvent.AccessCodeChanged(
              USER,
              "acme",
              "k1:hash",
              "k1:sealed",
              CodeReason.GENERATED,
              false,
              "system",
              CodeWindow.NONE,
              cause));
    }

    JsonNode cleared =
        encoded(
            new CredentialEvent.AccessCodeExpiryChanged(USER, "acme", CodeWindow.NONE, "admin-1"));
    assertEquals(false, cleared.has("expiresAt"));
    assertEquals("admin-1", cleared.path("changedBy").asText());
    JsonNode expired =
        encoded(
            new CredentialEvent.AccessCodeExpired(
                USER, "acme", "k1:hash", Instant.parse("2026-12-05T18:00:00Z")));
    assertEquals("2026-12-05T18:00:00Z", expired.path("expiredAt").asText());
    JsonNode due =
        encoded(
            new CredentialEvent.AccessCodeRotationDue(
                USER, "acme", Instant.parse("2027-03-01T00:00:00Z")));
    assertEquals("2027-03-01T00:00:00Z", due.path("rotatesAt").asText());
  }

  @Test
  void aPolicyChangeOfBeforeRotationReadsAsNoRotationWithTheDefaultNotice() throws Exception {
    String before =
        "{\"tenantId\":\"acme\",\"codeLength\":6,\"codeAlphabet\":\"alphanumeric\","
            + "\"maxCards\":5,\"cardConversion\":[],\"changedBy\":\"admin-1\"}";
    PolicyEvent read =
        CredentialEventCodecs.POLICIES.decode(
            io.lanyard.contracts.credential.CredentialPolicyChangedV1.TYPE, before);
    assertEquals(null, read.policy().maxCodeAgeDays());
    assertEquals(7, read.policy().rotationNoticeDays());

    PolicyEvent rotating =
        new PolicyEvent("acme", 6, CodeAlphabet.ALPHANUMERIC, 5, List.of(), "admin-1", 90, 0);
    NewEvent written = CredentialEventCodecs.POLICIES.encode(rotating);
    assertEquals(rotating, CredentialEventCodecs.POLICIES.decode(written.type(), written.json()));
    JsonNode json = JSON.readTree(written.json());
    assertEquals(90, json.path("maxCodeAgeDays").asInt());
    assertEquals(0, json.path("rotationNoticeDays").asInt());
    assertEquals(90, rotating.policy().maxCodeAgeDays());
  }
}
