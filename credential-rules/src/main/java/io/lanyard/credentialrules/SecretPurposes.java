package io.lanyard.credentialrules;

/**
 * What a keyed hash or ciphertext protects. The purpose is part of the per-tenant key, so the hash
 * of a code never equals the hash of a card number with the same characters; every service that
 * hashes a code or card must use the same name, or its lookups find nothing.
 */
public final class SecretPurposes {

  public static final String ACCESS_CODE = "access-code";
  public static final String CARD_NUMBER = "card-number";

  /**
   * An address typed at a printer for a reminder: device-gateway hashes it (its stream) and seals
   * it under the tenant's key ({@code TenantSeal}), notification-service opens it.
   */
  public static final String TYPED_ADDRESS = "typed-address";

  private SecretPurposes() {}
}
