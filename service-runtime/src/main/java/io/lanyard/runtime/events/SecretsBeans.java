package io.lanyard.runtime.events;

import io.lanyard.runtime.personal.TenantKeyCache;
import io.lanyard.secrets.KeyRing;
import io.lanyard.secrets.SecretCipher;
import io.lanyard.secrets.SecretHasher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The two key rings, one per purpose: {@code lanyard.secrets.hash.*} for keyed hashes (lookups) and
 * {@code lanyard.secrets.cipher.*} for ciphertexts (values shown again). A service holds only the
 * ring it uses: Quarkus removes the producer nobody injects, and with it the need for its keys, so
 * device-gateway runs with the hash ring alone and cannot open a code. A service that uses a ring
 * whose keys are not set refuses to start, naming the missing setting. No keys are set outside the
 * {@code dev} and {@code test} profiles.
 *
 * <p>Both derive a tenant's keys from the ring and the tenant's own key ({@link TenantKeyCache},
 * ADR 7), except in identity-service, which holds the tenants' keys and whose ring is its own.
 */
@ApplicationScoped
public class SecretsBeans {

  @Produces
  @Singleton
  SecretHasher hasher(
      @ConfigProperty(name = "lanyard.secrets.hash.keys") String keys,
      @ConfigProperty(name = "lanyard.secrets.hash.current-key") String current,
      Instance<TenantKeyCache> tenantKeys) {
    if (!tenantKeys.isResolvable()) {
      return new SecretHasher(KeyRing.parse(keys, current));
    }
    SecretHasher hasher = new SecretHasher(KeyRing.parse(keys, current), tenantKeys.get());
    tenantKeys.get().onErasure(hasher::forget);
    return hasher;
  }

  @Produces
  @Singleton
  SecretCipher cipher(
      @ConfigProperty(name = "lanyard.secrets.cipher.keys") String keys,
      @ConfigProperty(name = "lanyard.secrets.cipher.current-key") String current,
      Instance<TenantKeyCache> tenantKeys) {
    if (!tenantKeys.isResolvable()) {
      return new SecretCipher(KeyRing.parse(keys, current));
    }
    SecretCipher cipher = new SecretCipher(KeyRing.parse(keys, current), tenantKeys.get());
    tenantKeys.get().onErasure(cipher::forget);
    return cipher;
  }
}
