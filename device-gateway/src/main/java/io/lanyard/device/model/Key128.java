package io.lanyard.device.model;

import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

/**
 * 128 bits that name something in the login model: a user, device or card id, or the first half of
 * a keyed hash. Entries of the model extend it, so that one object is both a map's key and its
 * value: a million users cost one object each, not a key object and a value object.
 */
public class Key128 {

  final long hi;
  final long lo;

  Key128(long hi, long lo) {
    this.hi = hi;
    this.lo = lo;
  }

  public static Key128 of(UUID id) {
    return new Key128(id.getMostSignificantBits(), id.getLeastSignificantBits());
  }

  public static Key128 ofUuid(String id) {
    return of(UUID.fromString(id));
  }

  /**
   * A keyed hash as events write it, {@code <key id>:<base64url of 32 bytes>}: its first 16 bytes.
   * Within a tenant two different values share them with a chance of 2^-128.
   */
  public static Key128 ofKeyedHash(String keyedHash) {
    int colon = keyedHash.indexOf(':');
    byte[] digest = Base64.getUrlDecoder().decode(keyedHash.substring(colon + 1));
    return ofBytes(digest);
  }

  /** A SHA-256 written in hex (device tokens): its first 16 bytes. */
  public static Key128 ofHex(String hex) {
    return ofBytes(HexFormat.of().parseHex(hex, 0, 32));
  }

  /** The first 16 bytes of a digest. */
  public static Key128 ofBytes(byte[] bytes) {
    if (bytes.length < 16) {
      throw new IllegalArgumentException("a key needs at least 16 bytes");
    }
    long hi = 0;
    long lo = 0;
    for (int i = 0; i < 8; i++) {
      hi = (hi << 8) | (bytes[i] & 0xff);
      lo = (lo << 8) | (bytes[i + 8] & 0xff);
    }
    return new Key128(hi, lo);
  }

  public UUID toUuid() {
    return new UUID(hi, lo);
  }

  @Override
  public final int hashCode() {
    return (int) (hi ^ (hi >>> 32) ^ lo);
  }

  @Override
  public final boolean equals(Object other) {
    return other instanceof Key128 key && key.hi == hi && key.lo == lo;
  }
}
