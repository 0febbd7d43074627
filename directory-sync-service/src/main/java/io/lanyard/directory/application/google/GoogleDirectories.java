package io.lanyard.directory.application.google;

import io.lanyard.directory.domain.google.GoogleSettings;

/** Opens a tenant's directory with its settings and its service account's key file. */
public interface GoogleDirectories {

  /**
   * @throws GoogleFailure when the key cannot be read, or when the API root or the key's token
   *     endpoint is not one {@link io.lanyard.directory.domain.google.GoogleEndpoints} allows (a
   *     connection saved before that rule): nothing is called then
   */
  GoogleDirectory open(GoogleSettings settings, String serviceAccountKeyJson);
}
