package io.lanyard.identity.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lanyard.contracts.WireValues;
import io.lanyard.contracts.identity.UserCreatedV1;
import io.lanyard.eventstore.JsonEventCodec;
import io.lanyard.eventstore.NewEvent;
import io.lanyard.identity.domain.DeleteReason;
import io.lanyard.identity.domain.GuestWindow;
import io.lanyard.identity.domain.Origin;
import io.lanyard.identity.domain.SuspendReason;
import io.lanyard.identity.domain.TenantEvent;
import io.lanyard.identity.domain.TenantSettings;
import io.lanyard.identity.domain.UserEvent;
import io.lanyard.identity.domain.UserKind;
import java.time.Instant;
import java.util.List;
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
  void aUserCreatedIsStoredInTheShapeItAlwaysHad() {
    String stored =
        "{\"userId\":\""
            + USER
            + "\",\"tenantId\":\"acme\",\"username\":\"Ada\",\"displayName\":\"Ada Lovelace\","
            + "\"email\":\"ada@acme.example\",\"orgUnit\":null,\"locale\":\"en\","
            + "\"origin\":\"google\",\"externalId\":\"g-1\"}";

    assertEquals(stored, IdentityEventCodecs.USERS.encode(CREATED).json());
    assertEquals(CREATED, IdentityEventCodecs.USERS.decode(UserCreatedV1.TYPE, stored));
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
    String json = IdentityEventCodecs.USERS.encode(guest).json();
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
    NewEvent encoded = codec.encode(event);
    return codec.decode(encoded.type(), encoded.json());
  }
}
