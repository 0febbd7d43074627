package io.lanyard.device.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeviceTokensTest {

  @Test
  void tokensAreRandomWellFormedAndStoredOnlyAsTheirHash() {
    DeviceTokens tokens = new DeviceTokens(new SecureRandom());
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String token = tokens.issue();
      assertTrue(DeviceTokens.wellFormed(token), token);
      assertTrue(seen.add(token));
    }
    String token = tokens.issue();
    String hash = DeviceTokens.hash(token);
    assertEquals(64, hash.length());
    assertEquals(hash, DeviceTokens.hash(token));
    assertNotEquals(hash, DeviceTokens.hash(tokens.issue()));
    assertFalse(hash.contains(token.substring(4)));
  }

  @Test
  void valuesThatCannotBeTokensAreRecognisedWithoutALookup() {
    assertFalse(DeviceTokens.wellFormed(null));
    assertFalse(DeviceTokens.wellFormed("Bearer x"));
    assertFalse(DeviceTokens.wellFormed("lyd_short"));
  }
}
