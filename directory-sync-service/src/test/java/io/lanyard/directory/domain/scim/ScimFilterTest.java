package io.lanyard.directory.domain.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanyard.directory.domain.scim.ScimFilter.And;
import io.lanyard.directory.domain.scim.ScimFilter.Compare;
import io.lanyard.directory.domain.scim.ScimFilter.Not;
import io.lanyard.directory.domain.scim.ScimFilter.Operator;
import io.lanyard.directory.domain.scim.ScimFilter.Or;
import io.lanyard.directory.domain.scim.ScimFilter.Present;
import io.lanyard.directory.domain.scim.ScimFilter.ValuePath;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SCIM's filter grammar (RFC 7644 §3.4.2.2) as Entra ID and strict clients write it. */
class ScimFilterTest {

  static final AttributePath USER_NAME = new AttributePath(null, "username", null);

  static final Map<String, Object> ADA =
      Map.of(
          "id",
          "2819c223-7f76-453a-919d-413861904646",
          "externalid",
          "Ada-External",
          "username",
          "Ada@Example.com",
          "displayname",
          "Ada Lovelace",
          "active",
          true,
          "name",
          Map.of("givenname", "Ada", "familyname", "Lovelace"),
          "emails",
          List.of(
              Map.of("type", "work", "value", "ada@example.com", "primary", true),
              Map.of("type", "home", "value", "ada@home.example")),
          "meta",
          Map.of("created", "2026-01-02T03:04:05Z", "lastmodified", "2026-06-01T00:00:00Z"),
          "urn:ietf:params:scim:schemas:extension:enterprise:2.0:user",
          Map.of("employeenumber", "701984"));

  static boolean matches(String filter) {
    return ScimFilterEvaluator.matches(ScimFilterParser.parse(filter), ADA);
  }

  @Test
  void everyOperatorParses() {
    for (Operator operator : Operator.values()) {
      assertEquals(
          new Compare(USER_NAME, operator, "x"),
          ScimFilterParser.parse("userName " + operator.name().toLowerCase() + " \"x\""));
    }
    assertEquals(new Present(USER_NAME), ScimFilterParser.parse("userName pr"));
  }

  @Test
  void operatorsKeywordsAndNamesAreCaseInsensitive() {
    assertEquals(
        ScimFilterParser.parse("userName eq \"x\" and active eq true"),
        ScimFilterParser.parse("USERNAME EQ \"x\" AND Active Eq TRUE"));
  }

  @Test
  void andBindsTighterThanOrAndParenthesesAndNotComeFirst() {
    Compare a = new Compare(new AttributePath(null, "a", null), Operator.EQ, "1");
    Compare b = new Compare(new AttributePath(null, "b", null), Operator.EQ, "2");
    Compare c = new Compare(new AttributePath(null, "c", null), Operator.EQ, "3");
    assertEquals(
        new Or(a, new And(b, c)),
        ScimFilterParser.parse("a eq \"1\" or b eq \"2\" and c eq \"3\""));
    assertEquals(
        new And(new Or(a, b), c),
        ScimFilterParser.parse("(a eq \"1\" or b eq \"2\") and c eq \"3\""));
    assertEquals(new And(new Not(a), b), ScimFilterParser.parse("not (a eq \"1\") and b eq \"2\""));
    assertEquals(
        new Or(new Or(a, b), c), ScimFilterParser.parse("a eq \"1\" or b eq \"2\" or c eq \"3\""));
  }

  @Test
  void valuesAreStringsNumbersBooleansAndNull() {
    assertEquals(
        new Compare(USER_NAME, Operator.EQ, "say \"hi\"\\ ü"),
        ScimFilterParser.parse("userName eq \"say \\\"hi\\\"\\\\ \\u00fc\""));
    assertEquals(
        new Compare(new AttributePath(null, "n", null), Operator.GT, new BigDecimal("-1.5e3")),
        ScimFilterParser.parse("n gt -1.5e3"));
    assertEquals(
        new Compare(new AttributePath(null, "active", null), Operator.EQ, false),
        ScimFilterParser.parse("active eq false"));
    assertEquals(
        new Compare(new AttributePath(null, "title", null), Operator.EQ, null),
        ScimFilterParser.parse("title eq null"));
  }

  @Test
  void pathsTakeSchemasAndSubAttributes() {
    assertEquals(
        new Present(
            new AttributePath(
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:user",
                "employeenumber",
                null)),
        ScimFilterParser.parse(
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber pr"));
    assertEquals(
        new Compare(new AttributePath(null, "name", "givenname"), Operator.SW, "A"),
        ScimFilterParser.parse("name.givenName sw \"A\""));
  }

  @Test
  void valuePathsAsEntraSendsThem() {
    AttributePath emails = new AttributePath(null, "emails", null);
    Compare work = new Compare(new AttributePath(null, "type", null), Operator.EQ, "work");
    assertEquals(new ValuePath(emails, work), ScimFilterParser.parse("emails[type eq \"work\"]"));
    assertEquals(
        new ValuePath(
            emails,
            new And(work, new Compare(new AttributePath(null, "value", null), Operator.EQ, "a@b"))),
        ScimFilterParser.parse("emails[type eq \"work\"].value eq \"a@b\""));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
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
        "http://x:userName eq \"y\""
      })
  void malformedFiltersAreRefused(String filter) {
    assertThrows(ScimFilterException.class, () -> ScimFilterParser.parse(filter), filter);
  }

  @Test
  void deepNestingIsRefusedRatherThanOverflowingTheStack() {
    String deep = "(".repeat(1000) + "a eq \"1\"" + ")".repeat(1000);
    assertThrows(ScimFilterException.class, () -> ScimFilterParser.parse(deep));
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
    assertThrows(ScimFilterException.class, () -> ScimFilterParser.parse(filter), filter);
  }

  @Test
  void veryLongOrDeepFiltersAreFilterErrorsNotStackOverflows() {
    assertThrows(
        ScimFilterException.class,
        () -> ScimFilterParser.parse("userName eq \"" + "x".repeat(5000) + "\""));
    assertThrows(
        ScimFilterException.class,
        () -> ScimFilterParser.parse("not (".repeat(40) + "a pr" + ")".repeat(40)));
    assertThrows(
        ScimFilterException.class,
        () -> ScimFilterParser.parse("emails[".repeat(40) + "a pr" + "]".repeat(40)));
    assertThrows(ScimFilterException.class, () -> ScimFilterParser.parse("(".repeat(100_000)));
    // The longest chain the length limit lets through evaluates without trouble.
    String chain = "userName pr" + " and userName pr".repeat(250);
    assertTrue(chain.length() < 4096);
    assertTrue(matches(chain));
  }

  @Test
  void anyInputIsParsedOrRefusedAsAFilterErrorNeverSomethingElse() {
    java.util.Random random = new java.util.Random(18);
    String alphabet = "aeUN:.[]()\"\\ -+0123456789eEqgtlnotrpsw$_\u0000\u00fc";
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
      "urn:ietf:params:scim:"
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
        ScimFilterEvaluator.matches(ScimFilterParser.parse(text), ADA);
      } catch (ScimFilterException refused) {
        // what a malformed filter gets: 400 invalidFilter
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
    assertTrue(
        matches(
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"701984\""));
    assertTrue(matches("urn:ietf:params:scim:schemas:core:2.0:User:userName sw \"ada\""));
  }
}
