package io.lanyard.directory.domain.google;

import io.lanyard.kernel.DomainException;
import java.util.regex.Pattern;

/**
 * A Google service account's key file, as the admin downloaded it: what identifies it, where its
 * tokens come from ({@code token_uri}, so a local fake can issue them), and the whole file, which
 * is kept encrypted and never shown again.
 */
public record ServiceAccountKey(String clientEmail, String tokenUri, String json) {

  public static final String DEFAULT_TOKEN_URI = "https://oauth2.googleapis.com/token";

  private static final Pattern URL = Pattern.compile("https?://[^\\s/?#]+(/[^\\s?#]*)?");

  public ServiceAccountKey {
    if (json == null || json.isBlank()) {
      throw DomainException.invalidField("serviceAccountKey", "is the key file's JSON");
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
    if (privateKey == null || !privateKey.contains("PRIVATE KEY")) {
      throw DomainException.invalidField("serviceAccountKey", "has no private_key");
    }
    String uri = tokenUri == null || tokenUri.isBlank() ? DEFAULT_TOKEN_URI : tokenUri;
    if (!URL.matcher(uri).matches()) {
      throw DomainException.invalidField("serviceAccountKey", "has a token_uri that is no URL");
    }
    return new ServiceAccountKey(clientEmail, uri, json);
  }
}
