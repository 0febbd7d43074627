package io.lanyard.secrets;

/**
 * Wraps keys for storage under a service's cipher ring (the key-encryption key), per tenant, with a
 * purpose of their own ({@value #PURPOSE} for users' data keys, {@value #TENANT_KEY_PURPOSE} for
 * tenants' keys): only the service that holds the ring (identity-service) unwraps them. A wrapped
 * key names its ring key, so the ring rotates as for any ciphertext.
 */
public final class DataKeyWrapper {

  public static final String PURPOSE = "data-key";
  public static final String TENANT_KEY_PURPOSE = "tenant-key";

  private final SecretCipher cipher;
  private final String purpose;

  /** For users' data keys. */
  public DataKeyWrapper(SecretCipher cipher) {
    this(cipher, PURPOSE);
  }

  private DataKeyWrapper(SecretCipher cipher, String purpose) {
    this.cipher = cipher;
    this.purpose = purpose;
  }

  /** For tenants' keys ({@link TenantKeys}). */
  public static DataKeyWrapper forTenantKeys(SecretCipher cipher) {
    return new DataKeyWrapper(cipher, TENANT_KEY_PURPOSE);
  }

  public String wrap(String tenantId, DataKey key) {
    return cipher.encrypt(tenantId, purpose, key.encoded());
  }

  /**
   * @throws SecretException when it was not wrapped for this tenant, or its ring key is gone
   */
  public DataKey unwrap(String tenantId, String wrapped) {
    return DataKey.decode(cipher.decrypt(tenantId, purpose, wrapped));
  }
}
