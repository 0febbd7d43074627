package io.lanyard.credential.domain;

import io.lanyard.kernel.DomainException;
import java.util.Locale;

/**
 * Which characters a tenant's access codes use. Codes are case-insensitive (kept upper-case);
 * generated codes leave out characters that read alike (0/O, 1/I), typed ones may use them.
 */
public enum CodeAlphabet {
  ALPHANUMERIC("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"),
  DIGITS("0123456789", "0123456789");

  private final String accepted;
  private final String generated;

  CodeAlphabet(String accepted, String generated) {
    this.accepted = accepted;
    this.generated = generated;
  }

  public boolean accepts(char c) {
    return accepted.indexOf(c) >= 0;
  }

  /** The characters generation draws from. */
  public String generated() {
    return generated;
  }

  public String describe() {
    return this == DIGITS ? "digits" : "letters and digits";
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static CodeAlphabet fromWire(String value) {
    for (CodeAlphabet alphabet : values()) {
      if (alphabet.wire().equals(value)) {
        return alphabet;
      }
    }
    throw DomainException.invalid(
        "invalid_code_alphabet", "codeAlphabet must be alphanumeric or digits");
  }
}
