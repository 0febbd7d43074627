package io.lanyard.identity.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lanyard.contracts.WireValues;
import io.lanyard.contracts.identity.UserCreatedV1;
import io.lanyard.eventstore.JsonEventCodec;
import io.lanyard.eventstore.NewEvent;
import io.lanyard.identity.domain.Origin;
import io.lanyard.identity.domain.TenantEvent;
import io.lanyard.identity.domain.UserEvent;
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
          "g-1");

  @Test
  void everyUserEventComesBackAsItWent() {
    List<UserEvent> events =
        List.of(
            CREATED,
            new UserEvent.Updated(
                USER, "acme", "ada", "Ada King", "ada@acme.example", "/Sales", null),
            new UserEvent.Suspended(USER, "acme"),
            new UserEvent.Reactivated(USER, "acme"),
            new UserEvent.Deleted(USER, "acme"));
    events.forEach(event -> assertEquals(event, roundTrip(IdentityEventCodecs.USERS, event)));
  }

  @Test
  void everyTenantEventComesBackAsItWent() {
    List<TenantEvent> events =
        List.of(new TenantEvent.Created("acme", "Acme Corp"), new TenantEvent.Suspended("acme"));
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
