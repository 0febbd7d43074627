package io.lanyard.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed hashes for finding a secret without storing or sending it: HMAC-SHA256 of the normalised
 * value under a key of the tenant's own (derived from the ring's key, so equal codes of two tenants
 * hash apart). Written {@code <key id>:<base64url>}; deterministic, so a lookup computes the hash
 * of what was typed and compares.
 *
 * <p>A tenant with key material of its own ({@link TenantKeys}) hashes under a key derived from
 * both (HKDF-SHA256, the tenant's material as salt): without it the ring finds nothing of theirs.
 *
 * <p>Device logins hash on every request: the derived keys are kept, and each thread reuses its own
 * {@link Mac}, so a hash costs one HMAC and no provider lookup.
 */
public final class SecretHasher {

  private static final String HMAC = "HmacSHA256";
  private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(SecretHasher::newMac);

  private final KeyRing ring;
  private final TenantKeys tenants;
  private final boolean olderKeys;
  private final Map<String, SecretKeySpec> tenantKeys = new ConcurrentHashMap<>();

  public SecretHasher(KeyRing ring) {
    this(ring, TenantKeys.RING_ONLY);
  }

  public SecretHasher(KeyRing ring, TenantKeys tenants) {
    this.ring = ring;
    this.tenants = tenants;
    this.olderKeys = ring.ids().size() > 1;
  }

  /** The tenant was erased: the keys derived for it go from memory too. */
  public void forget(String tenantId) {
    tenantKeys.keySet().removeIf(key -> key.endsWith("|" + tenantId));
  }

  /** The hash under the current key. */
  public String hash(String tenantId, String purpose, String normalisedValue) {
    return hash(ring.currentId(), tenantId, purpose, normalisedValue);
  }

  /** The hash under a given key, to look up values hashed before a rotation. */
  public String hash(String keyId, String tenantId, String purpose, String normalisedValue) {
    return keyId
        + ":"
        + Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(digest(keyId, tenantId, purpose, normalisedValue));
  }

  /** The 32 bytes of the hash under the current key, for lookups that need no text. */
  public byte[] digest(String tenantId, String purpose, String normalisedValue) {
    return digest(ring.currentId(), tenantId, purpose, normalisedValue);
  }

  /**
   * The digest under every key on the ring, the current key's first: values hashed before a key
   * rotation are found until they are hashed again under the new key.
   */
  public List<byte[]> digestsUnderEveryKey(
      String tenantId, String purpose, String normalisedValue) {
    return ring.ids().stream().map(id -> digest(id, tenantId, purpose, normalisedValue)).toList();
  }

  /** Whether the ring holds keys besides the current one (a rotation under way). */
  public boolean hasOlderKeys() {
    return olderKeys;
  }

  private byte[] digest(String keyId, String tenantId, String purpose, String normalisedValue) {
    SecretKeySpec tenantKey = tenantKeys.get(keyId + "|" + purpose + "|" + tenantId);
    if (tenantKey == null) {
      tenantKey = derive(keyId, tenantId, purpose);
      tenantKeys.put(keyId + "|" + purpose + "|" + tenantId, tenantKey);
    }
    return mac(tenantKey, normalisedValue);
  }

  private SecretKeySpec derive(String keyId, String tenantId, String purpose) {
    String context = "lanyard:" + purpose + ":" + tenantId;
    return tenants
        .keyOf(tenantId)
        .map(
            tenantKey ->
                new SecretKeySpec(
                    Hkdf.derive(ring.material(keyId), tenantKey.material(), "hash:" + context, 32),
                    HMAC))
        .orElseGet(() -> new SecretKeySpec(mac(ring.key(keyId, HMAC), context), HMAC));
  }

  private static byte[] mac(SecretKeySpec key, String input) {
    try {
      Mac mac = MACS.get();
      mac.init(key);
      return mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new SecretException("HMAC-SHA256 cannot use this key", e);
    }
  }

  private static Mac newMac() {
    try {
      return Mac.getInstance(HMAC);
    } catch (GeneralSecurityException e) {
      throw new SecretException("HMAC-SHA256 is not available", e);
    }
  }
}
