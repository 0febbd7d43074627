package io.lanyard.credential.domain;

/**
 * A code or card number as the domain handles it: a keyed hash to compare and look up, a ciphertext
 * for the few who may see it; never the value itself.
 */
public record SealedSecret(String hash, String ciphertext) {

  @Override
  public String toString() {
    return "SealedSecret[" + hash + "]";
  }
}
