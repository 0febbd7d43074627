package io.lanyard.contracts.directory;

import io.lanyard.contracts.DirectoryEvents;
import io.lanyard.contracts.EventType;

/**
 * The data of {@code io.lanyard.directory.GoogleConnectionRemoved.v1}: an admin disconnected the
 * tenant's Google Workspace (key: google-connection:&lt;tenant&gt;).
 *
 * <p>The public form of the event, as its JSON Schema describes it; the build keeps the two in
 * step.
 */
public record GoogleConnectionRemovedV1(String tenantId, String removedBy) {

  public static final EventType TYPE = DirectoryEvents.GOOGLE_CONNECTION_REMOVED;
}
