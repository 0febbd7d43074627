package io.lanyard.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OpaqueTokensTest {

  @Test
  void tokensAreRandomWellFormedAndStoredOnlyAsTheirHash() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String token = OpaqueTokens.DEVICE.issue();
      assertTrue(OpaqueTokens.DEVICE.wellFormed(token), token);
      assertTrue(seen.add(token));
    }
    String token = OpaqueTokens.DEVICE.issue();
    String hash = OpaqueTokens.hash(token);
    assertEquals(64, hash.length());
    assertEquals(hash, OpaqueTokens.hash(token));
    assertNotEquals(hash, OpaqueTokens.hash(OpaqueTokens.DEVICE.issue()));
    assertFalse(hash.contains(token.substring(4)));
    assertEquals(hash, java.util.HexFormat.of().formatHex(OpaqueTokens.digest(token)));
  }

  @Test
  void eachKindOfTokenIsRecognisedWithoutALookup() {
    assertFalse(OpaqueTokens.DEVICE.wellFormed(null));
    assertFalse(OpaqueTokens.DEVICE.wellFormed("Bearer x"));
    assertFalse(OpaqueTokens.DEVICE.wellFormed("lyd_short"));
    assertFalse(OpaqueTokens.DEVICE.wellFormed(OpaqueTokens.SCIM.issue()));
    assertTrue(OpaqueTokens.SCIM.wellFormed(OpaqueTokens.SCIM.issue()));
  }

  @Test
  void theTokenIsTakenFromABearerHeader() {
    assertEquals("abc", OpaqueTokens.fromBearer("Bearer abc"));
    assertEquals("abc", OpaqueTokens.fromBearer("bearer  abc "));
    assertNull(OpaqueTokens.fromBearer("Basic abc"));
    assertNull(OpaqueTokens.fromBearer(null));
  }
}
