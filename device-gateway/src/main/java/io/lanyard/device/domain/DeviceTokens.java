package io.lanyard.device.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Device tokens: 256 random bits, shown once, stored and published only as their SHA-256. A plain
 * hash is enough here (unlike passwords): the token's entropy makes guessing from the hash
 * hopeless.
 */
public final class DeviceTokens {

  private static final String PREFIX = "lyd_";

  private final SecureRandom random;

  public DeviceTokens(SecureRandom random) {
    this.random = random;
  }

  public String issue() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The stored form of a token; also what an incoming bearer token is looked up by. */
  public static String hash(String token) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /** Whether a presented value can be a device token at all (before any lookup). */
  public static boolean wellFormed(String token) {
    return token != null && token.startsWith(PREFIX) && token.length() == PREFIX.length() + 43;
  }
}
