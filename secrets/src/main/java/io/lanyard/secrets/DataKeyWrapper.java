package io.lanyard.secrets;

/**
 * Wraps data keys for storage under a service's cipher ring (the key-encryption key), per tenant,
 * with the purpose {@value #PURPOSE}: only the service that holds the ring (identity-service)
 * unwraps them. A wrapped key names its ring key, so the ring rotates as for any ciphertext.
 */
public final class DataKeyWrapper {

  public static final String PURPOSE = "data-key";

  private final SecretCipher cipher;

  public DataKeyWrapper(SecretCipher cipher) {
    this.cipher = cipher;
  }

  public String wrap(String tenantId, DataKey key) {
    return cipher.encrypt(tenantId, PURPOSE, key.encoded());
  }

  /**
   * @throws SecretException when it was not wrapped for this tenant, or its ring key is gone
   */
  public DataKey unwrap(String tenantId, String wrapped) {
    return DataKey.decode(cipher.decrypt(tenantId, PURPOSE, wrapped));
  }
}
