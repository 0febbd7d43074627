package io.lanyard.notification.domain;

import io.lanyard.kernel.DomainException;
import java.net.URI;
import java.util.EnumMap;
import java.util.Map;

/**
 * A tenant's mail settings: the sender's name, a subject per email (the default where none is set),
 * whether new users get an invitation, and where the invitation's QR code points (null: the
 * service's default portal).
 */
public record MailSettings(
    String senderName,
    Map<MailKind, String> subjects,
    boolean invitationsEnabled,
    String portalUrl) {

  public static final MailSettings DEFAULT = new MailSettings("Lanyard", Map.of(), true, null);

  public MailSettings {
    senderName = senderName == null ? "" : senderName.strip();
    if (senderName.isEmpty()
        || senderName.length() > 100
        || senderName.matches(".*[<>\"\\r\\n].*")) {
      throw DomainException.invalidField(
          "senderName", "1 to 100 characters, without < > \" or line breaks");
    }
    Map<MailKind, String> checked = new EnumMap<>(MailKind.class);
    subjects.forEach(
        (kind, subject) -> {
          String clean = subject == null ? "" : subject.strip();
          if (clean.isEmpty() || clean.length() > 200 || clean.matches(".*[\\r\\n].*")) {
            throw DomainException.invalidField(
                "subjects", kind.wire() + " needs 1 to 200 characters on one line");
          }
          checked.put(kind, clean);
        });
    subjects = Map.copyOf(checked);
    if (portalUrl != null) {
      portalUrl = portalUrl.strip();
      if (!portalUrl.matches("https?://\\S{1,500}") || !isUri(portalUrl)) {
        throw DomainException.invalidField("portalUrl", "an http or https URL");
      }
    }
  }

  private static boolean isUri(String text) {
    try {
      URI.create(text);
      return true;
    } catch (IllegalArgumentException notAUri) {
      return false;
    }
  }

  /**
   * Whether an event may queue this email by itself. With invitations off a new user's invitation
   * waits for an admin to send it (they may want to hand out codes themselves first); the other
   * emails answer something the user or an admin did, and always go.
   */
  public boolean sendsUnasked(MailKind kind) {
    return !canHoldBack(kind) || invitationsEnabled;
  }

  /** Whether any tenant's settings can hold this email back: only an invitation's can. */
  public static boolean canHoldBack(MailKind kind) {
    return kind == MailKind.INVITATION;
  }

  /** The tenant's subject for this email, or the default in the email's language. */
  public String subject(MailKind kind, String language) {
    String chosen = subjects.get(kind);
    return chosen != null ? chosen : kind.defaultSubject(language);
  }
}
