package io.lanyard.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Ciphertexts for the few places that must show a secret (the user's email, the admin's reveal):
 * AES-256-GCM with a random 96-bit nonce under a key derived (HKDF-SHA256) from the ring's key for
 * one tenant and purpose, which are also the associated data, so a ciphertext copied to another
 * tenant or field does not decrypt. Written {@code <key id>:<base64url(nonce | ciphertext | tag)>}.
 *
 * <p>A tenant with key material of its own ({@link TenantKeys}) has its AES key derived with that
 * material as HKDF's salt: without it the ring opens nothing of theirs.
 *
 * <p>The ring given here must be a cipher ring, never the ring of a {@link SecretHasher}: a service
 * that only looks values up holds no key that opens them.
 */
public final class SecretCipher {

  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private static final String DERIVATION = "lanyard-cipher-v1";
  private static final String TENANT_DERIVATION = "lanyard-cipher-v2:";

  private final KeyRing ring;
  private final TenantKeys tenants;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, SecretKeySpec> derived = new ConcurrentHashMap<>();

  public SecretCipher(KeyRing ring) {
    this(ring, TenantKeys.RING_ONLY);
  }

  public SecretCipher(KeyRing ring, TenantKeys tenants) {
    this.ring = ring;
    this.tenants = tenants;
  }

  /** The tenant was erased: the keys derived for it go from memory too. */
  public void forget(String tenantId) {
    derived.keySet().removeIf(key -> key.endsWith("|" + tenantId));
  }

  public String encrypt(String tenantId, String purpose, String plaintext) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    String keyId = ring.currentId();
    try {
      Cipher cipher = AesGcm.cipher();
      cipher.init(
          Cipher.ENCRYPT_MODE,
          key(keyId, tenantId, purpose),
          new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(context(tenantId, purpose));
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
      return keyId + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new SecretException("AES-GCM encryption failed", e);
    }
  }

  public String decrypt(String tenantId, String purpose, String ciphertext) {
    int colon = ciphertext == null ? -1 : ciphertext.indexOf(':');
    if (colon < 1) {
      throw new SecretException("not a Lanyard ciphertext");
    }
    String keyId = ciphertext.substring(0, colon);
    byte[] in;
    try {
      in = Base64.getUrlDecoder().decode(ciphertext.substring(colon + 1));
    } catch (IllegalArgumentException e) {
      throw new SecretException("not a Lanyard ciphertext");
    }
    if (in.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new SecretException("ciphertext too short");
    }
    try {
      Cipher cipher = AesGcm.cipher();
      cipher.init(
          Cipher.DECRYPT_MODE,
          key(keyId, tenantId, purpose),
          new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
      cipher.updateAAD(context(tenantId, purpose));
      byte[] plain = cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (AEADBadTagException e) {
      throw new SecretException("the ciphertext does not belong to this tenant and purpose");
    } catch (GeneralSecurityException e) {
      throw new SecretException("AES-GCM decryption failed", e);
    }
  }

  private SecretKeySpec key(String keyId, String tenantId, String purpose) {
    String name = keyId + "|" + purpose + "|" + tenantId;
    SecretKeySpec key = derived.get(name);
    if (key == null) {
      // Not computeIfAbsent: a missing tenant key throws, and must reach the caller as it is.
      byte[] material =
          tenants
              .keyOf(tenantId)
              .map(
                  tenantKey ->
                      Hkdf.derive(
                          ring.material(keyId),
                          tenantKey.material(),
                          TENANT_DERIVATION + purpose + ":" + tenantId,
                          32))
              .orElseGet(
                  () ->
                      Hkdf.derive(ring.material(keyId), DERIVATION, purpose + ":" + tenantId, 32));
      key = new SecretKeySpec(material, "AES");
      derived.put(name, key);
    }
    return key;
  }

  private static byte[] context(String tenantId, String purpose) {
    return ("lanyard:" + purpose + ":" + tenantId).getBytes(StandardCharsets.UTF_8);
  }
}
