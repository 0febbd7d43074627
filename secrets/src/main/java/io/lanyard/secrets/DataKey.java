package io.lanyard.secrets;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * A person's data key (ADR 7): 256 random bits under which their personal data in events is sealed
 * ({@link PersonalSeal}). Destroying the last copy erases what it sealed. Its text shows nothing.
 */
public final class DataKey {

  public static final int BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] material;

  private DataKey(byte[] material) {
    if (material.length != BYTES) {
      throw new SecretException("a data key has " + BYTES + " bytes");
    }
    this.material = material.clone();
  }

  public static DataKey generate() {
    byte[] material = new byte[BYTES];
    RANDOM.nextBytes(material);
    return new DataKey(material);
  }

  /** A key derived from another ({@link TenantSeal}): the bytes are taken as they are. */
  static DataKey of(byte[] material) {
    return new DataKey(material);
  }

  /** A key as {@link #encoded()} wrote it (the key API's answer, a cache). */
  public static DataKey decode(String encoded) {
    try {
      return new DataKey(Base64.getUrlDecoder().decode(encoded));
    } catch (IllegalArgumentException e) {
      throw new SecretException("not a data key");
    }
  }

  public String encoded() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(material);
  }

  byte[] material() {
    return material.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DataKey key && Arrays.equals(material, key.material);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(material);
  }

  @Override
  public String toString() {
    return "DataKey[…]";
  }
}
