package io.lanyard.directory.application.google;

import io.lanyard.directory.domain.google.GoogleSettings;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Optional;

/** Each tenant's Google connection as saved: its settings and its key file, encrypted. */
public interface GoogleConnectionStore {

  /** A stored connection: its settings, the service account, the key file's ciphertext. */
  record StoredConnection(
      String tenantId, GoogleSettings settings, String clientEmail, String keyCiphertext) {}

  Uni<Optional<StoredConnection>> find(String tenantId);

  /** Tenants that sync automatically, for the interval scheduler. */
  Uni<List<StoredConnection>> automatic();
}
