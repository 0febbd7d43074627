package io.lanyard.directory.domain.google;

import java.util.List;

/**
 * A tenant's connection to its Google Workspace (stream {@code google-connection:<tenant>}): the
 * settings and the service account key, encrypted; only the latest configuration counts.
 */
public record GoogleConnection(GoogleSettings settings, String clientEmail, String keyCiphertext) {

  public static final GoogleConnection NONE = new GoogleConnection(null, null, null);

  /** What happens to a tenant's Google connection. */
  public sealed interface Event {

    record GoogleConnectionConfigured(
        String tenantId,
        String customerId,
        String domain,
        String adminSubject,
        String apiRootUrl,
        GoogleSettings.SyncMode syncMode,
        int intervalMinutes,
        GoogleSettings.Source source,
        List<String> orgUnits,
        boolean deleteRemovedUsers,
        boolean syncAccessCodes,
        boolean syncCardNumbers,
        String clientEmail,
        String keyCiphertext,
        String configuredBy)
        implements Event {

      public GoogleSettings settings() {
        return new GoogleSettings(
            customerId,
            domain,
            adminSubject,
            apiRootUrl,
            syncMode,
            intervalMinutes,
            source,
            orgUnits,
            deleteRemovedUsers,
            syncAccessCodes,
            syncCardNumbers);
      }
    }

    record GoogleConnectionRemoved(String tenantId, String removedBy) implements Event {}
  }

  public boolean connected() {
    return settings != null;
  }

  public static GoogleConnection fold(List<Event> events) {
    GoogleConnection connection = NONE;
    for (Event event : events) {
      connection =
          event instanceof Event.GoogleConnectionConfigured configured
              ? new GoogleConnection(
                  configured.settings(), configured.clientEmail(), configured.keyCiphertext())
              : NONE;
    }
    return connection;
  }

  /**
   * New settings, with a new key or (key null) the one already kept: an admin changing the interval
   * need not upload the key file again.
   */
  public List<Event> configure(
      String tenantId,
      GoogleSettings next,
      String nextClientEmail,
      String nextKeyCiphertext,
      String actor) {
    boolean keepKey = nextKeyCiphertext == null;
    if (keepKey && !connected()) {
      throw io.lanyard.kernel.DomainException.invalidField(
          "serviceAccountKey", "is required to connect (the key file's JSON)");
    }
    return List.of(
        new Event.GoogleConnectionConfigured(
            tenantId,
            next.customerId(),
            next.domain(),
            next.adminSubject(),
            next.apiRootUrl(),
            next.syncMode(),
            next.intervalMinutes(),
            next.source(),
            next.orgUnits(),
            next.deleteRemovedUsers(),
            next.syncAccessCodes(),
            next.syncCardNumbers(),
            keepKey ? clientEmail : nextClientEmail,
            keepKey ? keyCiphertext : nextKeyCiphertext,
            actor));
  }

  public List<Event> remove(String tenantId, String actor) {
    return connected() ? List.of(new Event.GoogleConnectionRemoved(tenantId, actor)) : List.of();
  }
}
