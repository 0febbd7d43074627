package io.lanyard.contracts.directory;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.lanyard.contracts.DirectoryEvents;
import io.lanyard.contracts.EventType;
import io.lanyard.contracts.WireValues;
import java.util.UUID;

/**
 * The data of {@code io.lanyard.directory.DirectoryUserSynced.v1}: a Google sync run applied the
 * user as Google listed them; what it saw, as a fingerprint and keyed digests (key: the user id).
 *
 * <p>The public form of the event, as its JSON Schema describes it; the build keeps the two in
 * step.
 */
public record DirectoryUserSyncedV1(
    String tenantId,
    UUID userId,
    Source source,
    String externalId,
    String profileFingerprint,
    boolean suspended,
    String codeDigest,
    String cardDigest) {

  public static final EventType TYPE = DirectoryEvents.DIRECTORY_USER_SYNCED;

  /** source's coded values; {@link WireValues} reads and writes them. */
  public enum Source {
    @JsonProperty("google")
    GOOGLE
  }
}
