package io.lanyard.runtime.events;

import io.lanyard.secrets.KeyRing;
import io.lanyard.secrets.SecretCipher;
import io.lanyard.secrets.SecretHasher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The key ring of {@code lanyard.secrets.*}, and the hasher and cipher over it. */
@ApplicationScoped
public class SecretsBeans {

  @Produces
  @Singleton
  KeyRing keyRing(
      @ConfigProperty(name = "lanyard.secrets.keys") String keys,
      @ConfigProperty(name = "lanyard.secrets.current-key") String current) {
    return KeyRing.parse(keys, current);
  }

  @Produces
  @Singleton
  SecretHasher hasher(KeyRing ring) {
    return new SecretHasher(ring);
  }

  @Produces
  @Singleton
  SecretCipher cipher(KeyRing ring) {
    return new SecretCipher(ring);
  }
}
