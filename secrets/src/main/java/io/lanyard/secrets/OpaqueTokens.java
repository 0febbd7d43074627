package io.lanyard.secrets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Bearer tokens that only their issuer understands (a device's, a directory's SCIM token): a prefix
 * that says what the token is for, and 256 random bits. Shown once, stored and published only as
 * their SHA-256; a plain hash is enough here (unlike passwords), as the token's entropy makes
 * guessing from the hash hopeless.
 */
public final class OpaqueTokens {

  /** Device tokens: {@code lyd_...}. */
  public static final OpaqueTokens DEVICE = new OpaqueTokens("lyd_");

  /** SCIM secret tokens of a tenant's directory: {@code lys_...}. */
  public static final OpaqueTokens SCIM = new OpaqueTokens("lys_");

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ThreadLocal<MessageDigest> SHA_256 =
      ThreadLocal.withInitial(OpaqueTokens::newSha256);

  private final String prefix;

  private OpaqueTokens(String prefix) {
    this.prefix = prefix;
  }

  public String issue() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The stored form of a token (hex SHA-256); also what a presented token is looked up by. */
  public static String hash(String token) {
    return HexFormat.of().formatHex(digest(token));
  }

  /** The token's SHA-256 as bytes (each device request computes it: one digest per thread). */
  public static byte[] digest(String token) {
    MessageDigest sha256 = SHA_256.get();
    sha256.reset();
    return sha256.digest(token.getBytes(StandardCharsets.UTF_8));
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /** Whether a presented value can be one of these tokens at all (before any lookup). */
  public boolean wellFormed(String token) {
    return token != null && token.startsWith(prefix) && token.length() == prefix.length() + 43;
  }

  /** The token in an {@code Authorization: Bearer <token>} header, if there is one. */
  public static String fromBearer(String authorization) {
    String bearer = "Bearer ";
    return authorization != null && authorization.regionMatches(true, 0, bearer, 0, bearer.length())
        ? authorization.substring(bearer.length()).strip()
        : null;
  }
}
