package io.lanyard.directory.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.scim2.common.filters.Filter;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Filters answered by PostgreSQL mean what they meant when the SDK's evaluator answered them over
 * every user in memory: for each filter, the users the database finds are exactly those UnboundID's
 * evaluator keeps, over a tenant of users with every attribute present, absent or odd. And the page
 * is cut there: its users are the matching ones in order, with the total of all of them.
 */
@QuarkusTest
class ScimUserSqlFiltersTest {

  private static final String BASE = "https://lanyard.example/scim/v2/tenants/oracle";
  private static final String TENANT = "oracle-" + UUID.randomUUID().toString().substring(0, 8);

  private static boolean seeded;

  @Inject Pool pool;
  @Inject ScimUserStore users;

  @BeforeEach
  void seed() {
    if (seeded) {
      return;
    }
    OffsetDateTime start = OffsetDateTime.parse("2026-01-01T00:00:00Z");
    String[] given = {"Ann", "ann", "Bob", null, "Zoë", "O'Neil", "100%", "a_b"};
    for (int i = 0; i < 40; i++) {
      String first = given[i % given.length];
      boolean externalIdGiven = i % 3 != 0;
      insert(
          UUID.randomUUID(),
          i % 5 == 0 ? "User" + i + "@Acme.example" : "user" + i + "@acme.example",
          i % 4 == 0 ? "Display " + first : "Person " + i,
          (i % 7 == 0 ? "Work" : "work") + i + "@acme.example",
          i % 6 == 0 ? null : (i % 2 == 0 ? "de" : "en-GB"),
          i % 9 == 0 ? null : (externalIdGiven ? "Ext-" + i : "user" + i + "@acme.example"),
          externalIdGiven,
          first,
          i % 2 == 0 ? "Example" : null,
          i % 8 == 0 ? "Dr. " + first + " Example" : null,
          i % 10 != 3,
          start.plus(Duration.ofMinutes(i)));
    }
    seeded = true;
  }

  private void insert(
      UUID id,
      String userName,
      String displayName,
      String email,
      String locale,
      String externalId,
      boolean externalIdGiven,
      String givenName,
      String familyName,
      String formatted,
      boolean active,
      OffsetDateTime created) {
    pool.preparedQuery(
            "INSERT INTO scim_users (user_id, tenant_id, user_name, display_name, email, locale,"
                + " origin, external_id, external_id_given, given_name, family_name,"
                + " name_formatted, active, version, created_at, updated_at)"
                + " VALUES ($1, $2, $3, $4, $5, $6, 'scim', $7, $8, $9, $10, $11, $12, 1, $13, $13)")
        .execute(
            Tuple.from(
                Arrays.asList(
                    id,
                    TENANT,
                    userName,
                    displayName,
                    email,
                    locale,
                    externalId,
                    externalIdGiven,
                    givenName,
                    familyName,
                    formatted,
                    active,
                    created)))
        .await()
        .indefinitely();
  }

  private List<String> found(Filter filter, long offset, int limit) {
    return users.search(pool, TENANT, filter, offset, limit).await().indefinitely().users().stream()
        .map(row -> row.id().toString())
        .toList();
  }

  private List<Map<String, Object>> everyone() {
    return users.search(pool, TENANT, null, 0, 200).await().indefinitely().users().stream()
        .map(row -> ScimUserDocuments.of(row, BASE))
        .toList();
  }

  @Test
  void theDatabaseFindsWhatTheSdksEvaluatorKeeps() {
    List<Map<String, Object>> everyone = everyone();
    assertEquals(40, everyone.size());
    String[] filters = {
      "userName eq \"user5@acme.example\"",
      "USERNAME eq \"USER1@ACME.EXAMPLE\"",
      "userName co \"5@acme\"",
      "userName sw \"user1\"",
      "userName ew \"@ACME.example\"",
      "userName gt \"user3\"",
      "userName le \"user2@acme.example\"",
      "userName ne \"user2@acme.example\"",
      "externalId eq \"Ext-4\"",
      "externalId eq \"ext-4\"",
      "externalId eq \"user3@acme.example\"",
      "externalId pr",
      "not (externalId pr)",
      "externalId eq null",
      "externalId ne null",
      "externalId sw \"Ext-1\"",
      "externalId co \"xt-2\"",
      "id pr",
      "emails[type eq \"work\"].value eq \"WORK7@acme.example\"",
      "emails[type eq \"home\"].value eq \"work7@acme.example\"",
      "emails[type eq \"work\" and value co \"11@\"]",
      "emails[primary eq true].value sw \"work1\"",
      "emails.value ew \"0@acme.example\"",
      "emails co \"k2\"",
      "emails.type eq \"work\"",
      "emails pr",
      "displayName co \"ann\"",
      "displayName eq \"Display Zoë\"",
      "name.givenName eq \"ann\"",
      "name.givenName co \"%\"",
      "name.givenName co \"_\"",
      "name.givenName sw \"O'\"",
      "name.givenName pr",
      "name.familyName eq null",
      "name.formatted ew \"example\"",
      "name[givenName eq \"bob\" or familyName pr]",
      "preferredLanguage eq \"EN-gb\"",
      "preferredLanguage pr",
      "active eq true",
      "active eq false",
      "active ne true",
      "meta.created gt \"2026-01-01T00:20:00Z\"",
      "meta.created le \"2026-01-01T01:20:00+01:00\"",
      "meta.lastModified ge \"2026-01-01T00:39:00Z\"",
      "meta.resourceType eq \"user\"",
      "userName sw \"user\" and (active eq false or name.givenName eq \"bob\")",
      "not (userName co \"1\") and displayName sw \"person\"",
      "userName eq \"nobody\" or externalId eq \"Ext-8\""
    };
    for (String text : filters) {
      Filter filter = ScimFilters.parse(text);
      ScimUserAttribute.check(filter);
      List<String> expected = new ArrayList<>();
      for (Map<String, Object> document : everyone) {
        if (ScimFilters.matches(filter, document)) {
          expected.add((String) document.get("id"));
        }
      }
      assertEquals(expected, found(filter, 0, 200), text);
      assertEquals(
          expected.size(),
          users.search(pool, TENANT, filter, 0, 0).await().indefinitely().total(),
          text);
    }
  }

  @Test
  void thePageIsCutByTheDatabaseInOrder() {
    Filter active = ScimFilters.parse("active eq true");
    List<String> all = found(active, 0, 200);
    assertTrue(all.size() > 10);
    assertEquals(all.subList(5, 10), found(active, 5, 5));
    assertEquals(List.of(), found(active, all.size(), 5));
    assertEquals(
        all.size(), users.search(pool, TENANT, active, 7, 3).await().indefinitely().total());
  }

  @Test
  void aComparisonTheAttributeCannotMakeIsAFilterError() {
    for (String text :
        new String[] {
          "active gt true",
          "meta.created co \"2026\"",
          "meta.created gt \"yesterday\"",
          "userName gt 12",
          "emails.primary sw \"t\""
        }) {
      ScimException refused =
          assertThrows(
              ScimException.class,
              () ->
                  users.search(pool, TENANT, ScimFilters.parse(text), 0, 10).await().indefinitely(),
              text);
      assertEquals("invalidFilter", refused.scimType(), text);
    }
  }
}
