package io.lanyard.secrets;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.spec.SecretKeySpec;

/**
 * Named 256-bit keys: new values are protected with the current one, old ones stay readable while
 * their key is on the ring. Rotation = add a key, make it current, re-encrypt at leisure, drop the
 * old key.
 */
public final class KeyRing {

  private final Map<String, byte[]> keys;
  private final String currentId;

  public KeyRing(Map<String, byte[]> keys, String currentId) {
    this.keys = new TreeMap<>();
    keys.forEach(
        (id, key) -> {
          if (!id.matches("[A-Za-z0-9_-]{1,32}")) {
            throw new IllegalArgumentException("key ids are 1–32 of A-Z a-z 0-9 _ -: " + id);
          }
          if (key.length != 32) {
            throw new IllegalArgumentException("key " + id + " is not 256 bits");
          }
          this.keys.put(id, key.clone());
        });
    if (!this.keys.containsKey(currentId)) {
      throw new IllegalArgumentException("the current key " + currentId + " is not on the ring");
    }
    this.currentId = currentId;
  }

  /** Parses {@code id1:base64,id2:base64} (standard base64 of 32 bytes each). */
  public static KeyRing parse(String keys, String currentId) {
    Map<String, byte[]> parsed = new TreeMap<>();
    for (String entry : keys.split(",")) {
      String[] parts = entry.strip().split(":", 2);
      if (parts.length != 2) {
        throw new IllegalArgumentException("a key is written id:base64");
      }
      parsed.put(parts[0], Base64.getDecoder().decode(parts[1]));
    }
    return new KeyRing(parsed, currentId);
  }

  public String currentId() {
    return currentId;
  }

  /** Every key id on the ring, the current one first (the order to try lookups in). */
  public List<String> ids() {
    List<String> ids = new ArrayList<>();
    ids.add(currentId);
    keys.keySet().stream().filter(id -> !id.equals(currentId)).forEach(ids::add);
    return List.copyOf(ids);
  }

  SecretKeySpec key(String id, String algorithm) {
    return new SecretKeySpec(material(id), algorithm);
  }

  byte[] material(String id) {
    byte[] key = keys.get(id);
    if (key == null) {
      throw new SecretException("no key " + id + " on the ring");
    }
    return key;
  }

  @Override
  public String toString() {
    return "KeyRing" + keys.keySet() + " current " + currentId;
  }
}
