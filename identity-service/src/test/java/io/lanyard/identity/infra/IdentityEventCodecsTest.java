package io.lanyard.identity.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lanyard.contracts.WireValues;
import io.lanyard.contracts.identity.UserCreatedV1;
import io.lanyard.contracts.identity.UserCreatedV2;
import io.lanyard.contracts.identity.UserUpdatedV2;
import io.lanyard.eventstore.JsonEventCodec;
import io.lanyard.eventstore.NewEvent;
import io.lanyard.eventstore.PersonalKeys;
import io.lanyard.identity.domain.DeleteReason;
import io.lanyard.identity.domain.GuestWindow;
import io.lanyard.identity.domain.Origin;
import io.lanyard.identity.domain.SuspendReason;
import io.lanyard.identity.domain.TenantEvent;
import io.lanyard.identity.domain.TenantSettings;
import io.lanyard.identity.domain.UserEvent;
import io.lanyard.identity.domain.UserKind;
import io.lanyard.secrets.DataKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The domain events travel as the public records: each comes back as it went, and what is stored
 * keeps the shape events stored before the records existed have, so those still decode.
 */
class IdentityEventCodecsTest {

  static final String USER = "6f1c1b1e-2d3a-4c5b-8e9f-0a1b2c3d4e5f";

  static final UserEvent.Created CREATED =
      new UserEvent.Created(
          USER,
          "acme",
          "Ada",
          "Ada Lovelace",
          "ada@acme.example",
          null,
          "en",
          Origin.GOOGLE,
          "g-1",
          UserKind.PERSON,
          null);

  /** The user's data key, as identity's store would hand it to a command. */
  static final PersonalKeys KEYS = PersonalKeys.of(Map.of(USER, DataKey.generate()));

  static final GuestWindow WINDOW =
      new GuestWindow(
          Instant.parse("2026-12-03T08:00:00Z"), Instant.parse("2026-12-10T18:00:00.123456Z"));

  @Test
  void everyUserEventComesBackAsItWent() {
    List<UserEvent> events =
        List.of(
            CREATED,
            new UserEvent.Created(
                USER,
                "acme",
                "vera",
                "Vera Visitor",
                "vera@acme.example",
                null,
                null,
                Origin.MANUAL,
                null,
                UserKind.GUEST,
                WINDOW),
            new UserEvent.Updated(
                USER, "acme", "ada", "Ada King", "ada@acme.example", "/Sales", null, null),
            new UserEvent.Updated(
                USER, "acme", "vera", "Vera V.", "vera@acme.example", null, null, WINDOW),
            new UserEvent.Suspended(USER, "acme", null),
            new UserEvent.Reactivated(USER, "acme"),
            new UserEvent.Deleted(USER, "acme", null),
            new UserEvent.Erased(USER, "acme", "acme-admin"));
    for (SuspendReason reason : SuspendReason.values()) {
      UserEvent suspended = new UserEvent.Suspended(USER, "acme", reason);
      assertEquals(suspended, roundTrip(IdentityEventCodecs.USERS, suspended));
    }
    for (DeleteReason reason : DeleteReason.values()) {
      UserEvent deleted = new UserEvent.Deleted(USER, "acme", reason);
      assertEquals(deleted, roundTrip(IdentityEventCodecs.USERS, deleted));
    }
    events.forEach(event -> assertEquals(event, roundTrip(IdentityEventCodecs.USERS, event)));
  }

  @Test
  void everyTenantEventComesBackAsItWent() {
    List<TenantEvent> events =
        List.of(
            new TenantEvent.Created("acme", "Acme Corp"),
            new TenantEvent.Suspended("acme"),
            new TenantEvent.SettingsChanged("acme", new TenantSettings(90), "admin-1"));
    events.forEach(event -> assertEquals(event, roundTrip(IdentityEventCodecs.TENANTS, event)));
  }

  @Test
  void aUserCreatedIsStoredWithThePersonSealedAndOpensOnlyWithTheKey() {
    NewEvent encoded = IdentityEventCodecs.USERS.encode(CREATED, KEYS);
    assertEquals(UserCreatedV2.TYPE, encoded.type());
    for (String personal : List.of("Ada", "ada@acme", "Lovelace", "g-1")) {
      assertFalse(encoded.json().contains(personal), personal + " in " + encoded.json());
    }
    assertEquals(
        List.of(), io.lanyard.contracts.EventSchemas.problems(encoded.type(), encoded.json()));
    assertEquals(CREATED, IdentityEventCodecs.USERS.decode(encoded.type(), encoded.json(), KEYS));
    // Erased (no key): everything but the person.
    UserEvent.Created erased =
        (UserEvent.Created)
            IdentityEventCodecs.USERS.decode(encoded.type(), encoded.json(), PersonalKeys.NONE);
    assertEquals(
        new UserEvent.Created(
            USER, "acme", null, null, null, null, "en", Origin.GOOGLE, null, UserKind.PERSON, null),
        erased);
    // Nothing is ever written in clear for want of a key.
    assertThrows(IllegalStateException.class, () -> IdentityEventCodecs.USERS.encode(CREATED));
  }

