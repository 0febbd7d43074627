package io.lanyard.directory.infra;

import io.lanyard.contracts.DirectoryEvents;
import io.lanyard.directory.domain.DirectoryLink;
import io.lanyard.directory.domain.ScimTokenEvent;
import io.lanyard.directory.domain.google.GoogleConnection;
import io.lanyard.directory.domain.google.SyncRun;
import io.lanyard.eventstore.JsonEventCodec;

/** Which directory-sync domain record is which public event type. */
public final class DirectoryEventCodecs {

  public static final JsonEventCodec<ScimTokenEvent> SCIM_TOKENS =
      new JsonEventCodec<ScimTokenEvent>()
          .map(DirectoryEvents.SCIM_TOKEN_ISSUED, ScimTokenEvent.ScimTokenIssued.class)
          .map(DirectoryEvents.SCIM_TOKEN_REVOKED, ScimTokenEvent.ScimTokenRevoked.class);

  public static final JsonEventCodec<DirectoryLink.Event> LINKS =
      new JsonEventCodec<DirectoryLink.Event>()
          .map(DirectoryEvents.DIRECTORY_USER_LINKED, DirectoryLink.Event.DirectoryUserLinked.class)
          .map(
              DirectoryEvents.DIRECTORY_USER_UNLINKED,
              DirectoryLink.Event.DirectoryUserUnlinked.class)
          .map(
              DirectoryEvents.DIRECTORY_USER_SYNCED, DirectoryLink.Event.DirectoryUserSynced.class);

  public static final JsonEventCodec<GoogleConnection.Event> GOOGLE_CONNECTIONS =
      new JsonEventCodec<GoogleConnection.Event>()
          .map(
              DirectoryEvents.GOOGLE_CONNECTION_CONFIGURED,
              GoogleConnection.Event.GoogleConnectionConfigured.class)
          .map(
              DirectoryEvents.GOOGLE_CONNECTION_REMOVED,
              GoogleConnection.Event.GoogleConnectionRemoved.class);

  public static final JsonEventCodec<SyncRun.Event> SYNC_RUNS =
      new JsonEventCodec<SyncRun.Event>()
          .map(DirectoryEvents.DIRECTORY_SYNC_STARTED, SyncRun.Event.DirectorySyncStarted.class)
          .map(DirectoryEvents.DIRECTORY_SYNC_COMPLETED, SyncRun.Event.DirectorySyncCompleted.class)
          .map(DirectoryEvents.DIRECTORY_SYNC_FAILED, SyncRun.Event.DirectorySyncFailed.class);

  private DirectoryEventCodecs() {}
}
