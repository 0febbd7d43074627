package io.lanyard.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PersonalSealTest {

  static final String PERSON = "{\"email\":\"ada@example.com\",\"displayName\":\"Ada Lovelace\"}";

  @Test
  void sealedPersonalDataOpensOnlyWithItsKeyForItsUserAndTenant() {
    DataKey key = DataKey.generate();
    String sealed = PersonalSeal.seal(key, "acme", "u1", PERSON);

    assertTrue(PersonalSeal.isSealed(sealed));
    assertFalse(sealed.toLowerCase().contains("ada"), sealed);
    assertNotEquals(
        sealed, PersonalSeal.seal(key, "acme", "u1", PERSON), "a fresh nonce each time");
    assertEquals(PERSON, PersonalSeal.open(key, "acme", "u1", sealed));

    assertThrows(
        SecretException.class, () -> PersonalSeal.open(DataKey.generate(), "acme", "u1", sealed));
    assertThrows(SecretException.class, () -> PersonalSeal.open(key, "acme", "u2", sealed));
    assertThrows(SecretException.class, () -> PersonalSeal.open(key, "globex", "u1", sealed));
    SecretException notSealed =
        assertThrows(SecretException.class, () -> PersonalSeal.open(key, "acme", "u1", PERSON));
    assertFalse(notSealed.getMessage().contains("ada"), "the error never shows the value");
    assertThrows(
        SecretException.class, () -> PersonalSeal.open(key, "acme", "u1", "pd1:not*base64"));
  }

  /**
   * Each thread reuses one cipher: a refused open in between leaves nothing behind, and threads
   * sealing and opening at once never see each other's state.
   */
  @Test
  void aThreadsCipherServesEverySealAndOpenAfterAnotherFailed() throws Exception {
    java.util.concurrent.ExecutorService threads =
        java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      java.util.List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        done.add(
            threads.submit(
                () -> {
                  for (int i = 0; i < 2_000; i++) {
                    DataKey key = DataKey.generate();
                    String user = "u" + thread + "-" + i;
                    String sealed = PersonalSeal.seal(key, "acme", user, "Ada " + i);
                    assertThrows(
                        SecretException.class,
                        () -> PersonalSeal.open(DataKey.generate(), "acme", user, sealed));
                    assertEquals("Ada " + i, PersonalSeal.open(key, "acme", user, sealed));
                    assertNotEquals(sealed, PersonalSeal.seal(key, "acme", user, "Ada " + i));
                  }
                }));
      }
      for (java.util.concurrent.Future<?> thread : done) {
        thread.get();
      }
    } finally {
      threads.shutdown();
    }
  }

  @Test
  void aDataKeyIsWrappedForItsTenantOnlyAndNeverShown() {
    DataKeyWrapper wrapper =
        new DataKeyWrapper(new SecretCipher(new KeyRing(Map.of("k1", SecretsTest.key(3)), "k1")));
    DataKey key = DataKey.generate();

    String wrapped = wrapper.wrap("acme", key);
    assertTrue(wrapped.startsWith("k1:"), "it names its ring key");
    assertFalse(wrapped.contains(key.encoded()));
    assertEquals(key, wrapper.unwrap("acme", wrapped));
    assertThrows(SecretException.class, () -> wrapper.unwrap("globex", wrapped));

    assertEquals(key, DataKey.decode(key.encoded()));
    assertEquals("DataKey[…]", key.toString());
    assertNotEquals(key, DataKey.generate());
    assertThrows(SecretException.class, () -> DataKey.decode("c2hvcnQ"));
  }

  @Test
  void aTenantSealedValueOpensOnlyWithItsTenantsKeyForItsTenantAndPurpose() {
    DataKey acme = DataKey.generate();
    String sealed = TenantSeal.seal(acme, "acme", "typed-address", "ada@acme.example");
    assertTrue(TenantSeal.isSealed(sealed));
    assertFalse(sealed.contains("ada"));
    assertNotEquals(sealed, TenantSeal.seal(acme, "acme", "typed-address", "ada@acme.example"));
    assertEquals("ada@acme.example", TenantSeal.open(acme, "acme", "typed-address", sealed));
    assertThrows(
        SecretException.class,
        () -> TenantSeal.open(DataKey.generate(), "acme", "typed-address", sealed));
    assertThrows(
        SecretException.class, () -> TenantSeal.open(acme, "globex", "typed-address", sealed));
    assertThrows(SecretException.class, () -> TenantSeal.open(acme, "acme", "other", sealed));
    assertThrows(
        SecretException.class, () -> TenantSeal.open(acme, "acme", "typed-address", "ts1:AAAA"));
    assertThrows(
        SecretException.class,
        () -> TenantSeal.open(acme, "acme", "typed-address", "ada@acme.example"));
    // Not a person's seal: the tenant's key itself opens nothing as a data key.
    assertThrows(
        SecretException.class,
        () ->
            PersonalSeal.open(
                acme, "acme", "typed-address", "pd1:" + sealed.substring("ts1:".length())));
  }
}
