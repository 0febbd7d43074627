package io.lanyard.credential.application;

import io.lanyard.credential.domain.SealedSecret;
import io.lanyard.secrets.SecretCipher;
import io.lanyard.secrets.SecretHasher;
import jakarta.enterprise.context.ApplicationScoped;

/** Turns a code or card number into what the domain and the events may hold. */
@ApplicationScoped
public class SecretSealer {

  private final SecretHasher hasher;
  private final SecretCipher cipher;

  SecretSealer(SecretHasher hasher, SecretCipher cipher) {
    this.hasher = hasher;
    this.cipher = cipher;
  }

  public SealedSecret seal(String tenantId, String purpose, String normalisedValue) {
    return new SealedSecret(
        hasher.hash(tenantId, purpose, normalisedValue),
        cipher.encrypt(tenantId, purpose, normalisedValue));
  }

  /** The keyed hash alone, to look a typed value up. */
  public String hash(String tenantId, String purpose, String normalisedValue) {
    return hasher.hash(tenantId, purpose, normalisedValue);
  }

  public String open(String tenantId, String purpose, String ciphertext) {
    return cipher.decrypt(tenantId, purpose, ciphertext);
  }
}
