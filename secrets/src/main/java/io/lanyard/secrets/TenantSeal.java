package io.lanyard.secrets;

/**
 * A value about nobody in particular sealed under its tenant's key (ADR 7), such as an address
 * typed at a printer, which may be a person's or nobody's: AES-256-GCM under a key derived
 * (HKDF-SHA256) from the tenant's key for one purpose, the tenant and purpose as associated data,
 * written {@code ts1:<base64url(nonce|ciphertext|tag)>}. It opens while the tenant exists; the
 * tenant's erasure destroys what opens it. Errors never contain the value.
 */
public final class TenantSeal {

  public static final String PREFIX = "ts1:";
  private static final String DERIVATION = "lanyard-tenant-seal-v1";

  private TenantSeal() {}

  public static boolean isSealed(String value) {
    return value != null && value.startsWith(PREFIX);
  }

  public static String seal(DataKey tenantKey, String tenantId, String purpose, String plaintext) {
    String sealed =
        PersonalSeal.seal(derived(tenantKey, tenantId, purpose), tenantId, purpose, plaintext);
    return PREFIX + sealed.substring(PersonalSeal.PREFIX.length());
  }

  /**
   * @throws SecretException when it is no sealed value, or not the tenant's for this purpose
   */
  public static String open(DataKey tenantKey, String tenantId, String purpose, String sealed) {
    if (!isSealed(sealed)) {
      throw new SecretException("not a tenant's sealed value");
    }
    return PersonalSeal.open(
        derived(tenantKey, tenantId, purpose),
        tenantId,
        purpose,
        PersonalSeal.PREFIX + sealed.substring(PREFIX.length()));
  }

  private static DataKey derived(DataKey tenantKey, String tenantId, String purpose) {
    return DataKey.of(
        Hkdf.derive(tenantKey.material(), DERIVATION, purpose + ":" + tenantId, DataKey.BYTES));
  }
}
