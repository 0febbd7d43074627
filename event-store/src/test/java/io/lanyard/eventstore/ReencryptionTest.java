package io.lanyard.eventstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lanyard.contracts.EventType;
import io.lanyard.secrets.DataKey;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A store's events written before sealing rewritten in place as their sealed version. */
class ReencryptionTest {

  static final EventType NAMED = EventType.of("test", "Named", 1);
  static final EventType OTHER = EventType.of("test", "Other", 1);

  record Person(String name) {}

  /** Named.v1 {name} → Named.v2 {personal}: the name moves into the unsealed form. */
  static final Upcaster NAMED_V1 =
      new Upcaster() {
        @Override
        public EventType from() {
          return NAMED;
        }

        @Override
        public ObjectNode upcast(ObjectNode data) {
          return PersonalKeys.withFieldsUnsealed(data, "name");
        }
      };

  static TestDatabase db;
  static final Upcasters UPCASTERS = new Upcasters(List.of(NAMED_V1));

  @BeforeAll
  static void database() {
    db = TestDatabase.fresh("reencrypt");
  }

  @AfterAll
  static void close() {
    db.close();
  }

  private static Row row(String stream) {
    return db.pool
        .preparedQuery(
            "SELECT event_type, data::text AS data FROM event_store.events WHERE stream_id = $1")
        .execute(Tuple.of(stream))
        .await()
        .indefinitely()
        .iterator()
        .next();
  }

  @Test
  void oldEventsAreRewrittenSealedPageByPageOnceAndNothingElseIsTouched() {
    PgEventStore store = new PgEventStore(db.pool, UPCASTERS);
    String ann = UUID.randomUUID().toString();
    String erased = UUID.randomUUID().toString();
    String other = UUID.randomUUID().toString();
    for (String[] event : new String[][] {{ann, "Ann Oldtimer"}, {erased, "Eve Gone"}}) {
      store
          .append(
              new StreamId("user", event[0], "acme"),
              0,
              List.of(NewEvent.of(NAMED, "{\"name\":\"" + event[1] + "\"}")))
          .await()
          .indefinitely();
    }
    store
        .append(new StreamId("user", other, "acme"), 0, List.of(NewEvent.of(OTHER, "{\"n\":1}")))
        .await()
        .indefinitely();
    DataKey annsKey = DataKey.generate();
    Reencryption.Sealer sealer =
        Reencryption.personal(
            (tenant, users) -> Uni.createFrom().item(PersonalKeys.of(Map.of(ann, annsKey))));

    Reencryption.Result done =
        new Reencryption(db.pool, UPCASTERS).run(Set.of(NAMED), sealer, 1).await().indefinitely();
    assertEquals(2, done.rewritten());

    Row anns = row(ann);
    assertEquals("io.lanyard.test.Named.v2", anns.getString("event_type"));
    assertFalse(anns.getString("data").contains("Ann"), anns.getString("data"));
    String personal =
        new io.vertx.core.json.JsonObject(anns.getString("data")).getString("personal");
    assertEquals(
        Optional.of(new Person("Ann Oldtimer")),
        PersonalKeys.of(Map.of(ann, annsKey)).open("acme", ann, personal, Person.class));
    assertFalse(row(erased).getString("data").contains("Eve"), "an erased person: under no key");
    assertTrue(row(erased).getString("data").contains("pd1:"));
    assertEquals("{\"n\": 1}", row(other).getString("data"), "another type is not touched");

    assertEquals(
        0,
        new Reencryption(db.pool, UPCASTERS)
            .run(Set.of(NAMED), sealer, 1)
            .await()
            .indefinitely()
            .rewritten(),
        "run again: nothing left");
  }
}
