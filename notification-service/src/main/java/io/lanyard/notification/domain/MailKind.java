package io.lanyard.notification.domain;

import java.util.Locale;

/** The emails Lanyard sends; each but the rotation notice carries the user's access code. */
public enum MailKind {
  INVITATION("Your printing access code", "Ihr Zugangscode zum Drucken"),
  CODE_CHANGED("Your new printing access code", "Ihr neuer Zugangscode zum Drucken"),
  CODE_REGENERATED(
      "Your printing access code was replaced", "Ihr Zugangscode zum Drucken wurde ersetzt"),
  REMINDER("Your printing access code", "Ihr Zugangscode zum Drucken"),
  /** The tenant's policy will replace the code soon: the date, never the code. */
  ROTATION_NOTICE(
      "Your printing access code will be replaced soon",
      "Ihr Zugangscode zum Drucken wird bald ersetzt"),
  /** The tenant's policy replaced the code: the new one, and why. */
  CODE_ROTATED(
      "Your printing access code was renewed", "Ihr Zugangscode zum Drucken wurde erneuert");

  private final String english;
  private final String german;

  MailKind(String english, String german) {
    this.english = english;
    this.german = german;
  }

  /** The subject when the tenant set none, in the email's language ({@code en} or {@code de}). */
  public String defaultSubject(String language) {
    return "de".equals(language) ? german : english;
  }

  /**
   * Whether the email shows the user's current code. The rotation notice only announces a date: the
   * code it would show is the one about to be replaced, and it need not leave the vault.
   */
  public boolean carriesCode() {
    return this != ROTATION_NOTICE;
  }

  /** The name on the wire and in template names: {@code code_changed}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static MailKind fromWire(String wire) {
    for (MailKind kind : values()) {
      if (kind.wire().equals(wire)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("not an email kind: " + wire);
  }
}
