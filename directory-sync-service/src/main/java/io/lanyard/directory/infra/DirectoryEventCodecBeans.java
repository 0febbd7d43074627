package io.lanyard.directory.infra;

import io.lanyard.directory.domain.DirectoryLink;
import io.lanyard.directory.domain.ScimTokenEvent;
import io.lanyard.directory.domain.google.GoogleConnection;
import io.lanyard.directory.domain.google.SyncRun;
import io.lanyard.eventstore.JsonEventCodec;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The codecs as beans: the use cases append through them without knowing the contract records. */
@Singleton
class DirectoryEventCodecBeans {

  @Produces
  JsonEventCodec<ScimTokenEvent> scimTokens() {
    return DirectoryEventCodecs.SCIM_TOKENS;
  }

  @Produces
  JsonEventCodec<DirectoryLink.Event> links() {
    return DirectoryEventCodecs.LINKS;
  }

  @Produces
  JsonEventCodec<GoogleConnection.Event> googleConnections() {
    return DirectoryEventCodecs.GOOGLE_CONNECTIONS;
  }

  @Produces
  JsonEventCodec<SyncRun.Event> syncRuns() {
    return DirectoryEventCodecs.SYNC_RUNS;
  }
}
