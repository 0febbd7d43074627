package io.lanyard.directory.application.google;

import io.lanyard.directory.domain.google.GoogleSettings;

/** Opens a tenant's directory with its settings and its service account's key file. */
public interface GoogleDirectories {

  GoogleDirectory open(GoogleSettings settings, String serviceAccountKeyJson);
}
