package io.lanyard.device;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanyard.credentialrules.SecretPurposes;
import io.lanyard.secrets.KeyRing;
import io.lanyard.secrets.SecretCipher;
import io.lanyard.secrets.SecretException;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** The gateway looks codes up; it holds no key that opens one (issue 18). */
@QuarkusTest
class GatewayKeysTest {

  @Test
  void theGatewaysConfigurationCannotDecryptACode() throws Exception {
    Config config = ConfigProvider.getConfig();
    assertTrue(config.getOptionalValue("lanyard.secrets.cipher.keys", String.class).isEmpty());
    assertTrue(config.getOptionalValue("lanyard.secrets.keys", String.class).isEmpty());
    assertFalse(Arc.container().instance(SecretCipher.class).isAvailable(), "no cipher bean");

    // A code as credential-service seals it, under its own (test) cipher ring...
    String credentialRing =
        Files.readAllLines(
                Path.of("../credential-service/src/main/resources/application.properties"))
            .stream()
            .filter(line -> line.startsWith("%dev,test.lanyard.secrets.cipher.keys="))
            .findFirst()
            .orElseThrow()
            .split("=", 2)[1];
    String currentKey = credentialRing.substring(0, credentialRing.indexOf(':'));
    String sealed =
        new SecretCipher(KeyRing.parse(credentialRing, currentKey))
            .encrypt("acme", SecretPurposes.ACCESS_CODE, "7KQ2MX");
    // ...does not open under the only ring the gateway has.
    KeyRing gatewayRing =
        KeyRing.parse(
            config.getValue("lanyard.secrets.hash.keys", String.class),
            config.getValue("lanyard.secrets.hash.current-key", String.class));
    assertThrows(
        SecretException.class,
        () -> new SecretCipher(gatewayRing).decrypt("acme", SecretPurposes.ACCESS_CODE, sealed));
  }
}
