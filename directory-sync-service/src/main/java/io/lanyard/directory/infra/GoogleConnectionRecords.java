package io.lanyard.directory.infra;

import io.lanyard.contracts.EventJson;
import io.lanyard.contracts.WireValues;
import io.lanyard.contracts.directory.GoogleConnectionConfiguredV1;
import io.lanyard.directory.application.google.GoogleConnectionStore;
import io.lanyard.directory.domain.google.GoogleConnection;
import io.lanyard.eventstore.CommandExecutor;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** Each tenant's Google connection as the API shows it, and its key for the runs (encrypted). */
@ApplicationScoped
public class GoogleConnectionRecords
    implements GoogleConnectionStore, CommandExecutor.Projector<GoogleConnection.Event> {

  private final Pool pool;

  GoogleConnectionRecords(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Uni<Void> apply(SqlConnection tx, GoogleConnection.Event event) {
    if (event instanceof GoogleConnection.Event.GoogleConnectionConfigured configured) {
      // The settings are kept as the event's public record has them (its coded values, so a query
      // can select on them), without the key and who configured it.
      JsonObject settings =
          new JsonObject(EventJson.write(DirectoryEventCodecs.configuredV1(configured)));
      settings.remove("keyCiphertext");
      settings.remove("tenantId");
      settings.remove("configuredBy");
      return tx.preparedQuery(
              "INSERT INTO google_connections (tenant_id, settings, client_email, key_ciphertext,"
                  + " configured_at) VALUES ($1, $2, $3, $4, now()) ON CONFLICT (tenant_id) DO"
                  + " UPDATE SET settings = excluded.settings, client_email ="
                  + " excluded.client_email, key_ciphertext = excluded.key_ciphertext,"
                  + " configured_at = excluded.configured_at")
          .execute(
              Tuple.of(
                  configured.tenantId(),
                  settings,
                  configured.clientEmail(),
                  configured.keyCiphertext()))
          .replaceWithVoid();
    }
    var removed = (GoogleConnection.Event.GoogleConnectionRemoved) event;
    return tx.preparedQuery("DELETE FROM google_connections WHERE tenant_id = $1")
        .execute(Tuple.of(removed.tenantId()))
        .replaceWithVoid();
  }

  @Override
  public Uni<Optional<StoredConnection>> find(String tenantId) {
    return pool.preparedQuery(
            "SELECT tenant_id, settings::text AS settings, client_email, key_ciphertext"
                + " FROM google_connections WHERE tenant_id = $1")
        .execute(Tuple.of(tenantId))
        .map(
            rows ->
                rows.size() == 0 ? Optional.empty() : Optional.of(stored(rows.iterator().next())));
  }

  /** Tenants that sync automatically, for the interval scheduler. */
  @Override
  public Uni<List<StoredConnection>> automatic() {
    return pool.preparedQuery(
            "SELECT tenant_id, settings::text AS settings, client_email, key_ciphertext"
                + " FROM google_connections WHERE settings->>'syncMode' = $1")
        .execute(Tuple.of(WireValues.of(GoogleConnectionConfiguredV1.SyncMode.AUTOMATIC)))
        .map(
            rows ->
                java.util.stream.StreamSupport.stream(rows.spliterator(), false)
                    .map(GoogleConnectionRecords::stored)
                    .toList());
  }

  private static StoredConnection stored(io.vertx.mutiny.sqlclient.Row row) {
    GoogleConnectionConfiguredV1 settings =
        EventJson.read(row.getString("settings"), GoogleConnectionConfiguredV1.class);
    return new StoredConnection(
        row.getString("tenant_id"),
        DirectoryEventCodecs.configured(settings).settings(),
        row.getString("client_email"),
        row.getString("key_ciphertext"));
  }
}
