package io.lanyard.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF-SHA256 (RFC 5869): one configured key becomes many independent ones, each bound to what it
 * is for, so a key derived for one tenant's ciphertexts is useless for another tenant or for keyed
 * hashes.
 */
final class Hkdf {

  private static final String HMAC = "HmacSHA256";
  private static final int HASH_BYTES = 32;

  private Hkdf() {}

  static byte[] derive(byte[] inputKey, String salt, String info, int length) {
    return derive(inputKey, salt.getBytes(StandardCharsets.UTF_8), info, length);
  }

  static byte[] derive(byte[] inputKey, byte[] salt, String info, int length) {
    if (length > 255 * HASH_BYTES) {
      throw new IllegalArgumentException("HKDF-SHA256 gives at most 8160 bytes");
    }
    // RFC 5869: no salt is a salt of HashLen zeros.
    byte[] saltBytes = salt.length == 0 ? new byte[HASH_BYTES] : salt;
    byte[] pseudoRandomKey = hmac(saltBytes, inputKey);
    byte[] infoBytes = info.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[length];
    byte[] block = new byte[0];
    for (int i = 0, written = 0; written < length; i++) {
      byte[] input = new byte[block.length + infoBytes.length + 1];
      System.arraycopy(block, 0, input, 0, block.length);
      System.arraycopy(infoBytes, 0, input, block.length, infoBytes.length);
      input[input.length - 1] = (byte) (i + 1);
      block = hmac(pseudoRandomKey, input);
      int n = Math.min(block.length, length - written);
      System.arraycopy(block, 0, out, written, n);
      written += n;
    }
    Arrays.fill(pseudoRandomKey, (byte) 0);
    return out;
  }

  private static byte[] hmac(byte[] key, byte[] input) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(key, HMAC));
      return mac.doFinal(input);
    } catch (GeneralSecurityException e) {
      throw new SecretException("HMAC-SHA256 is not available", e);
    }
  }
}
