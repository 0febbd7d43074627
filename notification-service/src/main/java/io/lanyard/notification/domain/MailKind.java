package io.lanyard.notification.domain;

import java.util.Locale;

/** The emails Lanyard sends; each carries the user's access code. */
public enum MailKind {
  INVITATION("Your printing access code", "Ihr Zugangscode zum Drucken"),
  CODE_CHANGED("Your new printing access code", "Ihr neuer Zugangscode zum Drucken"),
  CODE_REGENERATED(
      "Your printing access code was replaced", "Ihr Zugangscode zum Drucken wurde ersetzt"),
  REMINDER("Your printing access code", "Ihr Zugangscode zum Drucken");

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
