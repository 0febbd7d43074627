package io.lanyard.notification.domain;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** A tenant's mail settings as their events record them (stream {@code settings:<tenant>}). */
public record SettingsChanged(
    String tenantId,
    String senderName,
    boolean invitationsEnabled,
    String portalUrl,
    Map<String, String> subjects,
    String changedBy) {

  public MailSettings settings() {
    Map<MailKind, String> bykind = new EnumMap<>(MailKind.class);
    subjects.forEach((kind, subject) -> bykind.put(MailKind.fromWire(kind), subject));
    return new MailSettings(senderName, bykind, invitationsEnabled, portalUrl);
  }

  public static MailSettings current(List<SettingsChanged> events) {
    return events.isEmpty() ? MailSettings.DEFAULT : events.get(events.size() - 1).settings();
  }

  /** The settings wanted, recorded if they differ from those in force. */
  public static List<SettingsChanged> change(
      String tenantId, MailSettings current, MailSettings wanted, String by) {
    if (current.equals(wanted)) {
      return List.of();
    }
    Map<String, String> subjects = new java.util.TreeMap<>();
    wanted.subjects().forEach((kind, subject) -> subjects.put(kind.wire(), subject));
    return List.of(
        new SettingsChanged(
            tenantId,
            wanted.senderName(),
            wanted.invitationsEnabled(),
            wanted.portalUrl(),
            subjects,
            by));
  }
}
