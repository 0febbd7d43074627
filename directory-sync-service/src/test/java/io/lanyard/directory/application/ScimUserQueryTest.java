package io.lanyard.directory.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanyard.directory.domain.scim.ScimName;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How a SCIM list request becomes a filter, a page and trimmed resources. */
class ScimUserQueryTest {

  private static final String BASE = "https://lanyard.example/scim/v2/tenants/acme";

  private static ScimUserQuery filtered(String filter) {
    return ScimUserQuery.plan(filter, null, null, null, null);
  }

  private static Map<String, Object> user(String userName, boolean active) {
    return ScimUserDocuments.of(
        new ScimUserRow(
            UUID.randomUUID(),
            "acme",
            userName,
            "Display " + userName,
            userName + "@acme.example",
            null,
            "scim",
            "ext-" + userName,
            ScimName.NONE,
            active,
            1,
            Instant.parse("2026-01-01T00:00:00Z"),
            Instant.parse("2026-01-02T00:00:00Z")),
        BASE);
  }

  @Test
  void withoutParametersEveryUserIsAskedForAndTheFirstHundredShown() {
    ScimUserQuery query = ScimUserQuery.plan(null, null, null, null, null);
    assertNull(query.filter());
    assertEquals(1, query.startIndex());
    assertEquals(ScimUserQuery.DEFAULT_COUNT, query.count());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "userName co \"pat\"",
        "userName ne \"pat\"",
        "displayName eq \"Pat\"",
        "name.givenName eq \"Pat\"",
        "name.honorificSuffix sw \"J\"",
        "emails[type eq \"work\"].value eq \"pat@acme.example\"",
        "emails[type eq \"work\" and value co \"@acme\"]",
        "name[givenName eq \"Pat\"]",
        "userName eq \"pat\" and active eq true",
        "not (userName eq \"pat\")",
        "externalId pr",
        "meta.lastModified gt \"2026-01-01T00:00:00Z\"",
        "urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"pat\""
      })
  void filtersOnTheAttributesSchemasListsArePlanned(String filter) {
    assertEquals(filter.isEmpty(), filtered(filter).filter() == null);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "title eq \"Boss\"",
        "phoneNumbers.value eq \"1\"",
        "emails.display co \"x\"",
        "name eq \"Pat\"",
        "meta.version eq \"W/1\"",
        "userName eq \"pat\" or nickName eq \"pat\"",
        "not (x509Certificates pr)",
        "phoneNumbers[type eq \"work\"]",
        "urn:ietf:params:scim:schemas:extension:papercut:2.0:User:accessCode eq \"ABC123\""
      })
  void aFilterOnAnAttributeLanyardDoesNotKeepIsRefusedNamingIt(String filter) {
    ScimException refused = assertThrows(ScimException.class, () -> filtered(filter));
    assertEquals(400, refused.status());
    assertEquals("invalidFilter", refused.scimType());
    assertTrue(refused.getMessage().startsWith("filters on "), refused.getMessage());
  }

  @Test
  void aFilterThatIsNotRfc7644sIsRefusedAsAFilter() {
    ScimException refused = assertThrows(ScimException.class, () -> filtered("userName eq"));
    assertEquals(400, refused.status());
    assertEquals("invalidFilter", refused.scimType());
  }

  @Test
  void startIndexAndCountAreClampedToTheirRange() {
    ScimUserQuery low = ScimUserQuery.plan(null, "0", "-5", null, null);
    assertEquals(1, low.startIndex());
    assertEquals(0, low.count());
    ScimUserQuery high = ScimUserQuery.plan(null, " 7 ", "100000", null, null);
    assertEquals(7, high.startIndex());
    assertEquals(ScimUserQuery.MAX_COUNT, high.count());
    assertEquals(
        ScimUserQuery.DEFAULT_COUNT, ScimUserQuery.plan(null, "", " ", null, null).count());
  }

  @Test
  void aNumberThatIsNoneIsAnInvalidValue() {
    ScimException count =
        assertThrows(ScimException.class, () -> ScimUserQuery.plan(null, null, "many", null, null));
    assertEquals(400, count.status());
    assertEquals("invalidValue", count.scimType());
    assertTrue(count.getMessage().startsWith("count "), count.getMessage());
    ScimException start =
        assertThrows(
            ScimException.class, () -> ScimUserQuery.plan(null, "99999999999", null, null, null));
    assertTrue(start.getMessage().startsWith("startIndex "), start.getMessage());
  }

  @Test
  void anAttributeListThatIsNoneIsAnInvalidValueNamingTheParameter() {
    ScimException refused =
        assertThrows(
            ScimException.class,
            () -> ScimUserQuery.plan(null, null, null, null, "userName,,emails"));
    assertEquals(400, refused.status());
    assertEquals("invalidValue", refused.scimType());
    assertTrue(refused.getMessage().startsWith("excludedAttributes: "), refused.getMessage());
  }

  @Test
  void aPageCarriesTheTotalTheDatabaseCounted() {
    ScimUserQuery.Page page =
        ScimUserQuery.plan("active eq true", "2", "1", null, null)
            .page(3, List.of(user("cid", true)));
    assertEquals(3, page.totalResults());
    assertEquals(2, page.startIndex());
    assertEquals(1, page.resources().size());
    assertEquals(Integer.MAX_VALUE, filtered(null).page(1L << 40, List.of()).totalResults());
  }

  @Test
  void eachResourceIsTrimmedToTheAttributesAsked() {
    Map<String, Object> only =
        ScimUserQuery.plan(null, null, null, "userName", null)
            .page(1, List.of(user("ann", true)))
            .resources()
            .get(0);
    assertEquals("ann", only.get("userName"));
    assertTrue(only.containsKey("id"));
    assertTrue(!only.containsKey("displayName"));
    Map<String, Object> without =
        ScimUserQuery.plan(null, null, null, null, "emails")
            .page(1, List.of(user("ann", true)))
            .resources()
            .get(0);
    assertTrue(!without.containsKey("emails"));
    assertTrue(without.containsKey("displayName"));
  }
}
