package io.lanyard.secrets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretsTest {

  static byte[] key(int fill) {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) fill);
    return key;
  }

  static final KeyRing RING = new KeyRing(Map.of("k1", key(1)), "k1");

  @Test
  void aCiphertextDecryptsOnlyForItsTenantAndPurposeAndNeverShowsThePlaintext() {
    SecretCipher cipher = new SecretCipher(RING);
    String sealed = cipher.encrypt("acme", "access-code", "7KQ2MX");
    assertTrue(sealed.startsWith("k1:"));
    assertFalse(sealed.contains("7KQ2MX"));
    assertEquals("7KQ2MX", cipher.decrypt("acme", "access-code", sealed));
    assertNotEquals(sealed, cipher.encrypt("acme", "access-code", "7KQ2MX"), "nonces repeat");
    SecretException wrongTenant =
        assertThrows(SecretException.class, () -> cipher.decrypt("globex", "access-code", sealed));
    assertFalse(wrongTenant.getMessage().contains("7KQ2MX"));
    assertThrows(SecretException.class, () -> cipher.decrypt("acme", "card-number", sealed));
    assertThrows(SecretException.class, () -> cipher.decrypt("acme", "access-code", "k1:AAAA"));
    assertThrows(SecretException.class, () -> cipher.decrypt("acme", "access-code", "nonsense"));
  }

  @Test
  void hkdfGivesRfc5869sOutput() {
    byte[] inputKey = new byte[22];
    Arrays.fill(inputKey, (byte) 0x0b);
    // RFC 5869, test case 3 (SHA-256, no salt, no info).
    assertEquals(
        "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8",
        java.util.HexFormat.of().formatHex(Hkdf.derive(inputKey, "", "", 42)));
  }

  @Test
  void aCiphertextOpensOnlyWithTheKeyItWasSealedUnderNotAnotherOfTheSameName() {
    String sealed = new SecretCipher(RING).encrypt("acme", "access-code", "7KQ2MX");
    KeyRing impostor = new KeyRing(Map.of("k1", key(9)), "k1");
    assertThrows(
        SecretException.class,
        () -> new SecretCipher(impostor).decrypt("acme", "access-code", sealed));
  }

  @Test
  void keysRotateAndOldCiphertextsStayReadableWhileTheirKeyIsOnTheRing() {
    String old = new SecretCipher(RING).encrypt("acme", "access-code", "7KQ2MX");
    KeyRing rotated = new KeyRing(Map.of("k1", key(1), "k2", key(2)), "k2");
    SecretCipher cipher = new SecretCipher(rotated);
    assertEquals("7KQ2MX", cipher.decrypt("acme", "access-code", old));
    assertTrue(cipher.encrypt("acme", "access-code", "X").startsWith("k2:"));
    KeyRing dropped = new KeyRing(Map.of("k2", key(2)), "k2");
    assertThrows(
        SecretException.class, () -> new SecretCipher(dropped).decrypt("acme", "access-code", old));
  }

  @Test
  void hashesAreStablePerTenantAndDifferAcrossTenantsPurposesAndKeys() {
    SecretHasher hasher = new SecretHasher(RING);
    String acme = hasher.hash("acme", "access-code", "7KQ2MX");
    assertEquals(acme, hasher.hash("acme", "access-code", "7KQ2MX"));
    assertNotEquals(acme, hasher.hash("globex", "access-code", "7KQ2MX"));
    assertNotEquals(acme, hasher.hash("acme", "card-number", "7KQ2MX"));
    assertNotEquals(acme, hasher.hash("acme", "access-code", "7KQ2MY"));
    assertFalse(acme.contains("7KQ2MX"));
    KeyRing rotated = new KeyRing(Map.of("k1", key(1), "k2", key(2)), "k2");
    SecretHasher after = new SecretHasher(rotated);
    assertTrue(after.hash("acme", "access-code", "7KQ2MX").startsWith("k2:"));
    assertEquals(acme, after.hash("k1", "acme", "access-code", "7KQ2MX"));

    List<byte[]> digests = after.digestsUnderEveryKey("acme", "access-code", "7KQ2MX");
    assertEquals(List.of("k2", "k1"), rotated.ids());
    assertEquals(2, digests.size());
    assertArrayEquals(after.digest("acme", "access-code", "7KQ2MX"), digests.get(0));
    assertEquals(
        acme, "k1:" + Base64.getUrlEncoder().withoutPadding().encodeToString(digests.get(1)));
  }

  /** Tenant keys as a service holds them: acme and globex have material, legacy has none. */
  static final class HeldTenantKeys implements TenantKeys {
    final Map<String, DataKey> held =
        new java.util.HashMap<>(Map.of("acme", DataKey.generate(), "globex", DataKey.generate()));
    final java.util.Set<String> erased = new java.util.HashSet<>();

    @Override
    public java.util.Optional<DataKey> keyOf(String tenantId) {
      if (erased.contains(tenantId)) {
        throw new TenantKeyUnavailable(tenantId, true);
      }
      if ("legacy".equals(tenantId)) {
        return java.util.Optional.empty();
      }
      DataKey material = held.get(tenantId);
      if (material == null) {
        throw new TenantKeyUnavailable(tenantId, false);
      }
      return java.util.Optional.of(material);
    }
  }

  @Test
  void aTenantsOwnKeyIsNeededBesideTheRingAndItsErasureLeavesTheRingNothingToOpenOrFind() {
    HeldTenantKeys tenants = new HeldTenantKeys();
    SecretCipher cipher = new SecretCipher(RING, tenants);
    SecretHasher hasher = new SecretHasher(RING, tenants);
    String sealed = cipher.encrypt("acme", "access-code", "7KQ2MX");
    String hash = hasher.hash("acme", "access-code", "7KQ2MX");
    assertEquals("7KQ2MX", cipher.decrypt("acme", "access-code", sealed));
    assertEquals(hash, hasher.hash("acme", "access-code", "7KQ2MX"), "stable while held");

    // The ring alone, as an operator who kept only the Secrets holds it: opens and finds nothing.
    assertThrows(
        SecretException.class, () -> new SecretCipher(RING).decrypt("acme", "access-code", sealed));
    assertNotEquals(hash, new SecretHasher(RING).hash("acme", "access-code", "7KQ2MX"));
    // Another tenant's material does not stand in for acme's.
    tenants.held.put("acme", tenants.held.get("globex"));
    SecretCipher other = new SecretCipher(RING, tenants);
    assertThrows(SecretException.class, () -> other.decrypt("acme", "access-code", sealed));
    assertNotEquals(hash, new SecretHasher(RING, tenants).hash("acme", "access-code", "7KQ2MX"));

    // Erased: the keys derived in memory go too, nothing opens or hashes for acme again.
    tenants.erased.add("acme");
    cipher.forget("acme");
    hasher.forget("acme");
    TenantKeyUnavailable gone =
        assertThrows(
            TenantKeyUnavailable.class, () -> cipher.decrypt("acme", "access-code", sealed));
    assertTrue(gone.erased());
    assertThrows(TenantKeyUnavailable.class, () -> hasher.hash("acme", "access-code", "7KQ2MX"));
    assertEquals(
        "X", cipher.decrypt("globex", "access-code", cipher.encrypt("globex", "access-code", "X")));
  }

  @Test
  void aTenantMadeBeforeTenantKeysKeepsTheRingsKeysAndAnUnknownOneWaits() {
    HeldTenantKeys tenants = new HeldTenantKeys();
    String before = new SecretCipher(RING).encrypt("legacy", "access-code", "7KQ2MX");
    assertEquals(
        "7KQ2MX", new SecretCipher(RING, tenants).decrypt("legacy", "access-code", before));
    assertEquals(
        new SecretHasher(RING).hash("legacy", "access-code", "7KQ2MX"),
        new SecretHasher(RING, tenants).hash("legacy", "access-code", "7KQ2MX"));
    TenantKeyUnavailable notYet =
        assertThrows(
            TenantKeyUnavailable.class,
            () -> new SecretHasher(RING, tenants).hash("initech", "access-code", "7KQ2MX"));
    assertFalse(notYet.erased());
  }

  @Test
  void aRingIsParsedFromConfigurationAndRefusesWeakOrMissingKeys() {
    String k = Base64.getEncoder().encodeToString(key(7));
    KeyRing ring = KeyRing.parse("a:" + k + ", b:" + k, "b");
    assertEquals("b", ring.currentId());
    assertThrows(IllegalArgumentException.class, () -> KeyRing.parse("a:" + k, "b"));
    assertThrows(
        IllegalArgumentException.class,
        () -> KeyRing.parse("a:" + Base64.getEncoder().encodeToString(new byte[16]), "a"));
    assertFalse(ring.toString().contains(k), "keys must not appear in toString");
  }
}
