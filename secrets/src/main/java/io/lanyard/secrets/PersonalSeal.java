package io.lanyard.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A person's data sealed under their {@link DataKey} (ADR 7): AES-256-GCM, a random 96-bit nonce,
 * the tenant and user as associated data (a sealed value moved to another user or tenant does not
 * open), written {@code pd1:<base64url(nonce|ciphertext|tag)>}. Errors never contain the value.
 */
public final class PersonalSeal {

  public static final String PREFIX = "pd1:";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private PersonalSeal() {}

  public static boolean isSealed(String value) {
    return value != null && value.startsWith(PREFIX);
  }

  public static String seal(DataKey key, String tenantId, String userId, String plaintext) {
    try {
      byte[] nonce = new byte[NONCE_BYTES];
      RANDOM.nextBytes(nonce);
      Cipher cipher = AesGcm.cipher();
      cipher.init(Cipher.ENCRYPT_MODE, spec(key), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(context(tenantId, userId));
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[NONCE_BYTES + sealed.length];
      System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
      System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
      return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new SecretException("AES-GCM encryption failed", e);
    }
  }

  /**
   * @throws SecretException when it is no sealed value, or not this user's under this key
   */
  public static String open(DataKey key, String tenantId, String userId, String sealed) {
    if (!isSealed(sealed)) {
      throw new SecretException("not sealed personal data");
    }
    byte[] in;
    try {
      in = Base64.getUrlDecoder().decode(sealed.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new SecretException("not sealed personal data");
    }
    if (in.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new SecretException("sealed personal data too short");
    }
    try {
      Cipher cipher = AesGcm.cipher();
      cipher.init(
          Cipher.DECRYPT_MODE, spec(key), new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
      cipher.updateAAD(context(tenantId, userId));
      return new String(
          cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
    } catch (AEADBadTagException e) {
      throw new SecretException("the sealed data is not this user's under this key");
    } catch (GeneralSecurityException e) {
      throw new SecretException("AES-GCM decryption failed", e);
    }
  }

  private static SecretKeySpec spec(DataKey key) {
    return new SecretKeySpec(key.material(), "AES");
  }

  private static byte[] context(String tenantId, String userId) {
    return ("lanyard:personal:" + tenantId + ":" + userId).getBytes(StandardCharsets.UTF_8);
  }
}
