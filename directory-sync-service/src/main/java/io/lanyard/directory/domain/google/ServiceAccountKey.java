package io.lanyard.directory.domain.google;

import io.lanyard.kernel.DomainException;
import java.util.regex.Pattern;

/**
 * A Google service account's key file, as the admin downloaded it: what identifies it, where its
 * tokens come from ({@code token_uri}: Google's, or a local fake's where {@link GoogleEndpoints}
 * allows one), and the whole file, which is kept encrypted and never shown again.
 */
public record ServiceAccountKey(String clientEmail, String tokenUri, String json) {

  public static final String DEFAULT_TOKEN_URI = "https://oauth2.googleapis.com/token";

  private static final Pattern URL = Pattern.compile("https?://[^\\s/?#]+(/[^\\s?#]*)?");

  /** A key file Google issues is about 2.4 KB; anything far larger is not one. */
  public static final int MAX_JSON = 16 * 1024;

  private static final int MAX_EMAIL = 254;
  private static final int MAX_URL = 2048;

  public ServiceAccountKey {
    if (json == null || json.isBlank()) {
      throw DomainException.invalidField("serviceAccountKey", "is the key file's JSON");
    }
    if (json.length() > MAX_JSON) {
      throw DomainException.invalidField(
          "serviceAccountKey", "is larger than " + MAX_JSON + " characters: not a key file");
    }
  }

  /** Checks the fields of a key file as the Google client will read them. */
  public static ServiceAccountKey of(
      String type, String clientEmail, String privateKey, String tokenUri, String json) {
    if (!"service_account".equals(type)) {
      throw DomainException.invalidField(
          "serviceAccountKey", "is a service account's key file (\"type\":\"service_account\")");
    }
    if (clientEmail == null || !clientEmail.contains("@")) {
      throw DomainException.invalidField("serviceAccountKey", "has no client_email");
    }
    if (clientEmail.length() > MAX_EMAIL || GoogleSettings.hasControlCharacter(clientEmail)) {
      throw DomainException.invalidField(
          "serviceAccountKey",
          "has a client_email of more than "
              + MAX_EMAIL
              + " characters or with control characters");
    }
    if (privateKey == null || !privateKey.contains("PRIVATE KEY")) {
      throw DomainException.invalidField("serviceAccountKey", "has no private_key");
    }
    String uri = tokenUri == null || tokenUri.isBlank() ? DEFAULT_TOKEN_URI : tokenUri;
    if (uri.length() > MAX_URL
        || GoogleSettings.hasControlCharacter(uri)
        || !URL.matcher(uri).matches()) {
      throw DomainException.invalid(
          "invalid_token_uri", "serviceAccountKey.token_uri: is an http(s) URL");
    }
    return new ServiceAccountKey(clientEmail, uri, json);
  }
}
