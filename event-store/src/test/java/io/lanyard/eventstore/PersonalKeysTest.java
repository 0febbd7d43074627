package io.lanyard.eventstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanyard.contracts.identity.UserPersonal;
import io.lanyard.contracts.identity.UserUpdatedV2;
import io.lanyard.secrets.DataKey;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PersonalKeysTest {

  record Person(String name, String email) {}

  static final String ANN = "0b7c3f7e-5b1a-4c1e-9a55-2f0d5a6b7c8d";
  static final String BOB = "6f1d2e3c-4b5a-4978-8a6b-5c4d3e2f1a0b";
  static final Person ANNS = new Person("Ann Example", "ann@example.com");

  final DataKey annsKey = DataKey.generate();
  final PersonalKeys keys = PersonalKeys.of(Map.of(ANN, annsKey));

  @Test
  void whatIsSealedOpensOnlyForItsUserTenantAndKey() {
    String sealed = keys.seal("acme", ANN, ANNS);
    assertTrue(sealed.startsWith("pd1:"));
    assertFalse(sealed.contains("Ann") || sealed.contains("example"));
    assertEquals(Optional.of(ANNS), keys.open("acme", ANN, sealed, Person.class));

    // Moved to another tenant, or under another user's key: it does not open, loudly.
    assertThrows(IllegalStateException.class, () -> keys.open("other", ANN, sealed, Person.class));
    PersonalKeys wrongKey = PersonalKeys.of(Map.of(ANN, DataKey.generate()));
    assertThrows(
        IllegalStateException.class, () -> wrongKey.open("acme", ANN, sealed, Person.class));
  }

  @Test
  void withoutTheKeyNothingOpensAndNothingIsSealed() {
    String sealed = keys.seal("acme", ANN, ANNS);
    assertEquals(Optional.empty(), PersonalKeys.NONE.open("acme", ANN, sealed, Person.class));
    assertThrows(IllegalStateException.class, () -> keys.seal("acme", BOB, ANNS));
    assertThrows(IllegalStateException.class, () -> keys.open("acme", ANN, "Ann", Person.class));
  }

  @Test
  void theUnsealedFormOfOldEventsOpensWithoutAKey() {
    String unsealed = PersonalKeys.unsealed(ANNS);
    assertTrue(unsealed.startsWith("pd0:"));
    assertEquals(Optional.of(ANNS), PersonalKeys.NONE.open("acme", BOB, unsealed, Person.class));
  }

  @Test
  void anUpcastEventIsResealedUnderItsUsersKeyAndAnErasedUsersUnderNone() {
    String upcast =
        "{\"userId\":\"" + ANN + "\",\"personal\":\"" + PersonalKeys.unsealed(ANNS) + "\"}";
    String annsNow = keys.resealed("acme", ANN, upcast);
    assertFalse(annsNow.contains("pd0:") || annsNow.contains("ann@"), annsNow);
    String personal = annsNow.replaceAll(".*\"personal\":\"([^\"]+)\".*", "$1");
    assertEquals(Optional.of(ANNS), keys.open("acme", ANN, personal, Person.class));
    assertEquals(annsNow, keys.resealed("acme", ANN, annsNow), "sealed data is left as it is");

    String bobsNow = keys.resealed("acme", BOB, upcast.replace(ANN, BOB));
    String bobs = bobsNow.replaceAll(".*\"personal\":\"([^\"]+)\".*", "$1");
    assertTrue(bobs.startsWith("pd1:"), "sealed all the same");
    assertFalse(bobsNow.contains("ann@"));
    assertEquals(
        Optional.empty(), keys.open("acme", BOB, bobs, Person.class), "and nobody holds the key");
  }

  /** A domain's update of a person, as a service would keep it. */
  record Updated(UUID userId, String tenantId, UserPersonal person) {}

  @Test
  void aSealedMappingGetsTheKeysBothWays() {
    JsonEventCodec<Updated> codec =
        new JsonEventCodec<Updated>()
            .mapSealed(
                UserUpdatedV2.TYPE,
                Updated.class,
                UserUpdatedV2.class,
                (e, k) ->
                    new UserUpdatedV2(
                        e.userId(),
                        e.tenantId(),
                        k.seal(e.tenantId(), e.userId().toString(), e.person()),
                        null,
                        null,
                        null,
                        null),
                (c, k) ->
                    new Updated(
                        c.userId(),
                        c.tenantId(),
                        k.open(
                                c.tenantId(),
                                c.userId().toString(),
                                c.personal(),
                                UserPersonal.class)
                            .orElse(UserPersonal.ERASED)));
    UserPersonal person = new UserPersonal("ann", "Ann Example", "ann@example.com", null);
    Updated event = new Updated(UUID.fromString(ANN), "acme", person);
    NewEvent encoded = codec.encode(event, keys);
    assertFalse(encoded.json().contains("ann"), encoded.json());
    assertEquals(event, codec.decode(UserUpdatedV2.TYPE, encoded.json(), keys));
    assertEquals(
        new Updated(event.userId(), "acme", UserPersonal.ERASED),
        codec.decode(UserUpdatedV2.TYPE, encoded.json(), PersonalKeys.NONE));
    assertThrows(IllegalStateException.class, () -> codec.encode(event));
  }
}
