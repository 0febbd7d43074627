package io.lanyard.contracts.directory;

import io.lanyard.contracts.DirectoryEvents;
import io.lanyard.contracts.EventType;
import java.util.UUID;

/**
 * The data of {@code io.lanyard.directory.DirectoryUserSynced.v2}: a Google sync run applied the
 * user as Google listed them. The Google id and the profile's fingerprint are {@code personal},
 * sealed under the user's data key ({@link SyncedPersonal}, ADR 7); the rest is {@link
 * DirectoryUserSyncedV1}'s.
 *
 * <p>The public form of the event, as its JSON Schema describes it; the build keeps the two in
 * step.
 */
public record DirectoryUserSyncedV2(
    String tenantId,
    UUID userId,
    DirectoryUserSyncedV1.Source source,
    String personal,
    boolean suspended,
    String codeDigest,
    String cardDigest) {

  public static final EventType TYPE = DirectoryEvents.DIRECTORY_USER_SYNCED_V2;
}
