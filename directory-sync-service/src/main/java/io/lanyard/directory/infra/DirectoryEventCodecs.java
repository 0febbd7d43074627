package io.lanyard.directory.infra;

import io.lanyard.contracts.DirectoryEvents;
import io.lanyard.directory.domain.DirectoryLink;
import io.lanyard.directory.domain.ScimTokenEvent;
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
              DirectoryLink.Event.DirectoryUserUnlinked.class);

  private DirectoryEventCodecs() {}
}
