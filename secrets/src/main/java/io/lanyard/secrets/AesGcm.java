package io.lanyard.secrets;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;

/**
 * An AES-GCM cipher per thread: {@code Cipher.getInstance} looks the provider up each time, which
 * took more CPU than the encryption itself when a directory's users were sealed by the thousand.
 * Every use starts with {@code init} (a fresh nonce), which resets what an earlier use left.
 */
final class AesGcm {

  private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(AesGcm::newCipher);

  private AesGcm() {}

  static Cipher cipher() {
    return CIPHERS.get();
  }

  private static Cipher newCipher() {
    try {
      return Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new SecretException("AES-GCM is not available", e);
    }
  }
}
