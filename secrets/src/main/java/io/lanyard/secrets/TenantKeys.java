package io.lanyard.secrets;

import java.util.Optional;

/**
 * Each tenant's own key material (ADR 7), mixed into every key a {@link SecretHasher} or {@link
 * SecretCipher} derives for the tenant: the ring's key alone no longer opens or finds the tenant's
 * values, so destroying the tenant's material (its exit) makes its hashes and ciphertexts, on every
 * topic and in every backup, useless to whoever holds the rings.
 *
 * <p>A tenant made before tenant keys existed has none: its keys come from the ring alone, as they
 * always did, so its stored values stay readable.
 */
@FunctionalInterface
public interface TenantKeys {

  /** No tenant has material of its own: the ring's key alone (identity's own ring; unit tests). */
  TenantKeys RING_ONLY = tenantId -> Optional.empty();

  /**
   * The tenant's key (256 random bits, made with the tenant), or empty for a tenant made before
   * tenant keys.
   *
   * @throws TenantKeyUnavailable when this service does not hold the tenant's material (not yet, or
   *     no more: the tenant was erased)
   */
  Optional<DataKey> keyOf(String tenantId);
}
