package io.lanyard.directory.application.google;

import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Each automatic tenant's Google push channel: its ids, its token's hash, its expiry. */
public interface GoogleChannelStore {

  /** An open channel. */
  record OpenChannel(
      String tenantId, String channelId, String resourceId, String tokenHash, Instant expiresAt) {}

  Uni<Optional<OpenChannel>> find(String tenantId);

  Uni<Void> save(OpenChannel channel);

  Uni<Void> forget(String tenantId);

  /** The tenants that have a channel open. */
  Uni<List<String>> tenants();
}
