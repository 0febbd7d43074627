package io.lanyard.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed hashes for finding a secret without storing or sending it: HMAC-SHA256 of the normalised
 * value under a key of the tenant's own (derived from the ring's key, so equal codes of two tenants
 * hash apart). Written {@code <key id>:<base64url>}; deterministic, so a lookup computes the hash
 * of what was typed and compares.
 */
public final class SecretHasher {

  private static final String HMAC = "HmacSHA256";

  private final KeyRing ring;

  public SecretHasher(KeyRing ring) {
    this.ring = ring;
  }

  /** The hash under the current key. */
  public String hash(String tenantId, String purpose, String normalisedValue) {
    return hash(ring.currentId(), tenantId, purpose, normalisedValue);
  }

  /** The hash under a given key, to look up values hashed before a rotation. */
  public String hash(String keyId, String tenantId, String purpose, String normalisedValue) {
    byte[] tenantKey = mac(ring.key(keyId, HMAC), "lanyard:" + purpose + ":" + tenantId);
    byte[] digest = mac(new SecretKeySpec(tenantKey, HMAC), normalisedValue);
    return keyId + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
  }

  private static byte[] mac(SecretKeySpec key, String input) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(key);
      return mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new SecretException("HMAC-SHA256 is not available", e);
    }
  }
}
