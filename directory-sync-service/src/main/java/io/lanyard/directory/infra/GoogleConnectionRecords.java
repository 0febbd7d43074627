package io.lanyard.directory.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lanyard.directory.domain.google.GoogleConnection;
import io.lanyard.directory.domain.google.GoogleSettings;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** Each tenant's Google connection as the API shows it, and its key for the runs (encrypted). */
@ApplicationScoped
public class GoogleConnectionRecords {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A stored connection: its settings, the service account, the key file's ciphertext. */
  public record StoredConnection(
      String tenantId, GoogleSettings settings, String clientEmail, String keyCiphertext) {}

  private final Pool pool;

  GoogleConnectionRecords(Pool pool) {
    this.pool = pool;
  }

  public Uni<Void> apply(SqlClient tx, GoogleConnection.Event event) {
    if (event instanceof GoogleConnection.Event.GoogleConnectionConfigured configured) {
      ObjectNode settings = JSON.valueToTree(configured);
      settings.remove(List.of("keyCiphertext", "tenantId", "configuredBy"));
      return tx.preparedQuery(
              "INSERT INTO google_connections (tenant_id, settings, client_email, key_ciphertext,"
                  + " configured_at) VALUES ($1, $2, $3, $4, now()) ON CONFLICT (tenant_id) DO"
                  + " UPDATE SET settings = excluded.settings, client_email ="
                  + " excluded.client_email, key_ciphertext = excluded.key_ciphertext,"
                  + " configured_at = excluded.configured_at")
          .execute(
              Tuple.of(
                  configured.tenantId(),
                  new JsonObject(settings.toString()),
                  configured.clientEmail(),
                  configured.keyCiphertext()))
          .replaceWithVoid();
    }
    var removed = (GoogleConnection.Event.GoogleConnectionRemoved) event;
    return tx.preparedQuery("DELETE FROM google_connections WHERE tenant_id = $1")
        .execute(Tuple.of(removed.tenantId()))
        .replaceWithVoid();
  }

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
  public Uni<List<StoredConnection>> automatic() {
    return pool.query(
            "SELECT tenant_id, settings::text AS settings, client_email, key_ciphertext"
                + " FROM google_connections WHERE settings->>'syncMode' = 'automatic'")
        .execute()
        .map(
            rows ->
                java.util.stream.StreamSupport.stream(rows.spliterator(), false)
                    .map(GoogleConnectionRecords::stored)
                    .toList());
  }

  private static StoredConnection stored(io.vertx.mutiny.sqlclient.Row row) {
    try {
      JsonNode settings = JSON.readTree(row.getString("settings"));
      List<String> units = new java.util.ArrayList<>();
      settings.path("orgUnits").forEach(unit -> units.add(unit.asText()));
      return new StoredConnection(
          row.getString("tenant_id"),
          new GoogleSettings(
              text(settings, "customerId"),
              text(settings, "domain"),
              settings.path("adminSubject").asText(),
              settings.path("apiRootUrl").asText(),
              GoogleSettings.SyncMode.fromWire(settings.path("syncMode").asText()),
              settings.path("intervalMinutes").asInt(),
              GoogleSettings.Source.fromWire(settings.path("source").asText()),
              units,
              settings.path("deleteRemovedUsers").asBoolean(),
              settings.path("syncAccessCodes").asBoolean(),
              settings.path("syncCardNumbers").asBoolean()),
          row.getString("client_email"),
          row.getString("key_ciphertext"));
    } catch (java.io.IOException e) {
      throw new IllegalStateException("unreadable settings of " + row.getString("tenant_id"), e);
    }
  }

  private static String text(JsonNode node, String field) {
    return node.path(field).isTextual() ? node.get(field).asText() : null;
  }
}
