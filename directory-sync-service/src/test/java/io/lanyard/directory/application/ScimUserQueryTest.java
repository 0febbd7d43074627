package io.lanyard.directory.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanyard.directory.application.ScimUserQuery.Lookup;
import io.lanyard.directory.application.ScimUserStore.IndexedAttribute;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How a SCIM list request becomes a lookup, a filter, a page and trimmed resources. */
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
            active,
            1,
            Instant.parse("2026-01-01T00:00:00Z"),
            Instant.parse("2026-01-02T00:00:00Z")),
        BASE);
  }

  @Test
  void withoutParametersEveryUserIsScannedAndTheFirstHundredShown() {
    ScimUserQuery query = ScimUserQuery.plan(null, null, null, null, null);
    assertNull(query.filter());
    assertEquals(Optional.empty(), query.lookup());
    assertEquals(1, query.startIndex());
    assertEquals(ScimUserQuery.DEFAULT_COUNT, query.count());
  }

  @Test
  void anEqualityOnAnIndexedAttributeIsALookup() {
    assertEquals(
        Optional.of(new Lookup(IndexedAttribute.USER_NAME, "Pat@acme.example")),
        filtered("userName eq \"Pat@acme.example\"").lookup());
    assertEquals(
        Optional.of(new Lookup(IndexedAttribute.USER_NAME, "pat")),
        filtered("USERNAME eq \"pat\"").lookup());
    assertEquals(
        Optional.of(new Lookup(IndexedAttribute.EXTERNAL_ID, "Ext-1")),
        filtered("externalId eq \"Ext-1\"").lookup());
    assertEquals(
        Optional.of(new Lookup(IndexedAttribute.ID, "42")), filtered("id eq \"42\"").lookup());
    assertEquals(
        Optional.of(new Lookup(IndexedAttribute.USER_NAME, "pat")),
        filtered("urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"pat\"").lookup());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "userName co \"pat\"",
        "userName ne \"pat\"",
        "displayName eq \"Pat\"",
        "name.givenName eq \"Pat\"",
        "emails[type eq \"work\"].value eq \"pat@acme.example\"",
        "userName eq \"pat\" and active eq true",
        "not (userName eq \"pat\")",
        "active eq true",
        "userName pr",
        "urn:ietf:params:scim:schemas:extension:papercut:2.0:User:userName eq \"pat\""
      })
  void anyOtherFilterScans(String filter) {
    assertEquals(Optional.empty(), filtered(filter).lookup(), filter);
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
  void theFilterDecidesWhatMatchesAndThePageIsCutFromTheMatches() {
    List<Map<String, Object>> candidates =
        List.of(user("ann", true), user("bob", false), user("cid", true), user("dan", true));
    ScimUserQuery.Page page =
        ScimUserQuery.plan("active eq true", "2", "1", null, null).page(candidates);
    assertEquals(3, page.totalResults());
    assertEquals(2, page.startIndex());
    assertEquals(1, page.resources().size());
    assertEquals("cid", page.resources().get(0).get("userName"));
  }

  @Test
  void aLookupsCandidatesAreStillFiltered() {
    // The userName index is case-insensitive, externalId's is not: the filter has the last word.
    ScimUserQuery query = filtered("externalId eq \"EXT-ann\"");
    assertEquals(0, query.page(List.of(user("ann", true))).totalResults());
  }

  @Test
  void aPageBeyondTheMatchesIsEmptyButCountsThem() {
    ScimUserQuery.Page page =
        ScimUserQuery.plan(null, "5", null, null, null)
            .page(List.of(user("ann", true), user("bob", true)));
    assertEquals(2, page.totalResults());
    assertEquals(List.of(), page.resources());
  }

  @Test
  void eachResourceIsTrimmedToTheAttributesAsked() {
    Map<String, Object> only =
        ScimUserQuery.plan(null, null, null, "userName", null)
            .page(List.of(user("ann", true)))
            .resources()
            .get(0);
    assertEquals("ann", only.get("userName"));
    assertTrue(only.containsKey("id"));
    assertTrue(!only.containsKey("displayName"));
    Map<String, Object> without =
        ScimUserQuery.plan(null, null, null, null, "emails")
            .page(List.of(user("ann", true)))
            .resources()
            .get(0);
    assertTrue(!without.containsKey("emails"));
    assertTrue(without.containsKey("displayName"));
  }
}
