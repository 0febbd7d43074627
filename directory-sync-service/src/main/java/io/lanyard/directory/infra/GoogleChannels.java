package io.lanyard.directory.infra;

import io.lanyard.directory.application.google.GoogleChannelStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/** Each automatic tenant's Google push channel: its ids, its token's hash, its expiry. */
@ApplicationScoped
public class GoogleChannels implements GoogleChannelStore {

  private final Pool pool;

  GoogleChannels(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Uni<Optional<OpenChannel>> find(String tenantId) {
    return pool.preparedQuery("SELECT * FROM google_channels WHERE tenant_id = $1")
        .execute(Tuple.of(tenantId))
        .map(
            rows -> {
              if (rows.size() == 0) {
                return Optional.empty();
              }
              var row = rows.iterator().next();
              return Optional.of(
                  new OpenChannel(
                      row.getString("tenant_id"),
                      row.getString("channel_id"),
                      row.getString("resource_id"),
                      row.getString("token_hash"),
                      row.getOffsetDateTime("expires_at").toInstant()));
            });
  }

  @Override
  public Uni<Void> save(OpenChannel channel) {
    return pool.preparedQuery(
            "INSERT INTO google_channels (tenant_id, channel_id, resource_id, token_hash,"
                + " expires_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (tenant_id) DO UPDATE SET"
                + " channel_id = excluded.channel_id, resource_id = excluded.resource_id,"
                + " token_hash = excluded.token_hash, expires_at = excluded.expires_at")
        .execute(
            Tuple.of(
                channel.tenantId(),
                channel.channelId(),
                channel.resourceId(),
                channel.tokenHash(),
                OffsetDateTime.ofInstant(channel.expiresAt(), ZoneOffset.UTC)))
        .replaceWithVoid();
  }

  @Override
  public Uni<Void> forget(String tenantId) {
    return pool.preparedQuery("DELETE FROM google_channels WHERE tenant_id = $1")
        .execute(Tuple.of(tenantId))
        .replaceWithVoid();
  }

  /** Tenants with a channel, whether or not they still sync automatically. */
  @Override
  public Uni<java.util.List<String>> tenants() {
    return pool.query("SELECT tenant_id FROM google_channels")
        .execute()
        .map(
            rows ->
                java.util.stream.StreamSupport.stream(rows.spliterator(), false)
                    .map(row -> row.getString("tenant_id"))
                    .toList());
  }
}
