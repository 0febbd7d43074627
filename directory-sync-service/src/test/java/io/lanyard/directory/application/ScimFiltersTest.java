package io.lanyard.directory.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.filters.Filter;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SCIM's filter grammar (RFC 7644 §3.4.2.2) as Entra ID and strict clients write it: UnboundID's
 * parser and evaluator within Lanyard's rules.
 */
class ScimFiltersTest {

  static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

  /** As {@link ScimUserDocuments} writes a user, plus what the rules below need. */
  static final Map<String, Object> ADA =
      Map.of(
          "id",
          "2819c223-7f76-453a-919d-413861904646",
          "externalId",
          "Ada-External",
          "userName",
          "Ada@Example.com",
          "displayName",
          "Ada Lovelace",
          "active",
          true,
          "name",
          Map.of("givenName", "Ada", "familyName", "Lovelace"),
          "emails",
          List.of(
              Map.of("type", "work", "value", "ada@example.com", "primary", true),
              Map.of("type", "home", "value", "ada@home.example")),
          "meta",
          Map.of("created", "2026-01-02T03:04:05Z", "lastModified", "2026-06-01T00:00:00Z"),
          ENTERPRISE,
          Map.of("employeeNumber", "701984"));

  static boolean matches(String filter) {
    return ScimFilters.matches(ScimFilters.parse(filter), ADA);
  }

  static ScimException refused(String filter) {
    ScimException refused =
        assertThrows(ScimException.class, () -> ScimFilters.parse(filter), filter);
    assertEquals(400, refused.status(), filter);
    assertEquals("invalidFilter", refused.scimType(), filter);
    return refused;
  }

  @Test
  void everyOperatorParses() throws BadRequestException {
    assertEquals(Filter.eq("userName", "x"), ScimFilters.parse("userName eq \"x\""));
    assertEquals(Filter.ne("userName", "x"), ScimFilters.parse("userName ne \"x\""));
    assertEquals(Filter.co("userName", "x"), ScimFilters.parse("userName co \"x\""));
    assertEquals(Filter.sw("userName", "x"), ScimFilters.parse("userName sw \"x\""));
    assertEquals(Filter.ew("userName", "x"), ScimFilters.parse("userName ew \"x\""));
    assertEquals(Filter.gt("userName", "x"), ScimFilters.parse("userName gt \"x\""));
    assertEquals(Filter.ge("userName", "x"), ScimFilters.parse("userName ge \"x\""));
    assertEquals(Filter.lt("userName", "x"), ScimFilters.parse("userName lt \"x\""));
    assertEquals(Filter.le("userName", "x"), ScimFilters.parse("userName le \"x\""));
    assertEquals(Filter.pr("userName"), ScimFilters.parse("userName pr"));
  }

  @Test
  void operatorsKeywordsNamesAndLiteralsAreCaseInsensitive() {
    assertEquals(
        ScimFilters.parse("userName eq \"x\" and active eq true"),
        ScimFilters.parse("USERNAME EQ \"x\" AND Active Eq TRUE"));
    assertEquals(ScimFilters.parse("title eq null"), ScimFilters.parse("title eq NULL"));
    assertEquals(
        ScimFilters.parse("userName eq \"x\" and active pr"),
        ScimFilters.parse("userName\teq \"x\"\tand active pr"));
  }

  @Test
  void andBindsTighterThanOrAndParenthesesAndNotComeFirst() throws BadRequestException {
    Filter a = Filter.eq("a", "1");
    Filter b = Filter.eq("b", "2");
    Filter c = Filter.eq("c", "3");
    assertEquals(
        Filter.or(a, Filter.and(b, c)),
        ScimFilters.parse("a eq \"1\" or b eq \"2\" and c eq \"3\""));
    assertEquals(
        Filter.and(Filter.or(a, b), c),
        ScimFilters.parse("(a eq \"1\" or b eq \"2\") and c eq \"3\""));
    assertEquals(
        Filter.and(Filter.not(a), b), ScimFilters.parse("not (a eq \"1\") and b eq \"2\""));
    assertEquals(Filter.or(a, b, c), ScimFilters.parse("a eq \"1\" or b eq \"2\" or c eq \"3\""));
  }

  @Test
  void valuesAreStringsNumbersBooleansAndNull() {
    assertEquals(
        "say \"hi\"\\ ü",
        ScimFilters.parse("userName eq \"say \\\"hi\\\"\\\\ \\u00fc\"")
            .getComparisonValue()
            .textValue());
    assertEquals(
        0,
        new BigDecimal("-1.5e3")
            .compareTo(ScimFilters.parse("n gt -1.5e3").getComparisonValue().decimalValue()));
    assertTrue(ScimFilters.parse("active eq false").getComparisonValue().isBoolean());
    assertTrue(ScimFilters.parse("title eq null").getComparisonValue().isNull());
  }

