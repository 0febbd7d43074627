package io.lanyard.identity;

import static io.lanyard.identity.IdentityApiTest.admin;
import static io.lanyard.identity.IdentityApiTest.as;
import static io.lanyard.identity.IdentityApiTest.createUser;
import static io.lanyard.identity.IdentityApiTest.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanyard.contracts.identity.UserPersonal;
import io.lanyard.eventstore.PersonalKeys;
import io.lanyard.secrets.DataKey;
import io.lanyard.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 23's re-encryption of history (ADR 7, docs/runbooks/erasure.md): an installation's user
 * events written before sealing (v1, the person in clear) are rewritten as v2 under each user's
 * data key; an erased user's under none; run again, nothing changes.
 */
@QuarkusTest
class ReencryptionTest {

  @Inject Pool pool;

  private List<Row> events(String userId) {
    List<Row> rows = new ArrayList<>();
    pool.preparedQuery(
            "SELECT position, event_type, data::text AS data FROM event_store.events"
                + " WHERE stream_id = $1 ORDER BY position")
        .execute(Tuple.of(userId))
        .await()
        .indefinitely()
        .forEach(rows::add);
    return rows;
  }

  private static io.restassured.response.ValidatableResponse reencrypt(String token) {
    return as(token).post("/ops/v1/events/re-encrypt").then();
  }

  @Test
  void historyInClearIsRewrittenSealedUnderEachUsersKeyAndAnErasedUsersUnderNone() {
    String ada = createUser("acme", unique("renc-ada-"));
    String gone = createUser("acme", unique("renc-gone-"));
    admin("acme").delete("/admin/v1/users/" + gone).then().statusCode(204);
    for (String user : List.of(ada, gone)) {
      DataKeyTest.madeBeforeKeys(pool, "acme", user);
    }
    admin("acme").post("/admin/v1/users/" + gone + "/erasure").then().statusCode(202);
    String adaName = events(ada).get(0).getString("data");
    assertTrue(adaName.contains("renc-ada-"), "in clear, as an old installation has it");
    assertTrue(events(gone).get(0).getString("data").contains("renc-gone-"));

    reencrypt(TestTokens.admin("acme")).statusCode(403);
    long rewritten =
        ((Number) reencrypt(TestTokens.operator()).statusCode(200).extract().path("rewritten"))
            .longValue();
    assertTrue(rewritten >= 2, "at least theirs: " + rewritten);

    for (String user : List.of(ada, gone)) {
      for (Row row : events(user)) {
        String data = row.getString("data").toLowerCase(Locale.ROOT);
        String type = row.getString("event_type");
        assertFalse(type.matches(".*User(Created|Updated)\\.v1"), type);
        assertFalse(data.contains("renc-"), "nothing in clear: " + data);
      }
    }
    // Ada's opens under the key identity serves her, as any v2 event does.
    PersonalKeys keys =
        PersonalKeys.of(Map.of(ada, DataKey.decode(DataKeyTest.keyOf("acme", ada))));
    io.vertx.core.json.JsonObject created =
        new io.vertx.core.json.JsonObject(events(ada).get(0).getString("data"));
    UserPersonal person =
        keys.open("acme", ada, created.getString("personal"), UserPersonal.class).orElseThrow();
    assertTrue(person.username().startsWith("renc-ada-"));
    admin("acme").get("/admin/v1/users/" + ada).then().statusCode(200);

    reencrypt(TestTokens.operator()).statusCode(200).body("rewritten", equalTo(0));
  }
}
