package io.lanyard.contracts.directory;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.lanyard.contracts.DirectoryEvents;
import io.lanyard.contracts.EventType;
import io.lanyard.contracts.WireValues;
import java.util.List;

/**
 * The data of {@code io.lanyard.directory.GoogleConnectionConfigured.v1}: an admin connected the
 * tenant's Google Workspace or changed its settings (key: google-connection:&lt;tenant&gt;).
 *
 * <p>The public form of the event, as its JSON Schema describes it; the build keeps the two in
 * step.
 */
public record GoogleConnectionConfiguredV1(
    String tenantId,
    String customerId,
    String domain,
    String adminSubject,
    String apiRootUrl,
    SyncMode syncMode,
    int intervalMinutes,
    Source source,
    List<String> orgUnits,
    boolean deleteRemovedUsers,
    boolean syncAccessCodes,
    boolean syncCardNumbers,
    String clientEmail,
    String keyCiphertext,
    String configuredBy) {

  public static final EventType TYPE = DirectoryEvents.GOOGLE_CONNECTION_CONFIGURED;

  /** syncMode's coded values; {@link WireValues} reads and writes them. */
  public enum SyncMode {
    @JsonProperty("automatic")
    AUTOMATIC,
    @JsonProperty("manual")
    MANUAL
  }

  /** source's coded values; {@link WireValues} reads and writes them. */
  public enum Source {
    @JsonProperty("all")
    ALL,
    @JsonProperty("org_units")
    ORG_UNITS
  }
}
