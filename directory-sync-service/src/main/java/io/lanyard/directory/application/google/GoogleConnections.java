package io.lanyard.directory.application.google;

import io.lanyard.directory.application.google.GoogleConnectionStore.StoredConnection;
import io.lanyard.directory.domain.google.GoogleConnection;
import io.lanyard.directory.domain.google.GoogleEndpoints;
import io.lanyard.directory.domain.google.GoogleSettings;
import io.lanyard.directory.domain.google.ServiceAccountKey;
import io.lanyard.eventstore.CommandExecutor;
import io.lanyard.eventstore.ConflictRetry;
import io.lanyard.eventstore.JsonEventCodec;
import io.lanyard.eventstore.PgEventStore;
import io.lanyard.secrets.SecretCipher;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * An admin connects the tenant's Google Workspace, changes its settings, or disconnects it; the
 * service account's key file is kept encrypted under the tenant's key and read only by runs.
 */
@ApplicationScoped
public class GoogleConnections {

  /** What the key file's ciphertext protects (part of its per-tenant key). */
  static final String KEY_PURPOSE = "google-service-account-key";

  private final CommandExecutor<GoogleConnection, GoogleConnection.Event> executor;
  private final GoogleConnectionStore records;
  private final SecretCipher cipher;
  private final GoogleEndpoints endpoints;

  GoogleConnections(
      PgEventStore store,
      JsonEventCodec<GoogleConnection.Event> codec,
      CommandExecutor.Projector<GoogleConnection.Event> projector,
      GoogleConnectionStore records,
      SecretCipher cipher,
      GoogleEndpoints endpoints) {
    this.records = records;
    this.cipher = cipher;
    this.endpoints = endpoints;
    this.executor =
        new CommandExecutor<>(
            store,
            codec,
            "google-connection",
            GoogleConnection::fold,
            projector,
            ConflictRetry.defaults());
  }

  /**
   * @param key the key file, or null to keep the one the tenant's connection has
   * @throws io.lanyard.kernel.DomainException {@code invalid_api_root_url} or {@code
   *     invalid_token_uri} for an address that is not Google's (see {@link GoogleEndpoints})
   */
  public Uni<Void> configure(
      String tenantId, GoogleSettings settings, ServiceAccountKey key, String actor) {
    endpoints.apiRootUrl(settings.apiRootUrl());
    if (key != null) {
      endpoints.tokenUri(key.tokenUri());
    }
    String ciphertext = key == null ? null : cipher.encrypt(tenantId, KEY_PURPOSE, key.json());
    return executor.execute(
        "google-connection:" + tenantId,
        tenantId,
        connection ->
            connection.configure(
                tenantId, settings, key == null ? null : key.clientEmail(), ciphertext, actor),
        tx -> Uni.createFrom().voidItem());
  }

  public Uni<Void> disconnect(String tenantId, String actor) {
    return executor.execute(
        "google-connection:" + tenantId,
        tenantId,
        connection -> connection.remove(tenantId, actor),
        tx -> Uni.createFrom().voidItem());
  }

  public Uni<Optional<StoredConnection>> find(String tenantId) {
    return records.find(tenantId);
  }

  /** The key file in clear, for a run that is about to read Google. */
  String keyOf(StoredConnection connection) {
    return cipher.decrypt(connection.tenantId(), KEY_PURPOSE, connection.keyCiphertext());
  }
}