  /** What was stored before sealing (v1, in clear) still reads, through the upcasters. */
  @Test
  void aUserCreatedOrUpdatedStoredInClearBeforeSealingStillReads() {
    String stored =
        "{\"userId\":\""
            + USER
            + "\",\"tenantId\":\"acme\",\"username\":\"Ada\",\"displayName\":\"Ada Lovelace\","
            + "\"email\":\"ada@acme.example\",\"orgUnit\":null,\"locale\":\"en\","
            + "\"origin\":\"google\",\"externalId\":\"g-1\"}";
    ObjectNode upcast = new IdentityUpcasters.CreatedV1().upcast((ObjectNode) json(stored));
    assertEquals(
        CREATED,
        IdentityEventCodecs.USERS.decode(UserCreatedV2.TYPE, upcast.toString(), PersonalKeys.NONE));

    String updated =
        "{\"userId\":\""
            + USER
            + "\",\"tenantId\":\"acme\",\"username\":\"ada\",\"displayName\":\"Ada King\","
            + "\"email\":\"ada@acme.example\",\"orgUnit\":\"/Sales\",\"locale\":null}";
    assertEquals(
        new UserEvent.Updated(
            USER, "acme", "ada", "Ada King", "ada@acme.example", "/Sales", null, null),
        IdentityEventCodecs.USERS.decode(
            UserUpdatedV2.TYPE,
            new IdentityUpcasters.UpdatedV1().upcast((ObjectNode) json(updated)).toString(),
            PersonalKeys.NONE));
  }

  private static com.fasterxml.jackson.databind.JsonNode json(String text) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aGuestCarriesItsKindAndWindowAndAReasonItsWireValue() {
    UserEvent.Created guest =
        new UserEvent.Created(
            USER,
            "acme",
            "vera",
            "V",
            "vera@acme.example",
            null,
            null,
            Origin.MANUAL,
            null,
            UserKind.GUEST,
            WINDOW);
    String json = IdentityEventCodecs.USERS.encode(guest, KEYS).json();
    assertEquals(true, json.contains("\"kind\":\"guest\""), json);
    assertEquals(true, json.contains("\"validUntil\":\"2026-12-10T18:00:00.123456Z\""), json);
    assertEquals(
        true,
        IdentityEventCodecs.USERS
            .encode(new UserEvent.Suspended(USER, "acme", SuspendReason.GUEST_WINDOW_ENDED))
            .json()
            .contains("\"reason\":\"guest_window_ended\""));
    // Events from before reasons: no reason, as they were stored.
    assertEquals(
        new UserEvent.Deleted(USER, "acme", null),
        IdentityEventCodecs.USERS.decode(
            io.lanyard.contracts.identity.UserDeletedV1.TYPE,
            "{\"userId\":\"" + USER + "\",\"tenantId\":\"acme\"}"));
  }

  @Test
  void anErasureTravelsAsUserErasedWithNoPersonalData() {
    NewEvent encoded =
        IdentityEventCodecs.USERS.encode(new UserEvent.Erased(USER, "acme", "acme-admin"));
    assertEquals(io.lanyard.contracts.identity.UserErasedV1.TYPE, encoded.type());
    assertEquals(
        "{\"userId\":\"" + USER + "\",\"tenantId\":\"acme\",\"erasedBy\":\"acme-admin\"}",
        encoded.json());
    assertEquals(
        List.of(),
        io.lanyard.contracts.EventSchemas.problems(encoded.type(), encoded.json()),
        "valid against its schema");
  }

  /** The read model keeps the domain's wire value; the event the contract's: they must agree. */
  @Test
  void everyOriginTravelsAsTheValueTheReadModelKeeps() {
    for (Origin origin : Origin.values()) {
      UserCreatedV1.Origin published = IdentityEventCodecs.toContract(origin);
      assertEquals(origin.wire(), WireValues.of(published));
      assertEquals(origin, IdentityEventCodecs.toDomain(published));
    }
  }

  private static <E> E roundTrip(JsonEventCodec<E> codec, E event) {
    NewEvent encoded = codec.encode(event, KEYS);
    return codec.decode(encoded.type(), encoded.json(), KEYS);
  }
}
