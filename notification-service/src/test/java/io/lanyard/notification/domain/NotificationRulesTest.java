package io.lanyard.notification.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanyard.kernel.DomainException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Retries, languages and settings, decided without a framework. */
class NotificationRulesTest {

  @Test
  void retriesDoubleUpToTheLongestWaitThenStop() {
    RetryPolicy retry = new RetryPolicy(5, Duration.ofSeconds(2), Duration.ofSeconds(10));
    assertEquals(Duration.ofSeconds(2), retry.nextAfter(1).orElseThrow());
    assertEquals(Duration.ofSeconds(4), retry.nextAfter(2).orElseThrow());
    assertEquals(Duration.ofSeconds(8), retry.nextAfter(3).orElseThrow());
    assertEquals(Duration.ofSeconds(10), retry.nextAfter(4).orElseThrow());
    assertTrue(retry.nextAfter(5).isEmpty());
  }

  @Test
  void theUsersLanguageIfTranslatedElseEnglish() {
    Set<String> available = Set.of("en", "de");
    assertEquals("de", TemplateLocales.pick("de-CH", available));
    assertEquals("de", TemplateLocales.pick("de_AT", available));
    assertEquals("en", TemplateLocales.pick("fr", available));
    assertEquals("en", TemplateLocales.pick(null, available));
    assertEquals("en", TemplateLocales.pick(" ", available));
  }

  @Test
  void settingsAreCheckedAndAChangeIsRecordedOnlyWhenSomethingChanged() {
    MailSettings wanted =
        new MailSettings(" Acme IT ", Map.of(MailKind.REMINDER, " Your code "), false, null);
    assertEquals("Acme IT", wanted.senderName());
    assertEquals("Your code", wanted.subject(MailKind.REMINDER, "de"));
    assertEquals("Ihr Zugangscode zum Drucken", wanted.subject(MailKind.INVITATION, "de"));
    List<SettingsChanged> changed =
        SettingsChanged.change("acme", MailSettings.DEFAULT, wanted, "admin");
    assertEquals(1, changed.size());
    assertEquals(wanted, SettingsChanged.current(changed));
    assertTrue(SettingsChanged.change("acme", wanted, wanted, "admin").isEmpty());

    assertEquals(
        "invalid_sender_name",
        assertThrows(DomainException.class, () -> new MailSettings("a\nb", Map.of(), true, null))
            .code());
    assertEquals(
        "invalid_portal_url",
        assertThrows(DomainException.class, () -> new MailSettings("IT", Map.of(), true, "ftp://x"))
            .code());
    // Matches the pattern but is no URI: a 400, not the parser's exception (a 500).
    assertEquals(
        "invalid_portal_url",
        assertThrows(
                DomainException.class, () -> new MailSettings("IT", Map.of(), true, "https://a^b"))
            .code());
    assertEquals(
        "invalid_subjects",
        assertThrows(
                DomainException.class,
                () -> new MailSettings("IT", Map.of(MailKind.INVITATION, ""), true, null))
            .code());
  }

  @Test
  void datesInEmailsAreWordsInTheEmailsLanguageInUtc() {
    Instant when = Instant.parse("2027-03-01T08:30:00Z");
    assertEquals("1 March 2027, 08:30 UTC", MailDates.readable(when, "en"));
    assertEquals("1. März 2027, 08:30 UTC", MailDates.readable(when, "de"));
    // an instant given with another offset is still shown in UTC
    assertEquals(
        "31 December 2026, 23:30 UTC",
        MailDates.readable(
            java.time.OffsetDateTime.parse("2027-01-01T01:30:00+02:00").toInstant(), "en"));
  }

  @Test
  void theNewEmailsHaveDefaultSubjectsInBothLanguagesAndMayBeGivenTheTenantsOwn() {
    assertEquals(
        "Your printing access code will be replaced soon",
        MailSettings.DEFAULT.subject(MailKind.ROTATION_NOTICE, "en"));
    assertEquals(
        "Ihr Zugangscode zum Drucken wurde erneuert",
        MailSettings.DEFAULT.subject(MailKind.CODE_ROTATED, "de"));
    MailSettings own =
        new MailSettings("Acme IT", Map.of(MailKind.CODE_ROTATED, "New code"), true, null);
    assertEquals("New code", own.subject(MailKind.CODE_ROTATED, "de"));
    assertEquals(MailKind.ROTATION_NOTICE, MailKind.fromWire("rotation_notice"));
    assertEquals(MailKind.CODE_ROTATED, MailKind.fromWire("code_rotated"));
  }
}