  @Test
  void pathsTakeSchemasAndSubAttributes() throws BadRequestException {
    assertEquals(
        Filter.pr(Path.root(ENTERPRISE).attribute("employeeNumber")),
        ScimFilters.parse(ENTERPRISE + ":employeeNumber pr"));
    assertEquals(Filter.sw("name.givenName", "A"), ScimFilters.parse("name.givenName sw \"A\""));
    // The core schema's URN names the core attributes: dropped, so a lookup sees userName.
    assertEquals(
        Filter.eq("userName", "x"),
        ScimFilters.parse("urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"x\""));
    // A multi-valued attribute compared as a whole compares its values' "value".
    assertEquals(Filter.co("emails.value", "@x"), ScimFilters.parse("emails co \"@x\""));
  }

  @Test
  void valuePathsAsEntraSendsThem() throws BadRequestException {
    Filter work = Filter.eq("type", "work");
    assertEquals(Filter.complex("emails", work), ScimFilters.parse("emails[type eq \"work\"]"));
    assertEquals(
        Filter.complex("emails", Filter.and(work, Filter.eq("value", "a@b"))),
        ScimFilters.parse("emails[type eq \"work\"].value eq \"a@b\""));
    assertEquals(
        Filter.complex("emails", Filter.and(work, Filter.pr("value"))),
        ScimFilters.parse("emails[type eq \"work\"].value pr"));
    // The value path's own filter stays one operand, whatever its operators.
    Filter either = Filter.or(work, Filter.eq("type", "home"));
    assertEquals(
        Filter.or(
            Filter.and(
                Filter.pr("userName"),
                Filter.complex("emails", Filter.and(either, Filter.eq("value", "a]b")))),
            Filter.eq("active", false)),
        ScimFilters.parse(
            "userName pr and emails[type eq \"work\" or type eq \"home\"].value eq \"a]b\""
                + " or active eq FALSE"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        "userName",
        "userName eq",
        "userName equals \"x\"",
        "userName eq x",
        "userName eq \"open",
        "eq \"x\"",
        "(userName eq \"x\"",
        "userName eq \"x\")",
        "userName eq \"x\" and",
        "userName eq \"x\" or or b eq \"y\"",
        "emails[type eq \"work\"",
        "emails[type eq \"work\"].value",
        "not userName eq \"x\"",
        "userName eq \"x\" userName eq \"y\"",
        "user#Name eq \"x\"",
        "userName eq 01",
        "userName eq \"\\q\"",
        "and eq \"x\"",
        "http://x:userName eq \"y\"",
        "userName eq {\"a\":1}",
        "userName eq [1]",
        "(userName pr]",
        "emails[type eq \"work\").value eq \"x\""
      })
  void malformedFiltersAreRefused(String filter) {
    refused(filter);
  }

  @Test
  void theDetailSaysWhatAndWhereInTheFilter() {
    String detail = refused("userName eq x").getMessage();
    assertTrue(detail.contains("position 12") && detail.contains("'x'"), detail);
    assertFalse(detail.contains("[Source"), "Jackson's own location is left out: " + detail);
    assertTrue(refused("userName eq 1e99999999999").getMessage().contains("out of range"));
    assertTrue(refused("emails[type eq \"work\"").getMessage().contains("'[' is not closed"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "userName eq 1e99999999999",
        "userName eq 1e-99999999999",
        "n gt -1E2147483648",
        "userName eq \"a\\u0000b\"",
        "userName eq \"tab\tinside\"",
        "userName eq \"line\\nbreak\"",
        "title gt null",
        "active lt true",
        "active co false",
        "n co 1",
        "n sw 1",
        "n ew 1",
        "emails[type eq \"work\"]. eq \"x\"",
        "urn: eq \"x\"",
        ": eq \"x\"",
        "a.b.c eq \"x\"",
        "\u0663 eq \"x\"",
        "userName eq \"x\" and \u0000",
        "-",
        "1e",
        "userName eq \"\\u12\""
      })
  void outOfRangeAndMeaninglessFiltersAreFilterErrors(String filter) {
    refused(filter);
  }

  @Test
  void nestingStopsAtThirtyTwoLevels() {
    String deepest = "(".repeat(31) + "a pr" + ")".repeat(31);
    assertEquals(Filter.pr(Path.root().attribute("a")), ScimFilters.parse(deepest));
    assertTrue(refused("(" + deepest + ")").getMessage().contains("deeper than 32"));
    refused("(".repeat(1000) + "a eq \"1\"" + ")".repeat(1000));
  }

  @Test
  void veryLongOrDeepFiltersAreFilterErrorsNotStackOverflows() {
    assertTrue(
        refused("userName eq \"" + "x".repeat(5000) + "\"").getMessage().contains("longer than"));
    refused("not (".repeat(40) + "a pr" + ")".repeat(40));
    refused("emails[".repeat(40) + "a pr" + "]".repeat(40));
    refused("(".repeat(100_000));
    // The longest chain the length limit lets through evaluates without trouble.
    String chain = "userName pr" + " and userName pr".repeat(250);
    assertTrue(chain.length() < ScimFilterText.MAX_LENGTH);
    assertTrue(matches(chain));
  }

  @Test
  void anyInputIsParsedOrRefusedAsAFilterErrorNeverSomethingElse() {
    Random random = new Random(18);
    String alphabet = "aeUN:.[]()\"\\ -+0123456789eEqgtlnotrpsw$_{}\t\u0000\u00fc";
    String[] pieces = {
      "userName",
      " eq ",
      " and ",
      " or ",
      "not (",
      ")",
      "[",
      "]",
      "\"x\"",
      "1e999999999999",
      "true",
      "null",
      " pr",
      "emails",
      ".value",
      " gt ",
      "-1.5e3",
      "urn:ietf:params:scim:",
      "].",
      "{\"a\":1}"
    };
    for (int i = 0; i < 20_000; i++) {
      StringBuilder filter = new StringBuilder();
      int length = 1 + random.nextInt(12);
      for (int j = 0; j < length; j++) {
        if (random.nextBoolean()) {
          filter.append(pieces[random.nextInt(pieces.length)]);
        } else {
          filter.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
      }
      String text = filter.toString();
      try {
        ScimFilters.matches(ScimFilters.parse(text), ADA);
      } catch (ScimException refused) {
        assertEquals("invalidFilter", refused.scimType(), text);
      } catch (RuntimeException | StackOverflowError other) {
        throw new AssertionError("filter " + text + " threw " + other, other);
      }
    }
  }

  @Test
  void evaluationFollowsScimsRules() {
    assertTrue(matches("userName eq \"ada@example.com\""), "userName is not case-exact");
    assertFalse(matches("externalId eq \"ada-external\""), "externalId is case-exact");
    assertTrue(matches("externalId eq \"Ada-External\""));
    assertFalse(matches("id sw \"2819C223\""), "id is case-exact");
    assertTrue(matches("userName ne \"bob@example.com\""));
    assertTrue(
        matches("displayName co \"love\" and displayName sw \"ada\" and displayName ew \"ACE\""));
    assertTrue(matches("emails[type eq \"work\"].value eq \"ADA@example.com\""));
    assertFalse(matches("emails[type eq \"home\"].value eq \"ada@example.com\""));
    assertTrue(matches("emails[type eq \"home\" and value ew \"home.example\"]"));
    assertTrue(matches("emails.value eq \"ada@home.example\""), "any of the values");
    assertTrue(matches("emails co \"@home\""));
    assertTrue(
        matches(
            "meta.created gt \"2026-01-01T00:00:00Z\" and meta.lastModified le \"2026-06-01T00:00:00.000Z\""));
    assertFalse(matches("meta.created lt \"2025-12-31T23:59:59Z\""));
    assertTrue(matches("active eq true and not (active eq false)"));
    assertTrue(matches("title eq null and title pr or userName pr"));
    assertFalse(matches("title pr"));
    assertTrue(matches("name.givenName eq \"ada\""));
    assertTrue(matches("NAME.GIVENNAME eq \"ada\""), "attribute names ignore case");
    assertTrue(matches(ENTERPRISE + ":employeeNumber eq \"701984\""));
    assertTrue(matches("urn:ietf:params:scim:schemas:core:2.0:User:userName sw \"ada\""));
  }

  @Test
  void anOrderOnABooleanIsAFilterError() {
    // UnboundID's evaluator refuses it when it meets a boolean value.
    Filter filter = ScimFilters.parse("active gt \"a\"");
    ScimException refused =
        assertThrows(ScimException.class, () -> ScimFilters.matches(filter, ADA));
    assertEquals("invalidFilter", refused.scimType());
  }
}
