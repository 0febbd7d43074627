package io.lanyard.directory.domain.google;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanyard.directory.domain.google.GoogleSettings.Source;
import io.lanyard.directory.domain.google.GoogleSettings.SyncMode;
import io.lanyard.kernel.DomainException;
import java.util.List;
import org.junit.jupiter.api.Test;

class GoogleSettingsTest {

  private static GoogleSettings settings(
      String customer,
      String domain,
      String admin,
      String root,
      int interval,
      Source source,
      List<String> units) {
    return new GoogleSettings(
        customer,
        domain,
        admin,
        root,
        SyncMode.AUTOMATIC,
        interval,
        source,
        units,
        true,
        true,
        true);
  }

  @Test
  void orgUnitsIncludeTheirChildrenAndNothingElse() {
    GoogleSettings staff =
        settings(
            "my_customer",
            null,
            "admin@example.com",
            null,
            60,
            Source.ORG_UNITS,
            List.of("/Staff"));
    assertTrue(staff.inScope("/Staff"));
    assertTrue(staff.inScope("/Staff/Teachers"));
    assertFalse(staff.inScope("/Staffroom"));
    assertFalse(staff.inScope("/Students"));
    assertFalse(staff.inScope(null), "no org unit is the root, outside /Staff");
    assertTrue(
        settings(
                "my_customer", null, "admin@example.com", null, 60, Source.ALL, List.of("/Ignored"))
            .inScope("/Anything"));
    assertEquals(
        List.of(),
        settings(
                "my_customer", null, "admin@example.com", null, 60, Source.ALL, List.of("/Ignored"))
            .orgUnits());
  }

  @Test
  void defaultsAndNormalForms() {
    GoogleSettings given =
        settings(
            null,
            " Example.COM ",
            " admin@example.com ",
            "http://127.0.0.1:18089",
            5,
            Source.ALL,
            null);
    assertEquals("example.com", given.domain());
    assertEquals("admin@example.com", given.adminSubject());
    assertEquals("http://127.0.0.1:18089/", given.apiRootUrl());
    assertEquals(
        GoogleSettings.DEFAULT_API_ROOT,
        settings("my_customer", null, "a@b.c", "", 60, Source.ALL, null).apiRootUrl());
  }

  @Test
  void badSettingsNameTheirField() {
    assertField("customerId", () -> settings(null, null, "a@b.c", null, 60, Source.ALL, null));
    assertField(
        "customerId", () -> settings("not valid!", null, "a@b.c", null, 60, Source.ALL, null));
    assertField("domain", () -> settings(null, "no_domain", "a@b.c", null, 60, Source.ALL, null));
    assertField(
        "adminSubject", () -> settings("my_customer", null, "admin", null, 60, Source.ALL, null));
    assertField(
        "apiRootUrl",
        () -> settings("my_customer", null, "a@b.c", "ftp://x", 60, Source.ALL, null));
    assertField(
        "intervalMinutes", () -> settings("my_customer", null, "a@b.c", null, 4, Source.ALL, null));
    assertField(
        "intervalMinutes",
        () -> settings("my_customer", null, "a@b.c", null, 1441, Source.ALL, null));
    assertField(
        "orgUnits",
        () -> settings("my_customer", null, "a@b.c", null, 60, Source.ORG_UNITS, List.of()));
    assertField(
        "orgUnits",
        () -> settings("my_customer", null, "a@b.c", null, 60, Source.ORG_UNITS, List.of("Staff")));
    assertField(
        "orgUnits",
        () ->
            settings("my_customer", null, "a@b.c", null, 60, Source.ORG_UNITS, List.of("/Staff/")));
    assertField("syncMode", () -> SyncMode.fromWire("sometimes"));
    assertField("source", () -> Source.fromWire(null));
    assertField(
        "serviceAccountKey",
        () -> ServiceAccountKey.of("user", "x@y", "-----BEGIN PRIVATE KEY-----", null, "{}"));
    assertField(
        "serviceAccountKey",
        () -> ServiceAccountKey.of("service_account", "x@y", "nope", null, "{}"));
    assertEquals(
        ServiceAccountKey.DEFAULT_TOKEN_URI,
        ServiceAccountKey.of("service_account", "x@y", "-----BEGIN PRIVATE KEY-----", null, "{}")
            .tokenUri());
  }

  @Test
  void controlCharactersAndHugeValuesAreRefusedNamingTheField() {
    assertField(
        "customerId",
        () -> settings("my_customer\u0000", null, "a@b.c", null, 60, Source.ALL, null));
    assertField(
        "customerId",
        () -> settings("C".repeat(100_000), null, "a@b.c", null, 60, Source.ALL, null));
    assertField(
        "domain", () -> settings(null, "example.com\n", "a@b.c", null, 60, Source.ALL, null));
    assertField(
        "domain",
        () -> settings(null, "a".repeat(100_000) + ".com", "a@b.c", null, 60, Source.ALL, null));
    assertField(
        "adminSubject",
        () -> settings("my_customer", null, "ad\u0000min@b.c", null, 60, Source.ALL, null));
    assertField(
        "adminSubject",
        () ->
            settings(
                "my_customer", null, "a".repeat(100_000) + "@b.c", null, 60, Source.ALL, null));
    assertField(
        "apiRootUrl",
        () ->
            settings(
                "my_customer",
                null,
                "a@b.c",
                "https://admin.googleapis.com/\r\nX: y",
                60,
                Source.ALL,
                null));
    assertField(
        "apiRootUrl",
        () ->
            settings(
                "my_customer",
                null,
                "a@b.c",
                "https://admin.googleapis.com/" + "a".repeat(100_000),
                60,
                Source.ALL,
                null));
    assertField(
        "orgUnits",
        () ->
            settings(
                "my_customer", null, "a@b.c", null, 60, Source.ORG_UNITS, List.of("/St\u0000aff")));
    assertField(
        "orgUnits",
        () ->
            settings(
                "my_customer",
                null,
                "a@b.c",
                null,
                60,
                Source.ORG_UNITS,
                List.of("/" + "a".repeat(5000))));
    assertField(
        "orgUnits",
        () ->
            settings(
                "my_customer",
                null,
                "a@b.c",
                null,
                60,
                Source.ORG_UNITS,
                java.util.stream.IntStream.range(0, 201).mapToObj(i -> "/U" + i).toList()));
    DomainException tokenUri =
        assertThrows(
            DomainException.class,
            () ->
                ServiceAccountKey.of(
                    "service_account",
                    "x@y",
                    "-----BEGIN PRIVATE KEY-----",
                    "http://x\u0000/",
                    "{}"));
    assertEquals("invalid_token_uri", tokenUri.code());
    assertField(
        "serviceAccountKey",
        () ->
            ServiceAccountKey.of(
                "service_account", "x\n@y", "-----BEGIN PRIVATE KEY-----", null, "{}"));
    assertField(
        "serviceAccountKey",
        () ->
            ServiceAccountKey.of(
                "service_account",
                "x@y",
                "-----BEGIN PRIVATE KEY-----",
                null,
                "{\"pad\":\"" + "x".repeat(ServiceAccountKey.MAX_JSON) + "\"}"));
  }

  private static void assertField(String field, Runnable settings) {
    DomainException refused = assertThrows(DomainException.class, settings::run);
    assertTrue(refused.getMessage().startsWith(field + ":"), refused.getMessage());
  }
}
